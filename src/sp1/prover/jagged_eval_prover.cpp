#include "sp1/prover/jagged_eval_prover.hpp"

#include <map>
#include <stdexcept>
#include <vector>

#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/sumcheck_prover_rounds.hpp"
#include "sp1/pcs/jagged_eval.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"

namespace zkgpu::sp1::prover {

namespace {

using wire::EF;

// One distinct (p_c, p_{c+1}) pair: columns sharing it (empty ones repeat their
// neighbour's) add their eq(c, z_col) weights.
struct PairTerm {
  uint64_t bits_x = 0, bits_y = 0;
  EF weight;
};

// Coordinate i of the 2 * prefix_bits point (x bits most significant first, then y's).
bool bit_of(const PairTerm& t, size_t i, size_t prefix_bits) {
  const uint64_t v = i < prefix_bits ? t.bits_x : t.bits_y;
  const size_t k = i < prefix_bits ? i : i - prefix_bits;
  return (v >> (prefix_bits - 1 - k)) & 1;
}

EF eq_bit(bool b, const EF& t) { return b ? t : EF::one() - t; }

}  // namespace

template <class Challenger>
wire::PartialSumcheckProof prove_jagged_evaluation(std::span<const uint64_t> prefix_sums, size_t prefix_bits,
                                                   std::span<const EF> z_row, std::span<const EF> z_col,
                                                   std::span<const EF> z_trace, Challenger& challenger,
                                                   unsigned threads) {
  if (prefix_sums.size() < 2 || prefix_bits == 0 || prefix_bits >= 63)
    throw std::invalid_argument("jagged evaluation prover: no columns or bad prefix width");
  const std::vector<EF> col_eq = multilinear::partial_lagrange<EF>(z_col);
  if (prefix_sums.size() - 1 > col_eq.size())
    throw std::invalid_argument("jagged evaluation prover: more columns than z_col addresses");
  std::vector<PairTerm> terms;
  {
    std::map<std::pair<uint64_t, uint64_t>, size_t> seen;
    for (size_t c = 0; c + 1 < prefix_sums.size(); ++c) {
      const auto key = std::make_pair(prefix_sums[c], prefix_sums[c + 1]);
      auto [it, fresh] = seen.emplace(key, terms.size());
      if (fresh) terms.push_back({key.first, key.second, EF::zero()});
      terms[it->second].weight = terms[it->second].weight + col_eq[c];
    }
  }
  const size_t n = 2 * prefix_bits;
  // g at a full point: (x half, y half).
  const auto g_at = [&](const std::vector<EF>& p) {
    const std::span<const EF> s(p);
    return pcs::branching_program_eval(z_row, z_trace, s.first(prefix_bits), s.subspan(prefix_bits));
  };
  const auto boolean_point = [&](const PairTerm& t) {
    std::vector<EF> p(n);
    for (size_t i = 0; i < n; ++i) p[i] = bit_of(t, i, prefix_bits) ? EF::one() : EF::zero();
    return p;
  };

  EF claim = EF::zero();
  for (const PairTerm& t : terms) claim = claim + t.weight * g_at(boolean_point(t));
  challenger.observe_ext(claim);

  std::vector<EF> bound;  // challenges so far, for coordinates n - 1, n - 2, ...
  size_t round = 0;
  return multilinear::prove_sumcheck_rounds(
      claim, n, challenger,
      [&](size_t r) {
        round = r;
        const size_t j = n - 1 - r;  // the coordinate this round binds
        std::vector<EF> poly(3, EF::zero());
        sum_ranges(terms.size(), threads, poly, [&](size_t begin, size_t end, std::span<EF> acc) {
          for (size_t k = begin; k < end; ++k) {
            const PairTerm& t = terms[k];
            if (t.weight.is_zero()) continue;
            std::vector<EF> p = boolean_point(t);
            for (size_t i = j + 1; i < n; ++i) p[i] = bound[n - 1 - i];
            p[j] = EF::zero();
            const EF g0 = g_at(p);
            p[j] = EF::one();
            const EF dg = g_at(p) - g0;
            // w eq(b, t) (g0 + t dg), expanded in t.
            if (bit_of(t, j, prefix_bits)) {
              acc[1] = acc[1] + t.weight * g0;
              acc[2] = acc[2] + t.weight * dg;
            } else {
              acc[0] = acc[0] + t.weight * g0;
              acc[1] = acc[1] + t.weight * (dg - g0);
              acc[2] = acc[2] - t.weight * dg;
            }
          }
        });
        return poly;
      },
      [&](const EF& alpha) {
        const size_t j = n - 1 - round;
        for (PairTerm& t : terms) t.weight = t.weight * eq_bit(bit_of(t, j, prefix_bits), alpha);
        bound.push_back(alpha);
      });
}

template wire::PartialSumcheckProof prove_jagged_evaluation<transcript::DuplexChallenger>(
    std::span<const uint64_t>, size_t, std::span<const EF>, std::span<const EF>, std::span<const EF>,
    transcript::DuplexChallenger&, unsigned);
template wire::PartialSumcheckProof prove_jagged_evaluation<transcript::MultiFieldChallenger>(
    std::span<const uint64_t>, size_t, std::span<const EF>, std::span<const EF>, std::span<const EF>,
    transcript::MultiFieldChallenger&, unsigned);

}  // namespace zkgpu::sp1::prover
