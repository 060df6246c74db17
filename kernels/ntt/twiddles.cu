// Host-built twiddle and coset tables of the device NTT; see twiddles.hpp.
#include "kernels/ntt/twiddles.hpp"

#include <vector>

#include "kernels/common/cuda_error.hpp"
#include "kernels/ntt/plan.hpp"
#include "math/field31/field31.hpp"
#include "math/field31/with_field.hpp"

namespace zkgpu::cuda {

namespace {

// Levels in the per-level twiddle table: as many as the tallest pass of any plan.
constexpr unsigned level_table_log(unsigned log_n) { return log_n < kMaxPassLogLimit ? log_n : kMaxPassLogLimit; }

}  // namespace

NttTwiddleCache::Roots NttTwiddleCache::roots(Field31 f, unsigned log_n, bool inverse, cudaStream_t stream) {
  const unsigned h = (log_n + 1) / 2;
  auto key = std::make_tuple(int(f), log_n, inverse ? 1 : 0);
  auto it = tables_.find(key);
  if (it == tables_.end()) {
    std::vector<uint32_t> host;
    f31::with_field(f, [&](auto field) {
      using F = decltype(field);
      F w = F::two_adic_generator(log_n);
      if (inverse) w = w.inverse();
      F x = F::one();
      for (size_t i = 0; i < (size_t(1) << h); ++i, x *= w) host.push_back(x.v);
      const F step = x;  // w^(2^h)
      F y = F::one();
      for (size_t i = 0; i < (size_t(1) << (log_n - h)); ++i, y *= step) host.push_back(y.v);
      // Per-level table: entry 2^k + j = omega_{2^(k+1)}^j = w^(j * 2^(log_n - k - 1)) as the
      // pair (canonical value, Shoup quotient floor(value * 2^32 / p)); entry 0 unused.
      if (host.size() % 2) host.push_back(0);  // 8-byte alignment of the pairs
      host.push_back(0);
      host.push_back(0);
      for (unsigned k = 0; k < level_table_log(log_n); ++k) {
        const F root = w.pow(uint64_t(1) << (log_n - k - 1));  // order 2^(k+1)
        F z = F::one();
        for (size_t j = 0; j < (size_t(1) << k); ++j, z *= root) {
          const uint32_t c = z.to_canonical();
          host.push_back(c);
          host.push_back(uint32_t((uint64_t(c) << 32) / F::kP));
        }
      }
    });
    DeviceBuffer<uint32_t> buf(host.size(), stream);
    buf.upload(host);
    check(cudaStreamSynchronize(stream), "twiddle upload");
    it = tables_.emplace(key, std::move(buf)).first;
  }
  const size_t n_lo = size_t(1) << h, n_hi = size_t(1) << (log_n - h);
  const size_t level_at = (n_lo + n_hi + 1) & ~size_t(1);
  return Roots{it->second.data(), it->second.data() + n_lo, h, it->second.data() + level_at};
}

NttTwiddleCache::Coset NttTwiddleCache::coset(Field31 f, unsigned log_n, cudaStream_t stream) {
  const unsigned h = (log_n + 1) / 2;
  auto key = std::make_tuple(int(f), log_n, 2);
  auto it = tables_.find(key);
  if (it == tables_.end()) {
    std::vector<uint32_t> host;
    f31::with_field(f, [&](auto field) {
      using F = decltype(field);
      const F g = F::generator();
      const F n_inv = F::from_canonical(uint32_t(1) << log_n).inverse();
      F x = F::one();
      for (size_t i = 0; i < (size_t(1) << h); ++i, x *= g) host.push_back(x.v);
      const F step = x;  // g^(2^h)
      F y = n_inv;
      for (size_t i = 0; i < (size_t(1) << (log_n - h)); ++i, y *= step) host.push_back(y.v);
    });
    DeviceBuffer<uint32_t> buf(host.size(), stream);
    buf.upload(host);
    check(cudaStreamSynchronize(stream), "coset table upload");
    it = tables_.emplace(key, std::move(buf)).first;
  }
  return Coset{it->second.data(), it->second.data() + (size_t(1) << h), h};
}

size_t NttTwiddleCache::bytes() const noexcept {
  size_t b = 0;
  for (const auto& [k, v] : tables_) b += v.bytes();
  return b;
}

}  // namespace zkgpu::cuda
