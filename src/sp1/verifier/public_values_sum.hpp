// The public values' share of a shard's LogUp sum (LogUpGkrVerifier::
// verify_public_values in crates/hypercube/src/logup_gkr/verifier.rs). A machine's
// record may constrain its public values and send or receive interactions from them
// (MachineRecord::eval_public_values): the RISC-V machine does (its ExecutionRecord
// sends the shard's initial and final state, crates/core/executor/src/record.rs), the
// recursion machines do not. The verifier folds the constraints with a sampled
// challenge, which must give zero, and the GKR circuit's output must sum to minus
// the interactions' sum (sends positive, receives negative), as each is multiplicity
// over fingerprint.
#pragma once

#include <cstddef>
#include <span>

#include "sp1/air/evaluator.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::verifier {

class PublicValuesAir {
 public:
  virtual ~PublicValuesAir() = default;
  // The constraints (in the order asserted) and interactions over the public values.
  virtual air::RowEvaluation<air::Felt> eval(std::span<const air::Felt> public_values) const = 0;
  // Over every interaction kind it may use: the most values plus one (for the kind);
  // it widens beta like the chips' interactions (interactions_in_public_values).
  virtual size_t max_interaction_arity() const = 0;
};

// The cumulative sum the GKR circuit must output: zero without a public-values AIR.
// Throws Rejected("logup_gkr: public values constraints do not hold").
wire::EF public_values_cumulative_sum(const PublicValuesAir* air, std::span<const wire::F> public_values,
                                      const wire::EF& challenge, const wire::EF& alpha,
                                      std::span<const wire::EF> betas);

}  // namespace zkgpu::sp1::verifier
