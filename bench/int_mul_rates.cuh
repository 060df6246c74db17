#pragma once
// Measured 32-bit integer multiply throughput of the device, per SM per clock, for
// the three multiply forms modular arithmetic uses:
//   lo    x * a + b, low word            (SASS IMAD)
//   hi    high word of x * a, plus c     (IMAD.HI)
//   wide  the full 64-bit x * a, plus c  (IMAD.WIDE.U32)
// Every thread runs kChains independent dependency chains so that latency is hidden
// and only the issue rate of the multiplier counts. The rates are what a
// multiply-bound kernel can reach on this chip; the Poseidon2 and Merkle benches
// build their bound from them.
#include <cuda_runtime_api.h>

#include <cstdint>

#include "bench/harness.hpp"

namespace zkgpu::bench {

enum class MulForm { lo, hi, wide };

struct IntMulRates {
  double lo = 0, hi = 0, wide = 0;  // warp-lane multiplies per SM per SM clock
};

namespace detail {

constexpr int kChains = 8;
constexpr int kMulThreads = 256;

// Each chain feeds its result back in as the next multiplicand, so no product is
// loop-invariant and the loop body is the multiply under test (plus, for the wide
// form, one ALU add folding the two words back into 32 bits).
template <MulForm K>
__global__ void __launch_bounds__(kMulThreads) mul_chain_kernel(uint32_t* out, uint32_t a, int iters) {
  uint32_t x[kChains];
#pragma unroll
  for (int c = 0; c < kChains; ++c) x[c] = threadIdx.x * 2654435761u + c;
  for (int i = 0; i < iters; ++i) {
#pragma unroll
    for (int c = 0; c < kChains; ++c) {
      if constexpr (K == MulForm::lo) {
        asm("mad.lo.u32 %0, %0, %1, %2;" : "+r"(x[c]) : "r"(a), "r"(uint32_t(c)));
      } else if constexpr (K == MulForm::hi) {
        asm("mad.hi.u32 %0, %0, %1, %2;" : "+r"(x[c]) : "r"(a), "r"(uint32_t(c)));
      } else {
        uint64_t y;
        asm("mul.wide.u32 %0, %1, %2;" : "=l"(y) : "r"(x[c]), "r"(a));
        x[c] = uint32_t(y) + uint32_t(y >> 32);
      }
    }
  }
  uint32_t acc = 0;
#pragma unroll
  for (int c = 0; c < kChains; ++c) acc ^= x[c];
  out[blockIdx.x * kMulThreads + threadIdx.x] = acc;
}

template <MulForm K>
double measure_rate(const DeviceLimits& lim, uint32_t* out, cudaStream_t stream) {
  constexpr int kIters = 4096;
  const unsigned blocks = unsigned(lim.sm_count) * 16;  // 16 blocks x 256 threads per SM: enough warps
  const double ms = median_ms(stream, 5, [&] {
    mul_chain_kernel<K><<<blocks, kMulThreads, 0, stream>>>(out, 0x9e3779b9u, kIters);
  });
  const double muls = double(blocks) * kMulThreads * kIters * kChains;
  return muls / (ms * 1e-3) / (double(lim.sm_count) * lim.clock_khz * 1e3);
}

}  // namespace detail

inline IntMulRates measure_int_mul_rates(const DeviceLimits& lim, cudaStream_t stream) {
  uint32_t* out = nullptr;
  cuda::check(cudaMalloc(reinterpret_cast<void**>(&out), size_t(lim.sm_count) * 16 * detail::kMulThreads * 4),
              "cudaMalloc");
  IntMulRates r;
  r.lo = detail::measure_rate<MulForm::lo>(lim, out, stream);
  r.hi = detail::measure_rate<MulForm::hi>(lim, out, stream);
  r.wide = detail::measure_rate<MulForm::wide>(lim, out, stream);
  cudaFree(out);
  return r;
}

}  // namespace zkgpu::bench
