// The prover's side of SP1's sumcheck transcript (reduce_sumcheck_to_evaluation in
// succinctlabs/sp1 slop/crates/sumcheck/src/prover.rs, with one polynomial and
// lambda = 1), the mirror of verify_partial_sumcheck (sumcheck.hpp): each round's
// polynomial (coefficients, constant first) is observed, then a challenge is
// sampled and bound to the round's variable. The proof's point lists the
// challenges LAST sampled first; its value is the last polynomial at the last
// challenge. What a round polynomial is, and how a challenge binds, is the
// caller's: round(r) returns round r's coefficients, bind(alpha) fixes its variable.
#pragma once

#include <cstddef>
#include <vector>

#include "sp1/multilinear/univariate.hpp"
#include "sp1/transcript/fields.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::multilinear {

template <class Challenger, class Round, class Bind>
wire::PartialSumcheckProof prove_sumcheck_rounds(const EF& claimed_sum, size_t num_rounds, Challenger& challenger,
                                                 Round&& round, Bind&& bind) {
  wire::PartialSumcheckProof proof;
  proof.claimed_sum = claimed_sum;
  proof.point.resize(num_rounds);
  proof.eval = claimed_sum;
  for (size_t r = 0; r < num_rounds; ++r) {
    std::vector<EF> poly = round(r);
    challenger.observe_ext_slice(poly);
    const EF alpha = challenger.sample_ext();
    bind(alpha);
    proof.point[num_rounds - 1 - r] = alpha;
    proof.eval = eval_univariate<EF>(poly, alpha);
    proof.univariate_polys.push_back(std::move(poly));
  }
  return proof;
}

}  // namespace zkgpu::sp1::multilinear
