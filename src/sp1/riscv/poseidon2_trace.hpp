// The Poseidon2 precompile chip's trace (sp1/air/riscv/poseidon2_precompile.hpp)
// from a shard's POSEIDON2 calls (zkvm::PrecompileEvent, in the shard's order), as
// SP1 v6.4's generate_trace_into writes it (crates/core/machine/src/syscall/
// precompiles/poseidon2/air.rs): one row a call; padding rows are zero but for the
// permutation's states, which hold the permutation of the zero state (the rounds'
// constraints hold on every row). A call's memory accesses are the executor's
// (zkvm/syscalls.cpp): the writes of the 8 words at the call's clock, each with the
// value it replaced. A chip of the other trust mode than the program's has no rows.
// A Poseidon2User row also has the call's page checks (slice_page_prot_populate.hpp:
// the 8 words read and written, at clk); a call that trapped on them made no
// accesses: its row has its clock, pointer and addresses, the permutation of zero
// and that permutation's output as the hash result.
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// Poseidon2 (options.mode Supervisor) or Poseidon2User.
RiscvChipTrace poseidon2_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
