// SP1's zerocheck verifier (verify_zerocheck in crates/hypercube/src/verifier/
// shard.rs): the chips' constraints, folded with a challenge and corrected for the
// padding rows, must vanish on every row; one sumcheck over all chips proves it,
// batched with the GKR openings so that the main and preprocessed openings at the
// zerocheck point are tied to those at the GKR point. Throws Rejected("zerocheck: ...").
#pragma once

#include <cstddef>
#include <span>

#include "sp1/verifier/shard_chips.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

// MAX_CONSTRAINT_DEGREE (crates/hypercube/src/chip.rs): the zerocheck's round
// polynomials have degree one more (the eq factor).
inline constexpr size_t kMaxConstraintDegree = 3;

template <class Challenger>
void verify_zerocheck(const ShardChips& chips, const wire::LogupGkrProof& gkr, const wire::PartialSumcheckProof& proof,
                      size_t max_log_row_count, std::span<const wire::F> public_values, Challenger& challenger);

// The chip's constraints at one row of column values, folded the way SP1's verifier
// folder does: acc = acc * alpha + c for each constraint c in order.
wire::EF fold_constraints(const air::MachineChip& chip, std::span<const wire::EF> main,
                          std::span<const wire::EF> preprocessed, std::span<const wire::F> public_values,
                          const wire::EF& alpha);

}  // namespace zkgpu::sp1::verifier
