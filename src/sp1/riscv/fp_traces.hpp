// The Fp operation chips' traces (sp1/air/riscv/fp_op.hpp; BN254, BLS12-381) from a
// shard's {BN254,BLS12381}_FP_{ADD,SUB,MUL} calls (zkvm::PrecompileEvent, in the
// shard's order), as SP1 v6.4's generate_trace_into writes them (crates/core/
// machine/src/syscall/precompiles/fptower/fp.rs): one row a call, its flag the
// call's operation, the field operation on x and y as read (not reduced first);
// padding rows have is_add = 1, the field operation 0 + 0 and every other column 0.
// A call's accesses are the executor's (zkvm/recording_memory.hpp): y's words read
// at clk, then x's written at clk + 1, each in increasing address order; the
// written x must be the chip's result, else the call is refused. A chip of the
// other trust mode than the program's has no rows. A User row also has the call's
// page checks (slice_page_prot_populate.hpp: y read at clk, x read and written at
// clk + 1); a call that trapped on them made no accesses: its row has its flag,
// clock, pointers and addresses and its operation on zeros.
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace bn254_fp_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bls12381_fp_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
