// The Ed25519 precompile chips' traces (sp1/air/riscv/edwards.hpp) from a shard's
// ED_ADD and ED_DECOMPRESS calls (zkvm::PrecompileEvent, in the shard's order), as
// SP1 v6.4's generate_trace_into writes them (crates/core/machine/src/syscall/
// precompiles/edwards/ed_{add,decompress}.rs): one row a call; padding rows are
// one fixed row with is_real and every access column 0:
//   EdAddAssign   the field operations of (0, 0) + (0, 0)
//   EdDecompress  the field operations of y = 0 (sign 0): u = -1, v = 1, x the
//                 even root of -1
// A call's memory accesses are the executor's (zkvm/recording_memory.hpp): ED_ADD
// reads Q's words at clk and writes P's at clk + 1; ED_DECOMPRESS reads y's words
// (at ptr + 32) at clk and writes x's at clk + 1; each in increasing address order.
// The written words must be the chip's result, else the call is refused; so is a
// call the chip cannot prove (ED_DECOMPRESS's y not below p, or not a point's y;
// an addition's zero denominator). A chip of the other trust mode than the
// program's has no rows. A User row also has the call's page checks
// (slice_page_prot_populate.hpp: the words read at clk, those written at clk + 1);
// an ED_ADD call that trapped on them made no accesses: its row has the padding
// row's operations, its clock, pointers and addresses. A trapped ED_DECOMPRESS
// is refused: SP1's row for it breaks the chip's constraint on x.
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace ed_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace ed_decompress_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
