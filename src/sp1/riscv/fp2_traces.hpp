// The Fp2 operation chips' traces (sp1/air/riscv/fp2_op.hpp; BN254, BLS12-381)
// from a shard's {BN254,BLS12381}_FP2_{ADD,SUB} calls (the AddSub chips) and
// _FP2_MUL calls (the Mul chips), in the shard's order, as SP1 v6.4's
// generate_trace_into writes them (crates/core/machine/src/syscall/precompiles/
// fptower/fp2_addsub.rs, fp2_mul.rs): one row a call, the field operations on
// the coordinates of x and y as read (not reduced first); padding rows have the
// operations on zeros (AddSub: is_add = 1, 0 + 0) and every other column 0.
// A call's accesses are the executor's (zkvm/recording_memory.hpp): y's words
// read at clk, then x's written at clk + 1, each in increasing address order;
// the written x must be the chip's result, else the call is refused. A chip of
// the other trust mode than the program's has no rows. A User row also has the
// call's page checks (slice_page_prot_populate.hpp: y read at clk, x read and
// written at clk + 1); a call that trapped on them made no accesses: its row has
// its flag, clock, pointers and addresses and its operations on zeros.
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace bn254_fp2_addsub_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bn254_fp2_mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bls12381_fp2_addsub_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bls12381_fp2_mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
