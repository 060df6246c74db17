#include "sp1/prover_cuda/cuda_jagged_sumcheck.hpp"

#include <stdexcept>
#include <vector>

#include "kernels/sp1/jagged_kernels.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover_cuda/device_shard.hpp"
#include "sp1/prover_cuda/message_on_device.hpp"

namespace zkgpu::sp1::prover::gpu {

namespace {

class CudaJaggedOracle final : public multilinear::ProductSumcheckOracle {
 public:
  CudaJaggedOracle(DeviceBuffer<Fe> dense, DeviceBuffer<Ef> jagged, cudaStream_t stream)
      : s_(stream), dense_(std::move(dense)), b_(std::move(jagged)), partials_(3 * cuda::sp1::kMaxBlocks, stream) {}

  std::vector<EF> round_poly() override {
    const uint64_t half = b_.size() / 2;
    const uint32_t blocks = a_.size() == 0 ? cuda::sp1::product_round(dense_.data(), b_.data(), half, partials_.data(), s_)
                                           : cuda::sp1::product_round(a_.data(), b_.data(), half, partials_.data(), s_);
    return sum_partials(partials_, blocks, 3, s_);
  }

  void bind_last(const EF& alpha) override {
    const uint64_t half = b_.size() / 2;
    DeviceBuffer<Ef> a(half, s_), b(half, s_);
    if (a_.size() == 0) {
      cuda::sp1::product_bind(dense_.data(), half, alpha, a.data(), s_);
      dense_ = {};
    } else {
      cuda::sp1::product_bind(a_.data(), half, alpha, a.data(), s_);
    }
    cuda::sp1::product_bind(b_.data(), half, alpha, b.data(), s_);
    a_ = std::move(a);
    b_ = std::move(b);
  }

  std::array<EF, 2> values() const override {
    if (a_.size() == 0) throw std::logic_error("jagged sumcheck: no variable bound yet");
    return {download(a_, 1)[0], download(b_, 1)[0]};
  }

 private:
  cudaStream_t s_;
  DeviceBuffer<Fe> dense_;  // a until its first binding
  DeviceBuffer<Ef> a_;      // a after it
  DeviceBuffer<Ef> b_;
  DeviceBuffer<Ef> partials_;
};

}  // namespace

std::unique_ptr<multilinear::ProductSumcheckOracle> open_jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                         std::span<const uint64_t> prefix_sums,
                                                                         std::span<const EF> z_row,
                                                                         std::span<const EF> z_col, size_t log_m,
                                                                         cudaStream_t stream) {
  const uint64_t len = uint64_t(1) << log_m;
  const size_t columns = prefix_sums.size() - 1;
  uint64_t stacked = 0;
  for (const StackedMessage& r : rounds) stacked += uint64_t(r.height) * r.width;
  if (log_m == 0 || prefix_sums.size() < 2 || prefix_sums.back() > len || stacked > len ||
      columns > (uint64_t(1) << z_col.size()))
    throw std::invalid_argument("jagged sumcheck: the columns do not fit 2^log_m points");
  for (size_t c = 0; c < columns; ++c)
    if (prefix_sums[c + 1] < prefix_sums[c] || prefix_sums[c + 1] - prefix_sums[c] > (uint64_t(1) << z_row.size()))
      throw std::invalid_argument("jagged sumcheck: a column taller than z_row addresses");

  DeviceBuffer<Fe> dense(len, stream);
  cuda::check(cudaMemsetAsync(dense.data(), 0, len * sizeof(Fe), stream), "dense trace");  // zero is 0 in Montgomery form
  uint64_t base = 0;
  for (const StackedMessage& r : rounds) {
    const MessageOnDevice message(r, stream);
    cuda::sp1::dense_from_stacked(message.data(), r.height, uint32_t(r.width), dense.data() + base, stream);
    base += uint64_t(r.height) * r.width;
  }

  const DeviceBuffer<uint64_t> prefix = upload<uint64_t>(prefix_sums, stream);
  const DeviceBuffer<Ef> col_eq = device_eq(z_col, uint64_t(1) << z_col.size(), stream);
  const DeviceBuffer<Ef> row_eq = device_eq(z_row, uint64_t(1) << z_row.size(), stream);
  DeviceBuffer<Ef> jagged(len, stream);
  cuda::sp1::jagged_table(prefix.data(), uint32_t(columns), col_eq.data(), row_eq.data(), jagged.data(), len, stream);
  return std::make_unique<CudaJaggedOracle>(std::move(dense), std::move(jagged), stream);
}

std::vector<EF> stacked_evaluations(const StackedMessage& message, std::span<const EF> point, cudaStream_t stream) {
  if (message.height != (size_t(1) << point.size()))
    throw std::invalid_argument("stacked evaluations: the point does not address the message's rows");
  if (message.width == 0) return {};
  const size_t n = message.height * message.width;
  DeviceBuffer<Fe> values(n, stream);
  {
    const MessageOnDevice canonical(message, stream);
    cuda::sp1::canonical_to_field(canonical.data(), n, values.data(), stream);
  }
  const DeviceBuffer<Ef> eq = device_eq(point, message.height, stream);
  const uint32_t width = uint32_t(message.width);
  DeviceBuffer<Ef> partials(size_t(cuda::sp1::column_evaluation_groups(width)) * width, stream);
  const uint32_t groups = cuda::sp1::column_evaluations(values.data(), message.height, width, eq.data(),
                                                        partials.data(), stream);
  return sum_partials(partials, groups, width, stream);
}

}  // namespace zkgpu::sp1::prover::gpu
