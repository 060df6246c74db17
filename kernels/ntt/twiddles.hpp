#pragma once
// Twiddle and coset tables of the device NTT (see ntt.hpp), built on the host
// and uploaded once per (field, size, kind) on this device, then reused by every
// later call.
#include <cuda_runtime_api.h>

#include <cstdint>
#include <map>
#include <tuple>

#include "kernels/common/device_buffer.hpp"
#include "math/field_id.hpp"

namespace zkgpu::cuda {

class NttTwiddleCache {
 public:
  struct Roots {
    const uint32_t* lo;  // omega^e = lo[e & (2^h - 1)] * hi[e >> h], omega of order 2^log_n
    const uint32_t* hi;
    unsigned h;
    // In-pass twiddles: pairs (w, floor(w * 2^32 / p)) at index 2^k + j for
    // w = omega_{2^(k+1)}^j canonical, k < min(log_n, 12).
    const uint32_t* level;
  };
  struct Coset {
    const uint32_t* lo;  // g^j / n = lo[j & (2^h - 1)] * hi[j >> h] for j < n = 2^log_n
    const uint32_t* hi;
    unsigned h;
  };
  Roots roots(Field31 f, unsigned log_n, bool inverse, cudaStream_t stream);
  Coset coset(Field31 f, unsigned log_n, cudaStream_t stream);
  size_t bytes() const noexcept;

 private:
  std::map<std::tuple<int, unsigned, int>, DeviceBuffer<uint32_t>> tables_;  // (field, log_n, kind)
};

}  // namespace zkgpu::cuda
