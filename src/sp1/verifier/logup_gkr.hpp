// SP1's LogUp-GKR verifier (crates/hypercube/src/logup_gkr/verifier.rs): checks that
// every chip's interactions (sends positive, receives negative) sum to the public
// values' share (public_values_sum.hpp; zero for the recursion machine), by a layered GKR proof of the
// fraction sum whose last layer the verifier recomputes from the chips' openings at
// the GKR point. Throws Rejected("logup_gkr: ...").
#pragma once

#include <cstddef>
#include <span>

#include "sp1/verifier/public_values_sum.hpp"
#include "sp1/verifier/shard_chips.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

// The proof-of-work bits before the GKR randomness (GKR_GRINDING_BITS).
inline constexpr unsigned kGkrGrindingBits = 12;

// `public_values_air`: the machine's, or null when it has none (the recursion machines).
template <class Challenger>
void verify_logup_gkr(const ShardChips& chips, const wire::LogupGkrProof& proof, size_t max_log_row_count,
                      std::span<const wire::F> public_values, Challenger& challenger,
                      const PublicValuesAir* public_values_air = nullptr);

}  // namespace zkgpu::sp1::verifier
