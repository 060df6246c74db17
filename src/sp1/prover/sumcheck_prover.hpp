// The prover side of SP1's partial sumcheck (slop/crates/sumcheck/src/prover.rs,
// reduce_sumcheck_to_evaluation; checked by sp1/multilinear/sumcheck.hpp) for sums
// of the form  sum_x eq(z, x) * G(x)  with G of degree `g_degree` in each variable.
// Transcript, per round: observe the round polynomial's coefficients, sample the
// challenge, bind x's last coordinate to it. The proof's point lists the challenges
// last sampled first; its eval is the last round polynomial at the last challenge.
//
// The Oracle knows G and holds its tables:
//   void round_sums(std::span<const EF> high, std::span<EF> q)
//       q[t] = sum over x' of eq(high, x') * G(x', t), t = 0..g_degree, where x'
//       ranges over the coordinates still free above the current one;
//   void fix_last_variable(const EF& c)
//       binds the current (last free) coordinate to c.
#pragma once

#include <span>
#include <stdexcept>
#include <vector>

#include "sp1/multilinear/univariate.hpp"
#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover/sumcheck_polynomial.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::prover {

template <class Oracle, class Challenger>
wire::PartialSumcheckProof prove_eq_sumcheck(std::span<const EF> z, Oracle& oracle, const EF& claimed_sum,
                                             size_t g_degree, Challenger& challenger) {
  const size_t n = z.size();
  if (n == 0) throw std::invalid_argument("sumcheck: no variables");
  wire::PartialSumcheckProof proof;
  proof.claimed_sum = claimed_sum;
  std::vector<EF> q(g_degree + 1), challenges;
  EF scale = EF::one();  // eq over the coordinates bound so far
  EF running = claimed_sum;
  for (size_t r = 0; r < n; ++r) {
    const EF& zr = z[n - 1 - r];
    oracle.round_sums(z.first(n - 1 - r), q);
    // eq(zr, t) = (1 - zr) + (2 zr - 1) t.
    const EF a = scale * (EF::one() - zr), b = scale * (zr + zr - EF::one());
    std::vector<EF> poly = times_linear(interpolate_at_integers(q), a, b);
    // Every later round continues the previous one: a mismatch is a bug in an
    // oracle, not a bad witness (round 0 may differ from the claim for a witness
    // that breaks the statement; the verifier rejects that).
    if (r > 0 && !(multilinear::eval_zero_plus_one<EF>(poly) == running))
      throw std::logic_error("sumcheck: round " + std::to_string(r) + " does not continue the previous round");
    challenger.observe_ext_slice(poly);
    const EF c = challenger.sample_ext();
    running = multilinear::eval_univariate<EF>(poly, c);
    scale = scale * eq1(zr, c);
    oracle.fix_last_variable(c);
    proof.univariate_polys.push_back(std::move(poly));
    challenges.push_back(c);
  }
  proof.point.assign(challenges.rbegin(), challenges.rend());
  proof.eval = running;
  return proof;
}

}  // namespace zkgpu::sp1::prover
