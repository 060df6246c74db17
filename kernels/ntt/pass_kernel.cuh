#pragma once
// One pass of the multi-pass device NTT (see ntt.hpp for the design): a tile of
// 2^MLOG rows x LINES lines through MLOG butterfly levels, then the inter-pass
// twiddles (or, for the last pass, the bit-reversed store with its scaling).
#include <cuda_runtime.h>

#include <cstdint>

#include "kernels/ntt/tile_ops.cuh"
#include "kernels/ntt/twiddles.hpp"

namespace zkgpu::cuda::ntt_detail {
// Internal linkage: only ntt.cu includes this header, and its kernels stay local
// to that object.
namespace {

// What the last pass multiplies output row j by.
enum class ScaleMode : int {
  none,   // nothing
  scale,  // one factor for every row (1/n of an inverse transform)
  coset,  // g^j / n (the LDE's interpolation, shifted to the coset)
};

// Kernel parameters of one pass (s_hi = s_lo + m: the levels it covers are [s_lo, s_hi)).
struct PassParams {
  const uint32_t* in;
  uint32_t* out;           // == in except for the last pass
  uint64_t cols;           // C
  uint64_t q_len;          // Q = 2^s_lo * C: contiguous elements per (hi, v)
  uint64_t hi_count;       // 2^(log_n - s_lo - m)
  uint64_t valid_rows;     // rows at or beyond this are read as zero (LDE padding)
  unsigned log_n, s_lo, m;
  unsigned group;          // narrow tiles (Q < 8): hi values per block; 0 = wide tile
  bool last;               // write rows to bit-reversed positions of `out`
  NttTwiddleCache::Roots roots;
  ScaleMode scale_mode;    // last pass only; the others have none
  uint32_t scale;
  NttTwiddleCache::Coset coset;
};

// Where element idx of a tile's memory-order enumeration lives: row v of line w,
// or false when the slot is unused (narrow tiles that do not fill every line).
template <int LINES>
__device__ __forceinline__ bool tile_slot(const PassParams& p, uint32_t idx, uint32_t& v, uint32_t& w) {
  if (p.group == 0) {
    v = idx / LINES;
    w = idx % LINES;
    return true;
  }
  const uint32_t q = uint32_t(idx % p.q_len), rest = uint32_t(idx / p.q_len);
  v = rest & ((1u << p.m) - 1);
  w = (rest >> p.m) * uint32_t(p.q_len) + q;
  return w < LINES;
}

template <class F, int LINES, int THREADS, int MLOG>
__global__ void __launch_bounds__(THREADS) ntt_pass_kernel(PassParams p) {
  extern __shared__ __align__(16) uint32_t smem[];
  constexpr uint32_t M = 1u << MLOG;
  constexpr uint32_t P4 = LINES / 4;        // 16-byte vectors per row chunk
  uint32_t* tile = smem;
  uint2* tw = reinterpret_cast<uint2*>(smem + size_t(M) * LINES);  // per-level twiddles, see dif_round
  uint32_t* row_tw = reinterpret_cast<uint32_t*>(tw + M);          // inter-pass twiddle per row, see below
  __shared__ uint64_t line_base[LINES];     // element offset of row v = 0 of the line
  __shared__ uint64_t line_row0[LINES];     // its row index (hi * 2^s_hi + lo)
  __shared__ uint32_t line_lo[LINES];
  __shared__ uint32_t line_col[LINES];
  __shared__ uint32_t line_hi[LINES];
  __shared__ bool line_ok[LINES];

  const unsigned s_hi = p.s_lo + MLOG;
  if (threadIdx.x < LINES) {
    const uint32_t w = threadIdx.x;
    uint64_t hi, q;
    bool ok;
    if (p.group == 0) {
      const uint64_t t = uint64_t(blockIdx.x) * LINES + w;
      hi = t / p.q_len;
      q = t % p.q_len;
      ok = hi < p.hi_count;
    } else {
      const uint64_t k = w / p.q_len, hidx = uint64_t(blockIdx.x) * p.group + k;
      q = w % p.q_len;
      ok = k < p.group && hidx < p.hi_count;
      hi = p.last ? bitrev(uint32_t(hidx), p.log_n - s_hi) : hidx;
    }
    const uint64_t lo = q / p.cols;
    line_ok[w] = ok;
    line_base[w] = hi * M * p.q_len + q;
    line_row0[w] = (hi << s_hi) + lo;
    line_lo[w] = uint32_t(lo);
    line_col[w] = uint32_t(q % p.cols);
    line_hi[w] = uint32_t(hi);
  }
  // tw[2^k + j] = omega_{2^(k+1)}^j with its Shoup quotient, copied from the cached table.
  const uint2* level = reinterpret_cast<const uint2*>(p.roots.level);
  for (uint32_t t = threadIdx.x + 1; t < M; t += THREADS) tw[t] = __ldg(level + t);

  const uint32_t total = M * LINES;
  // Wide tiles whose lines are consecutive words of one row chunk move as
  // 16-byte vectors; the zero padding must then cut at a whole v.
  const bool vec = p.group == 0 && p.q_len % LINES == 0 &&
                   (p.valid_rows == ~uint64_t(0) || (p.valid_rows & ((uint64_t(1) << p.s_lo) - 1)) == 0);
  // Inter-pass twiddles omega^((lo * rev_m(v)) << shift) of a non-last pass. When
  // every line of the block has the same lo (the block's LINES consecutive words
  // lie in one row: the column count is a multiple of LINES), they depend on the
  // row alone: computed here once per row, while the tile loads are in flight,
  // instead of once per 16-byte vector in the store loop.
  const unsigned shift = p.log_n - s_hi;
  const bool one_lo = vec && !p.last && p.cols % LINES == 0;
  if (one_lo) {
    const uint64_t lo = (uint64_t(blockIdx.x) * LINES % p.q_len) / p.cols;
    for (uint32_t v = threadIdx.x; v < M; v += THREADS)
      row_tw[v] = table_pow<F>(p.roots.lo, p.roots.hi, p.roots.h, (lo * bitrev(v, MLOG)) << shift).v;
  }
  __syncthreads();
  const uint64_t valid_v = p.valid_rows == ~uint64_t(0) ? M : p.valid_rows >> p.s_lo;
  constexpr int kBatch = 8;  // loads in flight per thread

  // Load phase: consecutive threads read consecutive addresses; every thread
  // issues kBatch independent loads before it writes shared memory.
  if (vec) {
    const bool ok = line_ok[0];
    const uint4* in4 = reinterpret_cast<const uint4*>(p.in + line_base[0]);
    const uint64_t q4 = p.q_len / 4;
    for (uint32_t base = 0; base < total / 4; base += THREADS * kBatch) {
      uint4 x[kBatch];
#pragma unroll
      for (int k = 0; k < kBatch; ++k) {
        const uint32_t i4 = base + k * THREADS + threadIdx.x, v = i4 / P4;
        x[k] = make_uint4(0, 0, 0, 0);
        if (ok && i4 < total / 4 && v < valid_v) x[k] = in4[uint64_t(v) * q4 + i4 % P4];
      }
#pragma unroll
      for (int k = 0; k < kBatch; ++k) {
        const uint32_t i4 = base + k * THREADS + threadIdx.x;
        if (i4 < total / 4) reinterpret_cast<uint4*>(tile)[swz<LINES>(i4 / P4) * P4 + i4 % P4] = x[k];
      }
    }
  } else {
    for (uint32_t base = 0; base < total; base += THREADS * kBatch) {
      uint32_t x[kBatch], pos[kBatch];
#pragma unroll
      for (int k = 0; k < kBatch; ++k) {
        const uint32_t idx = base + k * THREADS + threadIdx.x;
        uint32_t v, w;
        x[k] = 0;
        pos[k] = ~0u;
        if (idx < total && tile_slot<LINES>(p, idx, v, w)) {
          pos[k] = swz<LINES>(v) * LINES + w;
          if (line_ok[w] && line_row0[w] + (uint64_t(v) << p.s_lo) < p.valid_rows)
            x[k] = p.in[line_base[w] + uint64_t(v) * p.q_len];
        }
      }
#pragma unroll
      for (int k = 0; k < kBatch; ++k)
        if (pos[k] != ~0u) tile[pos[k]] = x[k];
    }
  }
  __syncthreads();

  dif_rounds<F, LINES, THREADS, MLOG, MLOG>(tile, tw);

  if (!p.last) {
    // In place; position v holds frequency rev_m(v): multiply by omega_{2^s_hi}^(lo * rev_m(v)).
    if (vec) {
      if (!line_ok[0]) return;
      uint4* out4 = reinterpret_cast<uint4*>(p.out + line_base[0]);
      const uint64_t q4 = p.q_len / 4;
      if (one_lo) {
        for (uint32_t i4 = threadIdx.x; i4 < total / 4; i4 += THREADS) {
          const uint32_t v = i4 / P4;
          const F t = F::from_raw(row_tw[v]);
          uint4 x = reinterpret_cast<const uint4*>(tile)[swz<LINES>(v) * P4 + i4 % P4];
          x.x = (F::from_raw(x.x) * t).v;
          x.y = (F::from_raw(x.y) * t).v;
          x.z = (F::from_raw(x.z) * t).v;
          x.w = (F::from_raw(x.w) * t).v;
          out4[uint64_t(v) * q4 + i4 % P4] = x;
        }
        return;
      }
      for (uint32_t i4 = threadIdx.x; i4 < total / 4; i4 += THREADS) {
        const uint32_t v = i4 / P4, w0 = (i4 % P4) * 4, rv = bitrev(v, MLOG);
        uint4 x = reinterpret_cast<const uint4*>(tile)[swz<LINES>(v) * P4 + i4 % P4];
        uint32_t* e = &x.x;
        // The four lines of a vector share lo unless they straddle a row (fewer
        // than 4 columns, or a column count not a multiple of 4): one twiddle
        // then serves all four.
        uint64_t ex_prev = 0;
        F t = F::one();
#pragma unroll
        for (int k = 0; k < 4; ++k) {
          const uint64_t ex = (uint64_t(line_lo[w0 + k]) * rv) << shift;
          if (!ex) continue;
          if (ex != ex_prev) {
            t = table_pow<F>(p.roots.lo, p.roots.hi, p.roots.h, ex);
            ex_prev = ex;
          }
          e[k] = (F::from_raw(e[k]) * t).v;
        }
        out4[uint64_t(v) * q4 + i4 % P4] = x;
      }
      return;
    }
    for (uint32_t idx = threadIdx.x; idx < total; idx += THREADS) {
      uint32_t v, w;
      if (!tile_slot<LINES>(p, idx, v, w) || !line_ok[w]) continue;
      F x = F::from_raw(tile[swz<LINES>(v) * LINES + w]);
      const uint64_t e = (uint64_t(line_lo[w]) * bitrev(v, MLOG)) << shift;
      if (e) x = x * table_pow<F>(p.roots.lo, p.roots.hi, p.roots.h, e);
      p.out[line_base[w] + uint64_t(v) * p.q_len] = x.v;
    }
    return;
  }

  // Last pass (s_lo = 0, Q = C): row i = hi * M + v holds frequency j = rev_log_n(i)
  // = rev_m(v) * 2^(log_n - m) + rev(hi). Enumerate by u = rev_m(v) so stores of
  // neighbouring threads land in the same output row (or, for narrow tiles, in
  // neighbouring rows).
  const unsigned hi_bits = p.log_n - MLOG;
  // The factor output row j is multiplied by (1/n, or g^j / n for the LDE).
  auto row_factor = [&](uint64_t j) {
    return p.scale_mode == ScaleMode::scale ? F::from_raw(p.scale) : table_pow<F>(p.coset.lo, p.coset.hi, p.coset.h, j);
  };
  auto scaled = [&](uint32_t raw, uint64_t j) {
    return p.scale_mode == ScaleMode::none ? raw : (F::from_raw(raw) * row_factor(j)).v;
  };
  if (vec) {
    if (!line_ok[0]) return;
    const uint64_t jlow = bitrev(line_hi[0], hi_bits);
    for (uint32_t i4 = threadIdx.x; i4 < total / 4; i4 += THREADS) {
      const uint32_t u = i4 / P4, v = bitrev(u, MLOG);
      const uint64_t j = (uint64_t(u) << hi_bits) | jlow;
      uint4 x = reinterpret_cast<const uint4*>(tile)[swz<LINES>(v) * P4 + i4 % P4];
      if (p.scale_mode != ScaleMode::none) {  // one row: one factor for the four values
        const F c = row_factor(j);
        uint32_t* e = &x.x;
#pragma unroll
        for (int k = 0; k < 4; ++k) e[k] = (F::from_raw(e[k]) * c).v;
      }
      *reinterpret_cast<uint4*>(p.out + j * p.cols + line_col[0] + (i4 % P4) * 4) = x;
    }
    return;
  }
  for (uint32_t idx = threadIdx.x; idx < total; idx += THREADS) {
    uint32_t u, w;
    if (p.group == 0) {
      u = idx / LINES;
      w = idx % LINES;
    } else {
      const uint32_t q = uint32_t(idx % p.q_len), rest = uint32_t(idx / p.q_len);
      const uint32_t k = rest % p.group;
      u = rest / p.group;
      w = k * uint32_t(p.q_len) + q;
      if (u >= M) continue;
    }
    if (!line_ok[w]) continue;
    const uint32_t v = bitrev(u, MLOG);
    const uint64_t j = (uint64_t(u) << hi_bits) | bitrev(line_hi[w], hi_bits);
    p.out[j * p.cols + line_col[w]] = scaled(tile[swz<LINES>(v) * LINES + w], j);
  }
}

}  // namespace
}  // namespace zkgpu::cuda::ntt_detail
