// The host FriFolder: the batched multilinear and its codeword in host memory,
// folded on ctx.threads; the round trees through CommittedTensor (the backend's
// for the inner configuration).
#include <stdexcept>
#include <vector>

#include "common/parallel_ranges.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/basefold_encoder.hpp"
#include "sp1/prover/fri_fold_terms.hpp"
#include "sp1/prover/fri_folder.hpp"
#include "sp1/prover/sumcheck_parallel.hpp"

namespace zkgpu::sp1::prover {

namespace {

// The random linear combination of every committed column (FriCpuProver::batch).
template <class C>
std::vector<EF> batch_columns(std::span<const BasefoldCommitted<C>* const> rounds, std::span<const EF> coeffs,
                              size_t height, unsigned threads) {
  std::vector<std::vector<uint32_t>> copies(rounds.size());  // resident messages brought to the host
  std::vector<std::span<const uint32_t>> messages;
  for (size_t r = 0; r < rounds.size(); ++r) messages.push_back(host_message(*rounds[r], copies[r]));
  std::vector<EF> out(height, EF::zero());
  parallel_ranges(height, threads, 256, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      EF acc = EF::zero();
      size_t k = 0;
      for (size_t r = 0; r < rounds.size(); ++r) {
        const BasefoldCommitted<C>* round = rounds[r];
        const uint32_t* row = messages[r].data() + i * round->width;
        for (size_t c = 0; c < round->width; ++c, ++k) acc = acc + coeffs[k].scale(F::from_canonical(row[c]));
      }
      out[i] = acc;
    }
  });
  return out;
}

template <class C>
class HostFriFolder final : public FriFolder<C> {
 public:
  HostFriFolder(const PcsProverContext& ctx, std::span<const BasefoldCommitted<C>* const> rounds,
                std::span<const EF> coeffs, unsigned log_blowup)
      : ctx_(ctx),
        mle_(batch_columns<C>(rounds, coeffs, rounds.front()->height, ctx.threads)),
        code_(rs_encode_ext(ctx.ops, mle_, log_blowup)) {}

  std::array<EF, 2> message(std::span<const EF> rest) override {
    const std::vector<EF> eq = multilinear::partial_lagrange<EF>(rest);
    if (2 * eq.size() != mle_.size()) throw std::invalid_argument("fri folder: the point does not fit the multilinear");
    std::vector<EF> sums(2, EF::zero());
    sum_ranges(eq.size(), ctx_.threads, sums, [&](size_t begin, size_t end, std::span<EF> acc) {
      for (size_t i = begin; i < end; ++i) {
        acc[0] = acc[0] + eq[i] * mle_[2 * i];
        acc[1] = acc[1] + eq[i] * mle_[2 * i + 1];
      }
    });
    return {sums[0], sums[1]};
  }

  CommittedTensor<C> commit() override {
    std::vector<uint32_t> words(code_.size() * kExtDegree);
    for (size_t i = 0; i < code_.size(); ++i)
      for (int j = 0; j < kExtDegree; ++j) words[i * kExtDegree + j] = code_[i].c[j].to_canonical();
    return CommittedTensor<C>(ctx_.ops, std::move(words), code_.size() / 2, 2 * kExtDegree, ctx_.threads);
  }

  void fold(const EF& beta) override {
    const size_t half = code_.size() / 2;
    unsigned log_half = 0;
    while ((size_t(1) << log_half) < half) ++log_half;
    const F half_f = F::from_canonical(2).inverse();
    const F w_inv = F::two_adic_generator(log_half + 1).inverse();
    std::vector<F> inv_pows(half);  // (1/2) w^-k
    F acc = half_f;
    for (size_t k = 0; k < half; ++k, acc = acc * w_inv) inv_pows[k] = acc;
    std::vector<EF> code(half);
    parallel_ranges(half, ctx_.threads, 1024, [&](size_t begin, size_t end) {
      for (size_t j = begin; j < end; ++j)
        code[j] = fri::fold_codeword_pair(code_[2 * j], code_[2 * j + 1], beta, half_f,
                                          inv_pows[fri::reverse_bits(j, log_half)]);
    });
    code_ = std::move(code);
    std::vector<EF> mle(mle_.size() / 2);
    for (size_t i = 0; i < mle.size(); ++i) mle[i] = fri::fold_multilinear_pair(mle_[2 * i], mle_[2 * i + 1], beta);
    mle_ = std::move(mle);
  }

  EF first_value() const override { return code_.front(); }

 private:
  const PcsProverContext& ctx_;
  std::vector<EF> mle_;
  std::vector<EF> code_;  // bit-reversed evaluations
};

}  // namespace

template <class C>
std::unique_ptr<FriFolder<C>> host_fri_folder(const PcsProverContext& ctx,
                                              std::span<const BasefoldCommitted<C>* const> rounds,
                                              std::span<const EF> coeffs, unsigned log_blowup) {
  if (rounds.empty()) throw std::invalid_argument("fri folder: no committed rounds");
  return std::make_unique<HostFriFolder<C>>(ctx, rounds, coeffs, log_blowup);
}

template std::unique_ptr<FriFolder<wire::InnerConfig>> host_fri_folder<wire::InnerConfig>(
    const PcsProverContext&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>, std::span<const EF>,
    unsigned);
template std::unique_ptr<FriFolder<wire::OuterConfig>> host_fri_folder<wire::OuterConfig>(
    const PcsProverContext&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>, std::span<const EF>,
    unsigned);

}  // namespace zkgpu::sp1::prover
