#include "sp1/prover_cuda/cuda_jagged_sumcheck.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "kernels/sp1/jagged_kernels.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover_cuda/device_shard.hpp"
#include "sp1/prover_cuda/message_on_device.hpp"

namespace zkgpu::sp1::prover::gpu {

namespace {

// One pass per round, after a first that sums two: the first pass reads the dense
// trace and J's factors (no table of J) for the first two rounds' sums; the second
// binds both variables from them; each later binding writes the bound tables and
// sums the next round over them, so that round only adds up the partials.
class CudaJaggedOracle final : public multilinear::ProductSumcheckOracle {
 public:
  CudaJaggedOracle(DeviceBuffer<Fe> dense, DeviceBuffer<uint64_t> prefix, uint32_t columns, DeviceBuffer<Ef> col_eq,
                   DeviceBuffer<Ef> row_eq, cudaStream_t stream)
      : s_(stream), n_(dense.size()), dense_(std::move(dense)), prefix_(std::move(prefix)),
        col_eq_(std::move(col_eq)), row_eq_(std::move(row_eq)),
        j_{prefix_.data(), columns, col_eq_.data(), row_eq_.data()}, partials_(9 * cuda::sp1::kMaxBlocks, stream) {}

  std::vector<EF> round_poly() override {
    if (bound_ == 0) {  // h[3j + k] (jagged_two_rounds): the first round is h(0, Y) + h(1, Y)
      h_ = sum_partials(partials_, cuda::sp1::jagged_two_rounds(dense_.data(), j_, n_, partials_.data(), s_), 9, s_);
      return {h_[0] + h_[0] + h_[3] + h_[6], h_[1] + h_[1] + h_[4] + h_[7], h_[2] + h_[2] + h_[5] + h_[8]};
    }
    if (bound_ == 1 && a_.size() == 0) {  // h(X, alpha0)
      const EF a2 = alpha0_ * alpha0_;
      return {h_[0] + h_[1] * alpha0_ + h_[2] * a2, h_[3] + h_[4] * alpha0_ + h_[5] * a2,
              h_[6] + h_[7] * alpha0_ + h_[8] * a2};
    }
    const std::vector<EF> s = sum_partials(partials_, blocks_, 3, s_);  // [a0 b0, a1 b1, da db]
    return {s[0], s[1] - s[0] - s[2], s[2]};
  }

  void bind_last(const EF& alpha) override {
    if (n_ < 2) throw std::logic_error("jagged sumcheck: every variable is bound");
    if (bound_ == 0 && n_ > 2) {  // bound with the second, in one pass
      alpha0_ = alpha;
    } else {
      DeviceBuffer<Ef> a(n_ / 2, s_), b(n_ / 2, s_);
      if (bound_ == 1 && a_.size() == 0)  // the dense trace has 2 n_ values
        blocks_ = cuda::sp1::jagged_bind_two_round(dense_.data(), j_, 2 * n_, alpha0_, alpha, a.data(), b.data(),
                                                   partials_.data(), s_);
      else if (bound_ == 0)  // n_ == 2: the only variable
        blocks_ = cuda::sp1::jagged_bind_round(dense_.data(), j_, n_, alpha, a.data(), b.data(), partials_.data(), s_);
      else
        blocks_ = cuda::sp1::product_bind_round(a_.data(), b_.data(), n_, alpha, a.data(), b.data(),
                                                partials_.data(), s_);
      dense_ = {};
      a_ = std::move(a);
      b_ = std::move(b);
    }
    n_ /= 2;
    ++bound_;
  }

  std::array<EF, 2> values() const override {
    if (n_ != 1) throw std::logic_error("jagged sumcheck: a variable left unbound");
    return {download(a_, 1)[0], download(b_, 1)[0]};
  }

 private:
  cudaStream_t s_;
  uint64_t n_;          // the tables' values now
  unsigned bound_ = 0;  // variables bound
  DeviceBuffer<Fe> dense_;  // a until the first pass that binds
  DeviceBuffer<uint64_t> prefix_;
  DeviceBuffer<Ef> col_eq_, row_eq_;
  cuda::sp1::JaggedEq j_;  // b until then
  std::vector<EF> h_;      // the first two rounds' sums
  EF alpha0_ = EF::zero();            // the first variable's value, until the second's
  DeviceBuffer<Ef> a_, b_;  // after that pass
  DeviceBuffer<Ef> partials_;
  uint32_t blocks_ = 0;  // the next round's partials, from the last binding
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

  // The dense trace: the messages' columns end to end, zero after them.
  DeviceBuffer<Fe> dense(len, stream);
  cuda::check(cudaMemsetAsync(dense.data() + stacked, 0, (len - stacked) * sizeof(Fe), stream),
              "dense trace");  // zero is 0 in Montgomery form
  uint64_t base = 0;
  for (const StackedMessage& r : rounds) {
    const MessageOnDevice message(r, stream);
    cuda::sp1::dense_from_stacked(message.data(), r.height, uint32_t(r.width), dense.data() + base, stream);
    base += uint64_t(r.height) * r.width;
  }

  // J's factors: eq(z_row, .) only as far as the tallest column reaches.
  uint64_t tallest = 1;
  for (size_t c = 0; c < columns; ++c) tallest = std::max(tallest, prefix_sums[c + 1] - prefix_sums[c]);
  return std::make_unique<CudaJaggedOracle>(std::move(dense), upload<uint64_t>(prefix_sums, stream), uint32_t(columns),
                                            device_eq(z_col, columns, stream), device_eq(z_row, tallest, stream),
                                            stream);
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
