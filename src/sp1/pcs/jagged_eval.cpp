#include "sp1/pcs/jagged_eval.hpp"

#include <array>
#include <string>

#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/sumcheck.hpp"

namespace zkgpu::sp1::pcs {

namespace {

// Memory states of the branching program: index = carry + 2 * comparison_so_far.
constexpr int kInitialState = kBranchingInitialState;  // no carry, comparison not (yet) satisfied
constexpr int kSuccessState = kBranchingSuccessState;  // no carry, index < next prefix sum
constexpr int kFail = -1;

// One step on the bits (row, index, prefix, next prefix), packed big-endian as
// row * 8 + index * 4 + prefix * 2 + next: the index bit must be the low bit of
// row + prefix + carry; the comparison of index against the next prefix sum is
// decided by the most significant differing bit seen so far (bits arrive from the
// least significant up, so a later difference overrides).
constexpr int transition(int bits, int state) {
  const int row = (bits >> 3) & 1, index = (bits >> 2) & 1, prefix = (bits >> 1) & 1, next = bits & 1;
  const int carry = state & 1, comparison = state >> 1;
  const int sum = row + carry + prefix;
  if (index != (sum & 1)) return kFail;
  const int new_comparison = index == next ? comparison : next;
  return (sum >> 1) + 2 * new_comparison;
}

constexpr std::array<std::array<int, 16>, 4> make_transitions() {
  std::array<std::array<int, 16>, 4> t{};
  for (int s = 0; s < 4; ++s)
    for (int b = 0; b < 16; ++b) t[s][b] = transition(b, s);
  return t;
}
constexpr auto kTransitions = make_transitions();

// Coordinate `i` counted from the least significant (last) end, zero past the start.
EF lsb_coordinate(std::span<const EF> p, size_t i) { return i < p.size() ? p[p.size() - 1 - i] : EF::zero(); }

}  // namespace

BranchingLayer branching_layer(const EF& row, const EF& index, const EF& prefix, const EF& next) {
  // eq over the four coordinates (partial_lagrange's big-endian order), on the
  // stack: the jagged evaluation prover builds one per column term per round, and
  // a prefix bit that is still 0 or 1 costs no product.
  std::array<EF, 16> eq;
  eq[0] = EF::one();
  size_t size = 1;
  for (const EF* c : {&row, &index, &prefix, &next}) {
    const bool zero = c->is_zero(), one = *c == EF::one();
    for (size_t i = size; i-- > 0;) {
      const EF v = eq[i];
      const EF hi = zero ? EF::zero() : one ? v : v * *c;
      eq[2 * i + 1] = hi;
      eq[2 * i] = v - hi;
    }
    size *= 2;
  }
  BranchingLayer m{};
  for (auto& r : m) r.fill(EF::zero());
  for (int s = 0; s < 4; ++s)
    for (int b = 0; b < 16; ++b)
      if (kTransitions[s][b] != kFail) m[s][kTransitions[s][b]] = m[s][kTransitions[s][b]] + eq[b];
  return m;
}

EF branching_program_eval(std::span<const EF> z_row, std::span<const EF> z_index, std::span<const EF> prefix_sum,
                          std::span<const EF> next_prefix_sum) {
  const size_t num_vars = std::max(z_index.size(), z_row.size());
  std::array<EF, 4> value{EF::zero(), EF::zero(), EF::zero(), EF::zero()};
  value[kSuccessState] = EF::one();
  for (size_t layer = num_vars + 1; layer-- > 0;) {
    const BranchingLayer m =
        branching_layer(lsb_coordinate(z_row, layer), lsb_coordinate(z_index, layer),
                        lsb_coordinate(prefix_sum, layer), lsb_coordinate(next_prefix_sum, layer));
    std::array<EF, 4> next{};
    for (int s = 0; s < 4; ++s) next[s] = m[s][0] * value[0] + m[s][1] * value[1] + m[s][2] * value[2] + m[s][3] * value[3];
    value = next;
  }
  return value[kInitialState];
}

template <class Challenger>
EF verify_jagged_evaluation(std::span<const uint64_t> prefix_sums, size_t prefix_bits, std::span<const EF> z_row,
                            std::span<const EF> z_col, std::span<const EF> z_trace,
                            const wire::PartialSumcheckProof& proof, Challenger& challenger) {
  const EF jagged_eval = proof.claimed_sum;
  challenger.observe_ext(jagged_eval);
  if (prefix_sums.empty()) throw Rejected("jagged eval: no column prefix sums");
  multilinear::verify_partial_sumcheck(proof, challenger, 2 * prefix_bits, 2, "jagged eval");

  const std::span<const EF> point = proof.point;
  const std::span<const EF> first_half = point.first(point.size() / 2);
  const std::span<const EF> second_half = point.subspan(point.size() / 2);
  if (first_half.size() != second_half.size()) throw Rejected("jagged eval: sumcheck point has odd dimension");
  const std::vector<EF> z_col_eq = multilinear::partial_lagrange<EF>(z_col);
  if (prefix_sums.size() - 1 > z_col_eq.size()) throw Rejected("jagged eval: more columns than z_col addresses");

  // sum over columns c of eq(c, z_col) * eq((prefix_c, prefix_{c+1}), point): each
  // prefix sum is a bit string, so eq against it is a product of p_i or 1 - p_i.
  const auto eq_bits = [&](uint64_t lo, uint64_t hi) {
    EF acc = EF::one();
    for (size_t i = 0; i < prefix_bits; ++i) {
      const bool b_lo = (lo >> (prefix_bits - 1 - i)) & 1, b_hi = (hi >> (prefix_bits - 1 - i)) & 1;
      acc = acc * (b_lo ? first_half[i] : EF::one() - first_half[i]);
      acc = acc * (b_hi ? second_half[i] : EF::one() - second_half[i]);
    }
    return acc;
  };
  EF expected = EF::zero();
  EF last_eq = EF::zero();
  for (size_t c = 0; c + 1 < prefix_sums.size(); ++c) {
    // Empty columns repeat the previous pair of prefix sums: reuse its eq value.
    if (c == 0 || prefix_sums[c] != prefix_sums[c - 1] || prefix_sums[c + 1] != prefix_sums[c])
      last_eq = eq_bits(prefix_sums[c], prefix_sums[c + 1]);
    expected = expected + z_col_eq[c] * last_eq;
  }
  expected = expected * branching_program_eval(z_row, z_trace, first_half, second_half);
  if (!(expected == proof.eval)) throw Rejected("jagged eval: sumcheck's final value does not match the jagged polynomial");
  return jagged_eval;
}

template EF verify_jagged_evaluation<transcript::DuplexChallenger>(std::span<const uint64_t>, size_t,
                                                                  std::span<const EF>, std::span<const EF>,
                                                                  std::span<const EF>,
                                                                  const wire::PartialSumcheckProof&,
                                                                  transcript::DuplexChallenger&);
template EF verify_jagged_evaluation<transcript::MultiFieldChallenger>(std::span<const uint64_t>, size_t,
                                                                      std::span<const EF>, std::span<const EF>,
                                                                      std::span<const EF>,
                                                                      const wire::PartialSumcheckProof&,
                                                                      transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
