#pragma once
// The LDE's interpolation last pass fused with its evaluation's first pass: the
// interpolated coefficients never go through DRAM at input size.
//
// A block takes LINES columns of the interpolation rows [hi * M, hi * M + M)
// (M = 2^MLOG), runs the inverse transform's last MLOG levels on them and so
// holds the coefficients j = u * 2^lo_bits + lo, u < M, lo = rev(hi) (as the
// last pass of a plain transform would, see ntt_pass_kernel). Those are exactly
// the nonzero rows of one first-pass tile of the evaluation: 2^(MLOG + k) rows
// of the zero-padded coefficients at stride 2^lo_bits, starting at row lo. With
// only its first M rows nonzero, that tile's top k DIF levels reduce to
//   row a * M + u  =  c_u * omega_{2^(MLOG + k)}^(u * rev_k(a)),   a < 2^k,
// after which its 2^k stacked tiles of M rows each take the remaining MLOG
// levels on their own. The block then applies the evaluation's inter-pass
// twiddles and writes the tile in place of the evaluation buffer, which the
// evaluation's later passes continue.
#include <cuda_runtime.h>

#include <cstdint>

#include "kernels/ntt/tile_ops.cuh"
#include "kernels/ntt/twiddles.hpp"

namespace zkgpu::cuda::ntt_detail {
// Internal linkage: only ntt.cu includes this header, and its kernels stay local
// to that object.
namespace {

struct BridgeParams {
  const uint32_t* in;  // interpolation data after its earlier passes: 2^log_n x cols
  uint32_t* out;       // evaluation buffer: 2^(log_n + k) x cols
  uint64_t cols;       // a multiple of LINES
  unsigned log_n, k;
  NttTwiddleCache::Roots inv;  // of size 2^log_n, inverse
  NttTwiddleCache::Roots fwd;  // of size 2^(log_n + k), forward
  NttTwiddleCache::Coset coset;
};

template <class F, int LINES, int THREADS, int MLOG>
__global__ void __launch_bounds__(THREADS) lde_bridge_kernel(BridgeParams p) {
  extern __shared__ __align__(16) uint32_t smem[];
  constexpr uint32_t M = 1u << MLOG;
  constexpr uint32_t P4 = LINES / 4;  // 16-byte vectors per row chunk
  const unsigned me = MLOG + p.k;
  const uint32_t ME = 1u << me;  // rows of the evaluation tile
  // Layout (bridge_smem_bytes): evaluation tile, interpolation tile, twiddle
  // pairs of both transforms (see dif_round), then Shoup pairs per evaluation
  // row: its expansion factor and its inter-pass twiddle.
  uint4* tile4 = reinterpret_cast<uint4*>(smem);
  uint32_t* interp = smem + size_t(ME) * LINES;
  uint4* interp4 = reinterpret_cast<uint4*>(interp);
  uint2* tw_fwd = reinterpret_cast<uint2*>(interp + size_t(M) * LINES);
  uint2* tw_inv = tw_fwd + ME;
  uint2* factor = tw_inv + M;
  uint2* row_tw = factor + ME;

  const uint64_t t = uint64_t(blockIdx.x) * LINES;
  const uint32_t hi = uint32_t(t / p.cols);
  const uint64_t col = t % p.cols, c4 = p.cols / 4;
  const unsigned lo_bits = p.log_n - MLOG;
  const uint32_t lo = bitrev(hi, lo_bits);

  // Per-block tables, computed while the tile loads are in flight. Every
  // product outside the butterflies then is one Shoup product by a factor of
  // this block: evaluation row a * M + u takes coefficient u times
  // g^j / n * omega_ME^(u * rev_k(a)) (j = u * 2^lo_bits + lo: the coset shift
  // and the interpolation's 1/n folded into the expansion's twiddle), and row v
  // of the result its inter-pass twiddle.
  const uint2* inv_level = reinterpret_cast<const uint2*>(p.inv.level);
  const uint2* fwd_level = reinterpret_cast<const uint2*>(p.fwd.level);
  for (uint32_t i = threadIdx.x + 1; i < M; i += THREADS) tw_inv[i] = __ldg(inv_level + i);
  for (uint32_t i = threadIdx.x + 1; i < ME; i += THREADS) tw_fwd[i] = __ldg(fwd_level + i);
  // The level table's top level holds omega_ME^e for e < ME / 2, and
  // omega_ME^(ME / 2) = -1.
  const uint32_t half = ME / 2;
  for (uint32_t i = threadIdx.x; i < ME; i += THREADS) {
    const uint32_t u = i & (M - 1), e = u * bitrev(i >> MLOG, p.k);
    const F c = table_pow<F>(p.coset.lo, p.coset.hi, p.coset.h, (uint64_t(u) << lo_bits) | lo);
    // Montgomery form times a canonical twiddle: the canonical product.
    F f = F::from_raw(e == 0 ? c.to_canonical() : (c * F::from_raw(__ldg(fwd_level + half + (e & (half - 1))).x)).v);
    if (e & half) f = -f;
    factor[i] = shoup_pair<F>(f.v);
  }
  for (uint32_t v = threadIdx.x; v < ME; v += THREADS)  // the evaluation's first pass: s_hi = log_n + k
    row_tw[v] = shoup_pair<F>(table_pow<F>(p.fwd.lo, p.fwd.hi, p.fwd.h, uint64_t(lo) * bitrev(v, me)).to_canonical());

  // Load, as the vector path of ntt_pass_kernel.
  constexpr int kBatch = 8;
  const uint4* in4 = reinterpret_cast<const uint4*>(p.in + uint64_t(hi) * M * p.cols + col);
  for (uint32_t base = 0; base < M * P4; base += THREADS * kBatch) {
    uint4 x[kBatch];
#pragma unroll
    for (int b = 0; b < kBatch; ++b) {
      const uint32_t i4 = base + b * THREADS + threadIdx.x;
      if (i4 < M * P4) x[b] = in4[uint64_t(i4 / P4) * c4 + i4 % P4];
    }
#pragma unroll
    for (int b = 0; b < kBatch; ++b) {
      const uint32_t i4 = base + b * THREADS + threadIdx.x;
      if (i4 < M * P4) interp4[swz<LINES>(i4 / P4) * P4 + i4 % P4] = x[b];
    }
  }
  __syncthreads();
  dif_rounds<F, LINES, THREADS, MLOG, MLOG>(interp, tw_inv);

  // Interpolated position rev(u) holds coefficient u: expand it into rows a * M + u.
  for (uint32_t i4 = threadIdx.x; i4 < M * P4; i4 += THREADS) {
    const uint32_t u = i4 / P4, c = i4 % P4;
    const uint4 x = interp4[swz<LINES>(bitrev(u, MLOG)) * P4 + c];
    for (uint32_t a = 0; a < (1u << p.k); ++a)
      tile4[swz<LINES>(a * M + u) * P4 + c] = shoup_mul4<F>(x, factor[a * M + u]);
  }
  __syncthreads();
  dif_rounds<F, LINES, THREADS, MLOG, MLOG>(smem, tw_fwd, 1u << p.k);

  // Row v now holds frequency rev(v) of the evaluation's first pass: times its
  // inter-pass twiddle, to row v * 2^lo_bits + lo.
  uint4* out4 = reinterpret_cast<uint4*>(p.out + uint64_t(lo) * p.cols + col);
  const uint64_t q4 = c4 << lo_bits;
  for (uint32_t i4 = threadIdx.x; i4 < ME * P4; i4 += THREADS) {
    const uint32_t v = i4 / P4;
    out4[uint64_t(v) * q4 + i4 % P4] = shoup_mul4<F>(tile4[swz<LINES>(v) * P4 + i4 % P4], row_tw[v]);
  }
}

}  // namespace
}  // namespace zkgpu::cuda::ntt_detail
