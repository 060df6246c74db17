#include "sp1/prover/basefold_prover.hpp"

#include <optional>
#include <stdexcept>
#include <string>

#include "common/parallel_ranges.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/basefold_encoder.hpp"
#include "sp1/prover/pcs_grinding.hpp"

namespace zkgpu::sp1::prover {

namespace {

size_t reverse_bits(size_t x, size_t bits) {
  size_t r = 0;
  for (size_t i = 0; i < bits; ++i) r |= ((x >> i) & 1) << (bits - 1 - i);
  return r;
}

// The random linear combination of every committed column, coefficient k for the
// k-th column counted across rounds (FriCpuProver::batch).
template <class C>
std::vector<EF> batch_columns(std::span<const BasefoldCommitted<C>* const> rounds, std::span<const EF> coeffs,
                              size_t height, unsigned threads) {
  std::vector<EF> out(height, EF::zero());
  parallel_ranges(height, threads, 256, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      EF acc = EF::zero();
      size_t k = 0;
      for (const BasefoldCommitted<C>* round : rounds) {
        const uint32_t* row = round->message.data() + i * round->width;
        for (size_t c = 0; c < round->width; ++c, ++k) acc = acc + coeffs[k].scale(F::from_canonical(row[c]));
      }
      out[i] = acc;
    }
  });
  return out;
}

// One FRI fold of a bit-reversed codeword of 2^log_m evaluations: positions 2j and
// 2j + 1 hold P(x) and P(-x) for x = w^bitrev(j) (w of order 2^log_m); the folded
// value at j is Pe(x^2) + beta Po(x^2) = (e0 + e1) / 2 + beta (e0 - e1) / (2x).
std::vector<EF> fold_codeword(std::span<const EF> code, const EF& beta, unsigned threads) {
  const size_t half = code.size() / 2;
  size_t log_half = 0;
  while ((size_t(1) << log_half) < half) ++log_half;
  const F w_inv = F::two_adic_generator(unsigned(log_half + 1)).inverse();
  const F half_f = F::from_canonical(2).inverse();
  std::vector<F> inv_pows(half);  // (1/2) w^-k
  F acc = half_f;
  for (size_t k = 0; k < half; ++k, acc = acc * w_inv) inv_pows[k] = acc;
  std::vector<EF> out(half);
  parallel_ranges(half, threads, 1024, [&](size_t begin, size_t end) {
    for (size_t j = begin; j < end; ++j) {
      const EF& e0 = code[2 * j];
      const EF& e1 = code[2 * j + 1];
      out[j] = (e0 + e1).scale(half_f) + beta * (e0 - e1).scale(inv_pows[reverse_bits(j, log_half)]);
    }
  });
  return out;
}

std::vector<uint32_t> canonical_words(std::span<const EF> values) {
  std::vector<uint32_t> out(values.size() * kExtDegree);
  for (size_t i = 0; i < values.size(); ++i)
    for (int j = 0; j < kExtDegree; ++j) out[i * kExtDegree + j] = values[i].c[j].to_canonical();
  return out;
}

}  // namespace

template <class C>
wire::BasefoldProof<C> prove_basefold(const PcsProverContext& ctx, const pcs::FriConfig& fri,
                                      std::span<const BasefoldCommitted<C>* const> rounds, std::span<const EF> point,
                                      std::span<const std::vector<EF>> claims,
                                      typename pcs::Iop<C>::Challenger& challenger) {
  const size_t d = point.size();
  const size_t height = size_t(1) << d;
  if (rounds.empty() || claims.size() != rounds.size() || d == 0 || d + fri.log_blowup > pcs::kTwoAdicity)
    throw std::invalid_argument("basefold prover: rounds, claims and point do not fit");
  size_t total = 0;
  for (size_t r = 0; r < rounds.size(); ++r) {
    if (rounds[r]->height != height || claims[r].size() != rounds[r]->width)
      throw std::invalid_argument("basefold prover: round " + std::to_string(r) + " does not match the point or claims");
    total += rounds[r]->width;
  }

  wire::BasefoldProof<C> proof;
  {
    const PhaseTimer timer(ctx, &PcsPhaseTimes::grinding_ms);
    proof.batch_grinding_witness = grind_pcs(ctx, challenger, pcs::kBatchGrindingBits);
  }
  std::optional<PhaseTimer> fold_timer(std::in_place, ctx, &PcsPhaseTimes::basefold_fold_ms);
  const std::vector<EF> coeffs =
      multilinear::partial_lagrange<EF>(challenger.sample_point(multilinear::log2_ceil(total)));
  std::vector<EF> mle = batch_columns<C>(rounds, coeffs, height, ctx.threads);
  std::vector<EF> code = rs_encode_ext(ctx.ops, mle, unsigned(fri.log_blowup));

  challenger.observe_length(d);
  std::vector<CommittedTensor<C>> fri_trees;
  fri_trees.reserve(d);
  for (size_t j = 0; j < d; ++j) {
    // g(rest, 0) and g(rest, 1) at the point's remaining leading coordinates.
    const std::vector<EF> eq = multilinear::partial_lagrange<EF>(point.first(d - 1 - j));
    EF at_zero = EF::zero(), at_one = EF::zero();
    for (size_t i = 0; i < eq.size(); ++i) {
      at_zero = at_zero + eq[i] * mle[2 * i];
      at_one = at_one + eq[i] * mle[2 * i + 1];
    }
    proof.univariate_messages.push_back({at_zero, at_one});
    challenger.observe_ext(at_zero);
    challenger.observe_ext(at_one);

    // The codeword's (even, odd) pairs as rows of eight base values.
    fri_trees.emplace_back(ctx.ops, canonical_words(code), code.size() / 2, 2 * kExtDegree, ctx.threads);
    proof.fri_commitments.push_back(fri_trees.back().commitment());
    challenger.observe_digest(fri_trees.back().commitment());
    const EF beta = challenger.sample_ext();

    code = fold_codeword(code, beta, ctx.threads);
    std::vector<EF> folded(mle.size() / 2);
    for (size_t i = 0; i < folded.size(); ++i) folded[i] = mle[2 * i] + beta * mle[2 * i + 1];
    mle = std::move(folded);
  }

  proof.final_poly = code[0];
  challenger.observe_ext(proof.final_poly);
  fold_timer.reset();
  {
    const PhaseTimer timer(ctx, &PcsPhaseTimes::grinding_ms);
    proof.pow_witness = grind_pcs(ctx, challenger, unsigned(fri.proof_of_work_bits));
  }

  const PhaseTimer query_timer(ctx, &PcsPhaseTimes::queries_ms);
  std::vector<size_t> indices(fri.num_queries);
  for (size_t& i : indices) i = challenger.sample_bits(unsigned(d + fri.log_blowup));
  for (const BasefoldCommitted<C>* round : rounds)
    proof.component_polynomials_query_openings_and_proofs.push_back(round->codeword.open(indices));
  for (const CommittedTensor<C>& tree : fri_trees) {
    for (size_t& i : indices) i >>= 1;
    proof.query_phase_openings_and_proofs.push_back(tree.open(indices));
  }
  return proof;
}

template wire::BasefoldProof<wire::InnerConfig> prove_basefold<wire::InnerConfig>(
    const PcsProverContext&, const pcs::FriConfig&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::DuplexChallenger&);
template wire::BasefoldProof<wire::OuterConfig> prove_basefold<wire::OuterConfig>(
    const PcsProverContext&, const pcs::FriConfig&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
