// What SP1's compress program asserts about the public values of the proofs it
// aggregates, beyond verifying each one (crates/recursion/circuit/src/machine/
// compress.rs SP1CompressVerifier::verify): each proof's flags are well formed, each
// proof continues where the one before it ended, and, when the batch is marked
// complete, the aggregate is a whole execution (complete.rs assert_complete).
// Each check throws Rejected naming it: "chain: proof 2: pc_start differs from the
// previous proof's next_pc", "completeness: next_pc is not HALT_PC".
#pragma once

#include <span>
#include <vector>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::stage {

using wire::F;

// HALT_PC (crates/core/executor/src/lib.rs) and MAX_LOG_NUMBER_OF_SHARDS
// (crates/core/machine/src/riscv/mod.rs).
inline constexpr uint32_t kHaltPc = 1;
inline constexpr unsigned kMaxLogNumberOfShards = 24;

// The public values (187 each, in order) of a batch, checked as the compress program
// checks them; returns the aggregate it would commit, without its `digest`.
std::vector<F> aggregate_compress_public_values(std::span<const std::vector<F>* const> proofs, bool is_complete);

// assert_complete on an aggregate, for a batch marked complete.
void check_complete(std::span<const F> aggregate);

}  // namespace zkgpu::sp1::stage
