// Checks a shard's traces as SP1's prover and verifier would hold them: every
// constraint of every chip on every row and of the public values
// (first_violation); every interaction kind balanced in the shard's LogUp sum
// over all chips and the public values, under a random challenge
// (unbalanced_kinds; each kind on its own, so the one that fails is named); and
// across a run, the global interactions: SP1's verifier
// (crates/prover/src/verify.rs) adds the vk's initial global cumulative sum and
// every shard's global_cumulative_sum as SepticDigests and requires
// SepticDigest::zero() (global_sums_cancel).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sp1/air/septic_curve.hpp"
#include "sp1/riscv/shard_traces.hpp"

namespace zkgpu::sp1::riscv {

struct ConstraintFailure {
  std::string chip;  // "PublicValues" for the public values' constraints (row 0)
  size_t row = 0;
  size_t constraint = 0;
};

// The first broken constraint in RiscvAir's chip order, then the public values'.
std::optional<ConstraintFailure> first_violation(const ShardTraces& shard);

// A random challenge for the LogUp sums: alpha and enough betas for any of the
// machine's interactions.
struct LogUpChallenge {
  air::Ext alpha;
  std::vector<air::Ext> betas;
};
LogUpChallenge random_challenge();

// The kinds whose share of the shard's LogUp sum is not zero, in kind order.
std::vector<air::InteractionKind> unbalanced_kinds(const ShardTraces& shard, const LogUpChallenge& challenge);

std::string_view kind_name(air::InteractionKind kind);

// SP1's SepticDigest sum of the initial sum and the shards' sums is
// SepticDigest::zero(): as points, the initial sum and every shard sum less
// the start digest add up to the point at infinity.
bool global_sums_cancel(const air::septic::Point& initial, std::span<const air::septic::Point> shard_sums);

}  // namespace zkgpu::sp1::riscv
