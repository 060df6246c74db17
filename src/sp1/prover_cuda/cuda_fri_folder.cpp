#include "sp1/prover_cuda/cuda_fri_folder.hpp"

#include <bit>
#include <stdexcept>
#include <string>
#include <vector>

#include "backends/cuda/resident_matrix_cuda.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/sp1/fri_kernels.hpp"
#include "sp1/prover_cuda/device_shard.hpp"
#include "sp1/prover_cuda/message_on_device.hpp"

namespace zkgpu::sp1::prover::gpu {

namespace {

constexpr size_t kPairWidth = 2 * kExtDegree;  // a committed row: two extension elements

class CudaFriFolder final : public FriFolder<Inner> {
 public:
  CudaFriFolder(CudaStarkOps& ops, std::span<const BasefoldCommitted<Inner>* const> rounds,
                std::span<const EF> coeffs, unsigned log_blowup)
      : ops_(ops), s_(ops.stream()) {
    const size_t height = rounds.front()->height;
    const size_t code_len = height << log_blowup;
    size_t columns = 0;
    for (const BasefoldCommitted<Inner>* r : rounds) columns += r->width;
    if (coeffs.size() < columns) throw std::invalid_argument("fri folder: fewer coefficients than columns");
    const DeviceBuffer<Ef> d_coeffs = upload<Ef>(coeffs.first(columns), s_);

    mle_ = DeviceBuffer<Ef>(height, s_);
    DeviceBuffer<Ef> code(code_len, s_);
    size_t k = 0;
    for (const BasefoldCommitted<Inner>* r : rounds) {
      const auto* resident = dynamic_cast<const CudaResidentMatrix*>(r->codeword.resident());
      // Any CUDA backend's matrix on this device will do: a proving key's may come
      // from another worker of the same device.
      if (!resident || resident->n_rows != code_len || resident->n_cols != r->width)
        throw std::invalid_argument("fri folder: a round's codeword is not resident on the device");
      const MessageOnDevice message(StackedMessage{r->message, height, r->width, r->resident_message.get()}, s_);
      const bool first = k == 0;
      cuda::sp1::batch_columns(message.data(), height, uint32_t(r->width), d_coeffs.data() + k, mle_.data(), first, s_);
      cuda::sp1::batch_columns(resident->values.data(), code_len, uint32_t(r->width),
                               d_coeffs.data() + k, code.data(), first, s_);
      k += r->width;
    }
    pending_ = pair_matrix(code_len);
    cuda::sp1::ext_to_canonical(code.data(), code_len, pending_->values.data(), s_);
    code_ = pending_.get();
    code_len_ = code_len;
  }

  std::array<EF, 2> message(std::span<const EF> rest) override {
    const uint64_t half = mle_len() / 2;
    if ((uint64_t(1) << rest.size()) != half) throw std::invalid_argument("fri folder: the point does not fit the multilinear");
    const DeviceBuffer<Ef> eq = device_eq(rest, half, s_);
    DeviceBuffer<Ef> partials(2 * cuda::sp1::kMaxBlocks, s_);
    const uint32_t blocks = cuda::sp1::pair_dots(eq.data(), mle_.data(), half, partials.data(), s_);
    const std::vector<EF> sums = sum_partials(partials, blocks, 2, s_);
    return {sums[0], sums[1]};
  }

  CommittedTensor<Inner> commit() override {
    if (!pending_) throw std::logic_error("fri folder: the codeword is already committed");
    return CommittedTensor<Inner>(ops_, std::move(pending_));
  }

  void fold(const EF& beta) override {
    if (code_len_ < 4) throw std::invalid_argument("fri folder: the codeword is too short to fold");
    const uint64_t half = code_len_ / 2;
    std::unique_ptr<CudaResidentMatrix> next = pair_matrix(half);
    cuda::sp1::fold_codeword(code_->values.data(), unsigned(std::countr_zero(half)), beta, next->values.data(), s_);
    DeviceBuffer<Ef> mle(mle_len() / 2, s_);
    cuda::sp1::fold_multilinear(mle_.data(), mle.size(), beta, mle.data(), s_);
    mle_ = std::move(mle);
    pending_ = std::move(next);  // the previous codeword stays with its tree
    code_ = pending_.get();
    code_len_ = half;
  }

  EF first_value() const override {
    const std::vector<uint32_t> words = download(code_->values, kExtDegree);
    EF out;
    for (int j = 0; j < kExtDegree; ++j) out.c[j] = F::from_canonical(words[j]);
    return out;
  }

 private:
  // A codeword of `len` extension elements as (len / 2) x 8 canonical values.
  std::unique_ptr<CudaResidentMatrix> pair_matrix(uint64_t len) const {
    return std::make_unique<CudaResidentMatrix>(&ops_, Field31::koalabear, len / 2, kPairWidth, s_);
  }
  uint64_t mle_len() const { return mle_.size(); }

  CudaStarkOps& ops_;
  cudaStream_t s_;
  DeviceBuffer<Ef> mle_;
  // The current codeword: owned here until committed, then by its tree (which the
  // caller keeps until the next fold has read it).
  std::unique_ptr<CudaResidentMatrix> pending_;
  const CudaResidentMatrix* code_ = nullptr;
  uint64_t code_len_ = 0;
};

}  // namespace

std::unique_ptr<FriFolder<Inner>> open_fri_folder(CudaStarkOps& ops, std::span<const BasefoldCommitted<Inner>* const> rounds,
                                                  std::span<const EF> coeffs, unsigned log_blowup) {
  if (rounds.empty()) throw std::invalid_argument("fri folder: no committed rounds");
  if (log_blowup == 0) throw std::invalid_argument("fri folder: the device folder needs a blowup of at least 2");
  return std::make_unique<CudaFriFolder>(ops, rounds, coeffs, log_blowup);
}

}  // namespace zkgpu::sp1::prover::gpu
