// The 256-bit integer chips' traces (sp1/air/riscv/uint256.hpp) from a shard's
// calls (zkvm::PrecompileEvent), as SP1 v6.4's generate_trace_into writes them
// (crates/core/machine/src/syscall/precompiles/uint256/air.rs, uint256_ops/mod.rs):
//   Uint256MulMod  one row a UINT256_MUL call, in the shard's order; its accesses
//                  are the executor's (zkvm/recording_memory.hpp): y's and then the
//                  modulus's words read at clk, then x's written at clk + 1
//   Uint256Ops     one row a UINT256_ADD_CARRY call, then one a UINT256_MUL_CARRY
//                  call, each kind in the shard's order; the accesses are registers
//                  x12, x13, x14 read at clk, a's, b's and c's words read at clk,
//                  clk + 1 and clk + 2, d's and e's written at clk + 3 and clk + 4
//                  (zkvm/phased_recording_memory.hpp)
// Written words that are not the chip's result are refused. Padding rows are zero
// but for the operation's witness limbs (the offset: 0 op 0). A chip of the
// other trust mode than the program's has no rows. A User row also has the call's
// page checks (slice_page_prot_populate.hpp, the slices in the order above, the
// k-th at clk + k); a call that trapped on them made no operand accesses (a
// Uint256Ops call still read its three pointer registers): its row has its
// clock, flags, pointers and addresses and the padding row's operation (a
// Uint256MulMod row also the zero modulus's flag).
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace uint256_mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});
RiscvChipTrace uint256_ops_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
