// The short-Weierstrass curve precompile chips' traces (sp1/air/riscv/
// weierstrass.hpp; secp256k1, secp256r1, BN254, BLS12-381) from a shard's calls (zkvm::PrecompileEvent, in the shard's
// order), as SP1 v6.4's generate_trace_into writes them (crates/core/machine/src/
// syscall/precompiles/weierstrass/weierstrass_{add,double}.rs): one row a call;
// padding rows are one fixed row computed from a fixed valid input:
//   AddAssign     Q = (1, 1) read from q_access's first word of each coordinate
//                 (value 1, timestamp 1 after 0), P = (0, 0); the field operations
//                 of P + Q by the chip's formulas
//   DoubleAssign  P = (0, 1), p.y's first word written with previous value 1
//                 (timestamp 1 after 0); the field operations of 2P
// with is_real and every other column 0.
// A call's memory accesses are the executor's (zkvm/recording_memory.hpp): an
// addition reads Q's words at clk and writes P's at clk + 1; a doubling writes P's
// at clk; each in increasing address order. The written point must be the one the
// chip's formulas give (else the call is refused), as must a nonzero denominator.
// A chip of the other trust mode than the program's has no rows. A User row also
// has the call's page checks (slice_page_prot_populate.hpp: Q read at clk, P read
// and written at clk + 1; a doubling's P at clk); a call that trapped on them
// made no accesses: its row has the padding row's operations and accesses, its
// clock, pointers and addresses.
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace secp256k1_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace secp256k1_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace secp256r1_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace secp256r1_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bn254_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bn254_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bls12381_add_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace bls12381_double_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
