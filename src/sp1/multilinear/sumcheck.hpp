// The sumcheck check SP1 runs before a final-point evaluation it checks itself
// (partially_verify_sumcheck_proof in succinctlabs/sp1 slop/crates/sumcheck/src/verifier.rs):
//   the first round polynomial's p(0) + p(1) must equal the claimed sum; its
//   coefficients are observed; then for every later round a challenge is sampled,
//   the previous polynomial evaluated there must equal this round's p(0) + p(1), and
//   its coefficients are observed; a last challenge is sampled. The challenges,
//   LAST sampled FIRST (Point::add_dimension prepends), must equal the proof's point,
//   and the last polynomial at the last challenge must equal the proof's evaluation.
// Every round polynomial has exactly degree + 1 coefficients.
#pragma once

#include <string>
#include <vector>

#include "sp1/errors.hpp"
#include "sp1/multilinear/univariate.hpp"
#include "sp1/transcript/fields.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::multilinear {

// Throws Rejected("<what>: ...") naming the failed round.
// The proof as the wire format reads it (slop_sumcheck::PartialSumcheckProof).
using PartialSumcheckProof = wire::PartialSumcheckProof;

template <class Challenger>
void verify_partial_sumcheck(const PartialSumcheckProof& proof, Challenger& challenger, size_t expected_num_variables,
                             size_t expected_degree, const std::string& what) {
  const size_t rounds = proof.univariate_polys.size();
  if (rounds != proof.point.size() || rounds != expected_num_variables || rounds == 0)
    throw Rejected(what + ": sumcheck has " + std::to_string(rounds) + " rounds and a point of dimension " +
                   std::to_string(proof.point.size()) + ", expected " + std::to_string(expected_num_variables));
  std::vector<EF> challenges;  // in sampling order
  challenges.reserve(rounds);
  for (size_t r = 0; r < rounds; ++r) {
    const std::vector<EF>& poly = proof.univariate_polys[r];
    if (r == 0 && eval_zero_plus_one<EF>(poly) != proof.claimed_sum)
      throw Rejected(what + ": sumcheck round 0 does not match the claimed sum");
    if (poly.size() != expected_degree + 1)
      throw Rejected(what + ": sumcheck round " + std::to_string(r) + " polynomial has " +
                     std::to_string(poly.size()) + " coefficients, expected " + std::to_string(expected_degree + 1));
    if (r > 0) {
      challenges.push_back(challenger.sample_ext());
      if (eval_univariate<EF>(proof.univariate_polys[r - 1], challenges.back()) != eval_zero_plus_one<EF>(poly))
        throw Rejected(what + ": sumcheck round " + std::to_string(r) + " sum mismatch");
    }
    challenger.observe_ext_slice(poly);
  }
  challenges.push_back(challenger.sample_ext());
  for (size_t i = 0; i < rounds; ++i)
    if (!(proof.point[i] == challenges[rounds - 1 - i]))
      throw Rejected(what + ": sumcheck point does not match the transcript's challenges");
  if (eval_univariate<EF>(proof.univariate_polys.back(), challenges.back()) != proof.eval)
    throw Rejected(what + ": sumcheck final evaluation mismatch");
}

}  // namespace zkgpu::sp1::multilinear
