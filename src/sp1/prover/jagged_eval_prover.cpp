#include "sp1/prover/jagged_eval_prover.hpp"

#include <algorithm>
#include <array>
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

// A term costs a few branching-program layers (hundreds of extension products) per
// round, and a shard has only about as many terms as columns: small parts.
constexpr size_t kTermsPerPart = 8;

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
  // g(x, y) = e_initial^T M_0(x, y) ... M_last(x, y) e_success, where layer L reads
  // coordinate prefix_bits - 1 - L of x and of y (pcs/jagged_eval.hpp). The rounds bind
  // y's layers 0, 1, ... and then x's. Within a phase, the layers below the round's
  // are all bound (a running left vector per term) and those above hold the term's
  // bits and the other half's challenges, fixed for the phase (right vectors made once
  // per phase): each round costs one layer per term instead of a whole evaluation.
  const size_t layers = std::max(z_row.size(), z_trace.size()) + 1;
  const auto lsb = [](std::span<const EF> p, size_t i) { return i < p.size() ? p[p.size() - 1 - i] : EF::zero(); };
  std::vector<EF> bound;  // challenges so far, for coordinates n - 1, n - 2, ...
  const auto coordinate = [&](const PairTerm& t, size_t i) {
    if (n - 1 - i < bound.size()) return bound[n - 1 - i];
    return bit_of(t, i, prefix_bits) ? EF::one() : EF::zero();
  };
  // Layer L's matrix for term t; the coordinate `free_coord` (if < n) takes `free_value`.
  const auto layer_matrix = [&](const PairTerm& t, size_t layer, size_t free_coord, const EF& free_value) {
    const auto at = [&](size_t i) { return i == free_coord ? free_value : coordinate(t, i); };
    const EF x = layer < prefix_bits ? at(prefix_bits - 1 - layer) : EF::zero();
    const EF y = layer < prefix_bits ? at(n - 1 - layer) : EF::zero();
    return pcs::branching_layer(lsb(z_row, layer), lsb(z_trace, layer), x, y);
  };
  using State = std::array<EF, 4>;
  const auto times_right = [](const pcs::BranchingLayer& m, const State& v) {
    State out;
    for (int s = 0; s < 4; ++s) out[s] = m[s][0] * v[0] + m[s][1] * v[1] + m[s][2] * v[2] + m[s][3] * v[3];
    return out;
  };
  const auto dot = [](const State& a, const State& b) { return a[0] * b[0] + a[1] * b[1] + a[2] * b[2] + a[3] * b[3]; };
  State initial{EF::zero(), EF::zero(), EF::zero(), EF::zero()}, success = initial;
  initial[pcs::kBranchingInitialState] = EF::one();
  success[pcs::kBranchingSuccessState] = EF::one();

  std::vector<State> left(terms.size());
  std::vector<State> right(terms.size() * (layers + 1));  // right[k * (layers + 1) + L] = M_L ... e_success
  const auto start_phase = [&] {
    for_ranges(terms.size(), threads, [&](size_t begin, size_t end) {
      for (size_t k = begin; k < end; ++k) {
        left[k] = initial;
        State* r = &right[k * (layers + 1)];
        r[layers] = success;
        for (size_t layer = layers; layer-- > 0;) r[layer] = times_right(layer_matrix(terms[k], layer, n, EF::zero()), r[layer + 1]);
      }
    }, kTermsPerPart);
  };

  start_phase();
  EF claim = EF::zero();
  for (size_t k = 0; k < terms.size(); ++k) claim = claim + terms[k].weight * right[k * (layers + 1)][pcs::kBranchingInitialState];
  challenger.observe_ext(claim);

  size_t round = 0;
  return multilinear::prove_sumcheck_rounds(
      claim, n, challenger,
      [&](size_t r) {
        round = r;
        if (r == prefix_bits) start_phase();
        const size_t j = n - 1 - r;  // the coordinate this round binds
        const size_t layer = r < prefix_bits ? r : r - prefix_bits;
        std::vector<EF> poly(3, EF::zero());
        sum_ranges(terms.size(), threads, poly, [&](size_t begin, size_t end, std::span<EF> acc) {
          for (size_t k = begin; k < end; ++k) {
            const PairTerm& t = terms[k];
            if (t.weight.is_zero()) continue;
            EF g0 = left[k][pcs::kBranchingSuccessState], g1 = g0;
            if (layer < layers) {
              const State& r_next = right[k * (layers + 1) + layer + 1];
              g0 = dot(left[k], times_right(layer_matrix(t, layer, j, EF::zero()), r_next));
              g1 = dot(left[k], times_right(layer_matrix(t, layer, j, EF::one()), r_next));
            }
            const EF dg = g1 - g0;
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
        }, kTermsPerPart);
        return poly;
      },
      [&](const EF& alpha) {
        const size_t j = n - 1 - round;
        const size_t layer = round < prefix_bits ? round : round - prefix_bits;
        for (PairTerm& t : terms) t.weight = t.weight * eq_bit(bit_of(t, j, prefix_bits), alpha);
        bound.push_back(alpha);
        if (layer >= layers) return;
        for_ranges(terms.size(), threads, [&](size_t begin, size_t end) {
          for (size_t k = begin; k < end; ++k) {
            const pcs::BranchingLayer m = layer_matrix(terms[k], layer, n, EF::zero());
            State next;
            for (int s = 0; s < 4; ++s)
              next[s] = left[k][0] * m[0][s] + left[k][1] * m[1][s] + left[k][2] * m[2][s] + left[k][3] * m[3][s];
            left[k] = next;
          }
        }, kTermsPerPart);
      });
}

template wire::PartialSumcheckProof prove_jagged_evaluation<transcript::DuplexChallenger>(
    std::span<const uint64_t>, size_t, std::span<const EF>, std::span<const EF>, std::span<const EF>,
    transcript::DuplexChallenger&, unsigned);
template wire::PartialSumcheckProof prove_jagged_evaluation<transcript::MultiFieldChallenger>(
    std::span<const uint64_t>, size_t, std::span<const EF>, std::span<const EF>, std::span<const EF>,
    transcript::MultiFieldChallenger&, unsigned);

}  // namespace zkgpu::sp1::prover
