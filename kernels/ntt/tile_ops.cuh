#pragma once
// Device building blocks shared by the NTT's kernels (pass_kernel.cuh,
// bridge_kernel.cuh): bit reversal, the tile's row order, table powers,
// Shoup products and the in-tile DIF butterfly rounds.
#include <cuda_runtime.h>

#include <cstdint>

#include "math/field31/field31.hpp"

namespace zkgpu::cuda::ntt_detail {
// Internal linkage: only ntt.cu includes this header, and its kernels stay local
// to that object.
namespace {

__device__ __forceinline__ uint32_t bitrev(uint32_t x, unsigned bits) { return bits ? __brev(x) >> (32 - bits) : 0; }

// Position of row v of a tile (a bijection on [0, M)). With 8 lines, four rows
// share the 32 banks, so rows that differ in bits 4-5 are moved apart to avoid
// bank conflicts in the strided rounds. With 32 lines a row spans all 32 banks
// (bank = line), so no order of the rows changes conflicts: the identity keeps
// the addresses of a round's rows at constant offsets (no per-element index math).
template <int LINES>
__device__ __forceinline__ uint32_t swz(uint32_t v) {
  return LINES == 32 ? v : v ^ ((v >> 4) & 3);
}

template <class F>
__device__ __forceinline__ F table_pow(const uint32_t* lo, const uint32_t* hi, unsigned h, uint64_t e) {
  return F::from_raw(__ldg(lo + (e & ((uint64_t(1) << h) - 1)))) * F::from_raw(__ldg(hi + (e >> h)));
}

// x * w mod p for a canonical twiddle w with Shoup's quotient w' = floor(w * 2^32 / p),
// any x < 2^32: q = floor(x * w' / 2^32) underestimates floor(x * w / p) by at most
// one, so x * w - q * p (exact in 32 bits) lies in [0, 2p); one correction.
template <class F>
__device__ __forceinline__ uint32_t shoup_mul(uint32_t x, uint2 w) {
  const uint32_t q = __umulhi(x, w.y);
  const uint32_t r = x * w.x - q * F::kP;
  return f31::detail::umin(r, r - F::kP);
}

// One register round: DIF levels [B, B + R) of a 2^MLOG-row tile, 2^R elements
// per group. Everything but the group index is a compile-time constant. The
// twiddles of level k sit at tw[2^k + j] = omega_{2^(k+1)}^j, j < 2^k.
// `count` tiles of 2^MLOG rows may be stacked (rows count * 2^MLOG); each is
// transformed on its own.
template <class F, int LINES, int R, int THREADS, int MLOG, int B>
__device__ __forceinline__ void dif_round(uint32_t* tile, const uint2* tw, uint32_t count) {
  constexpr int N = 1 << R;
  constexpr uint32_t groups = (1u << MLOG) >> R;  // per line and tile
  for (uint32_t g = threadIdx.x; g < groups * LINES * count; g += THREADS) {
    const uint32_t w = g % LINES, rest = g / LINES;
    const uint32_t low = rest & ((1u << B) - 1), high = rest >> B;
    const uint32_t v0 = (high << (B + R)) | low;
    F x[N];
#pragma unroll
    for (int t = 0; t < N; ++t) x[t] = F::from_raw(tile[swz<LINES>(v0 | (uint32_t(t) << B)) * LINES + w]);
#pragma unroll
    for (int k = R - 1; k >= 0; --k) {
      const int half = 1 << k;
      const int level = B + k;  // pairs differ by 2^level in v
#pragma unroll
      for (int t = 0; t < N; ++t) {
        if (t & half) continue;
        const F u = x[t], d = x[t + half];
        x[t] = u + d;
        if (level == 0) {
          x[t + half] = u - d;  // omega_2^0 = 1
        } else {
          // omega_{2^(level+1)}^(v mod 2^level); u - d + p < 2p needs no reduction first.
          const uint32_t vm = ((uint32_t(t) & (half - 1)) << B) | low;
          x[t + half] = F::from_raw(shoup_mul<F>(u.v - d.v + F::kP, tw[(1u << level) + vm]));
        }
      }
    }
#pragma unroll
    for (int t = 0; t < N; ++t) tile[swz<LINES>(v0 | (uint32_t(t) << B)) * LINES + w] = x[t].v;
  }
}

// All levels of the tile, radix-16 rounds from the top level down.
template <class F, int LINES, int THREADS, int MLOG, int TOP>
__device__ __forceinline__ void dif_rounds(uint32_t* tile, const uint2* tw, uint32_t count = 1) {
  if constexpr (TOP > 0) {
    constexpr int R = TOP < 4 ? TOP : 4;
    dif_round<F, LINES, R, THREADS, MLOG, TOP - R>(tile, tw, count);
    __syncthreads();
    dif_rounds<F, LINES, THREADS, MLOG, TOP - R>(tile, tw, count);
  }
}

// (w, floor(w * 2^32 / p)): a canonical factor with its Shoup quotient (see shoup_mul).
template <class F>
__device__ __forceinline__ uint2 shoup_pair(uint32_t w) {
  return make_uint2(w, uint32_t((uint64_t(w) << 32) / F::kP));
}

// Four values times one Shoup factor.
template <class F>
__device__ __forceinline__ uint4 shoup_mul4(uint4 x, uint2 w) {
  return make_uint4(shoup_mul<F>(x.x, w), shoup_mul<F>(x.y, w), shoup_mul<F>(x.z, w), shoup_mul<F>(x.w, w));
}

}  // namespace
}  // namespace zkgpu::cuda::ntt_detail
