// Multi-pass shared-memory NTT for row-major matrices; see ntt.hpp for the design.
#include <algorithm>
#include <string>
#include <vector>

#include "kernels/common/cuda_error.hpp"
#include "kernels/ntt/ntt.hpp"
#include "math/field31/field31.hpp"
#include "math/field31/with_field.hpp"

namespace zkgpu::cuda {

namespace {

constexpr unsigned kDefaultMaxPassLog = 11;
unsigned g_max_pass_log = kDefaultMaxPassLog;
// Lines per tile: a row chunk of a tile is LINES consecutive words, 32 bytes (one
// sector) for 8 lines or 128 bytes (one cache line) for 32. Wider chunks make the
// strided passes fetch whole cache lines; narrower ones allow taller tiles.
unsigned g_lines = 0;  // 0 = chosen per transform (lines_for)

// Tallest tile (log2 rows) for a line count: the tile must fit in shared memory.
constexpr unsigned max_tile_log(unsigned lines) { return lines == 8 ? 12 : 10; }
// Levels in the per-level twiddle table: as many as the tallest pass of any plan.
constexpr unsigned level_table_log(unsigned log_n) { return log_n < 12 ? log_n : 12; }

// 32 lines pay off from 32 columns up and 2^20 rows (at 2^20 x 64 on an H100:
// two passes of 2^10-row 32-line tiles 0.75 ms, three of 32 lines 0.79 ms, two of
// 8 lines 0.97 ms); below that, tall 8-line tiles are faster.
unsigned lines_for(unsigned log_n, uint64_t cols) {
  if (g_lines) return g_lines;
  return cols >= 32 && log_n >= 20 ? 32 : 8;
}

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
  int scale_mode;          // last pass: 0 none, 1 * scale, 2 * coset[j] (g^j / n)
  uint32_t scale;
  NttTwiddleCache::Coset coset;
};

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

// One register round: DIF levels [B, B + R) of a 2^MLOG-row tile, 2^R elements
// per group. Everything but the group index is a compile-time constant. The
// twiddles of level k sit at tw[2^k + j] = omega_{2^(k+1)}^j, j < 2^k.
// x * w mod p for a canonical twiddle w with Shoup's quotient w' = floor(w * 2^32 / p),
// any x < 2^32: q = floor(x * w' / 2^32) underestimates floor(x * w / p) by at most
// one, so x * w - q * p (exact in 32 bits) lies in [0, 2p); one correction.
template <class F>
__device__ __forceinline__ uint32_t shoup_mul(uint32_t x, uint2 w) {
  const uint32_t q = __umulhi(x, w.y);
  const uint32_t r = x * w.x - q * F::kP;
  return f31::detail::umin(r, r - F::kP);
}

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
    return p.scale_mode == 1 ? F::from_raw(p.scale) : table_pow<F>(p.coset.lo, p.coset.hi, p.coset.h, j);
  };
  auto scaled = [&](uint32_t raw, uint64_t j) {
    return p.scale_mode == 0 ? raw : (F::from_raw(raw) * row_factor(j)).v;
  };
  if (vec) {
    if (!line_ok[0]) return;
    const uint64_t jlow = bitrev(line_hi[0], hi_bits);
    for (uint32_t i4 = threadIdx.x; i4 < total / 4; i4 += THREADS) {
      const uint32_t u = i4 / P4, v = bitrev(u, MLOG);
      const uint64_t j = (uint64_t(u) << hi_bits) | jlow;
      uint4 x = reinterpret_cast<const uint4*>(tile)[swz<LINES>(v) * P4 + i4 % P4];
      if (p.scale_mode != 0) {  // one row: one factor for the four values
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
struct BridgeParams {
  const uint32_t* in;  // interpolation data after its earlier passes: 2^log_n x cols
  uint32_t* out;       // evaluation buffer: 2^(log_n + k) x cols
  uint64_t cols;       // a multiple of LINES
  unsigned log_n, k;
  NttTwiddleCache::Roots inv;  // of size 2^log_n, inverse
  NttTwiddleCache::Roots fwd;  // of size 2^(log_n + k), forward
  NttTwiddleCache::Coset coset;
};

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

// The tile, its per-level twiddle pairs and a twiddle per row.
size_t smem_bytes(unsigned lines, unsigned m) { return (size_t(lines) << m) * 4 + (size_t(1) << m) * 12; }

// Instantiates the kernel for every tile height 2^0 .. max_tile_log(LINES) and
// launches the one the pass needs. The tallest tiles fill most of shared memory
// (one block per SM), so they run with twice the threads to keep warps busy.
template <class F, int LINES, int MLOG>
void launch_tile(const PassParams& p, unsigned blocks, cudaStream_t stream) {
  if (p.m != MLOG) {
    if constexpr (MLOG < int(max_tile_log(LINES))) launch_tile<F, LINES, MLOG + 1>(p, blocks, stream);
    return;
  }
  constexpr int threads = (LINES << MLOG) >= 32768 ? 512 : 256;
  auto kernel = ntt_pass_kernel<F, LINES, threads, MLOG>;
  // Per device and cheap; set on every launch so any current device is covered.
  check(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(smem_bytes(LINES, MLOG))),
        "cudaFuncSetAttribute(ntt)");
  kernel<<<blocks, threads, smem_bytes(LINES, MLOG), stream>>>(p);
  check_launch("ntt_pass_kernel");
}

template <class F, int LINES>
void launch_pass(const PassParams& p, cudaStream_t stream) {
  uint64_t blocks;
  if (p.group == 0)
    blocks = (p.hi_count * p.q_len + LINES - 1) / LINES;
  else
    blocks = (p.hi_count + p.group - 1) / p.group;
  if (blocks > 0x7fffffffULL) throw Error(ErrorCode::invalid_argument, "ntt: matrix too large for one launch");
  launch_tile<F, LINES, 0>(p, unsigned(blocks), stream);
}

// Opt-in shared memory per block of the current device.
size_t max_block_smem() {
  int dev = 0, bytes = 0;
  check(cudaGetDevice(&dev), "cudaGetDevice");
  check(cudaDeviceGetAttribute(&bytes, cudaDevAttrMaxSharedMemoryPerBlockOptin, dev), "cudaDeviceGetAttribute");
  return size_t(bytes);
}

// See lde_bridge_kernel for the layout.
size_t bridge_smem_bytes(unsigned lines, unsigned m, unsigned k) {
  const size_t me = size_t(1) << (m + k), mi = size_t(1) << m;
  return (me + mi) * lines * 4 + (me + mi) * 8 + me * 16;
}

template <class F, int LINES, int MLOG>
void launch_bridge(const BridgeParams& p, unsigned m, cudaStream_t stream) {
  if (m != MLOG) {
    if constexpr (MLOG < int(max_tile_log(LINES))) launch_bridge<F, LINES, MLOG + 1>(p, m, stream);
    return;
  }
  constexpr int threads = (LINES << MLOG) >= 16384 ? 512 : 256;
  const uint64_t blocks = (p.cols << (p.log_n - MLOG)) / LINES;
  if (blocks > 0x7fffffffULL) throw Error(ErrorCode::invalid_argument, "lde: matrix too large for one launch");
  auto kernel = lde_bridge_kernel<F, LINES, threads, MLOG>;
  const size_t smem = bridge_smem_bytes(LINES, MLOG, p.k);
  check(cudaFuncSetAttribute(kernel, cudaFuncAttributeMaxDynamicSharedMemorySize, int(smem)),
        "cudaFuncSetAttribute(lde bridge)");
  kernel<<<unsigned(blocks), threads, smem, stream>>>(p);
  check_launch("lde_bridge_kernel");
}

// The sizes of the passes for a transform of 2^log_n rows, top pass first.
std::vector<unsigned> plan_passes(unsigned log_n, unsigned lines) {
  const unsigned max_m = std::min(g_max_pass_log, max_tile_log(lines));
  const unsigned count = std::max(1u, (log_n + max_m - 1) / max_m);
  std::vector<unsigned> ms;
  for (unsigned i = 0; i < count; ++i) ms.push_back(log_n / count + (i < log_n % count ? 1 : 0));
  return ms;
}

// Runs passes of the given sizes (top first) of a transform of 2^log_n rows,
// starting below level s_hi, in place on `data`. With `finish`, the last of
// them is the transform's last pass: it writes into `out` with the final scaling.
// Rows at or beyond valid_rows are zero (read by a pass that starts at the top).
template <class F>
void run_passes(const NttTwiddleCache::Roots& roots, const std::vector<unsigned>& ms, unsigned s_hi, unsigned lines,
                uint32_t* data, uint32_t* out, unsigned log_n, uint64_t cols, uint64_t valid_rows, bool finish,
                int scale_mode, uint32_t scale, NttTwiddleCache::Coset coset, cudaStream_t stream) {
  for (size_t i = 0; i < ms.size(); ++i) {
    PassParams p{};
    p.m = ms[i];
    p.s_lo = s_hi - p.m;
    p.log_n = log_n;
    p.last = finish && i + 1 == ms.size();
    p.in = data;
    p.out = p.last ? out : data;
    p.cols = cols;
    p.q_len = (uint64_t(1) << p.s_lo) * cols;
    p.hi_count = uint64_t(1) << (log_n - s_hi);
    p.valid_rows = s_hi == log_n ? valid_rows : ~uint64_t(0);
    p.group = p.q_len >= lines ? 0 : unsigned(std::min<uint64_t>(lines / p.q_len, p.hi_count));
    p.roots = roots;
    p.scale_mode = p.last ? scale_mode : 0;
    p.scale = scale;
    p.coset = coset;
    if (lines == 8)
      launch_pass<F, 8>(p, stream);
    else
      launch_pass<F, 32>(p, stream);
    s_hi = p.s_lo;
  }
}

// Every pass of one transform: in place on `data`, the last one into `out`.
template <class F>
void run_transform(NttTwiddleCache& cache, Field31 f, bool inverse, uint32_t* data, uint32_t* out, unsigned log_n,
                   uint64_t cols, uint64_t valid_rows, int scale_mode, uint32_t scale, NttTwiddleCache::Coset coset,
                   cudaStream_t stream) {
  const unsigned lines = lines_for(log_n, cols);
  run_passes<F>(cache.roots(f, log_n, inverse, stream), plan_passes(log_n, lines), log_n, lines, data, out, log_n,
                cols, valid_rows, true, scale_mode, scale, coset, stream);
}

unsigned log2_ceil(uint64_t rows) {
  unsigned l = 0;
  while ((uint64_t(1) << l) < rows) ++l;
  return l;
}

// The evaluation's pass sizes for an LDE and whether the bridge takes its first
// pass: the bridge needs the column count to be a multiple of the tile lines, at
// least two passes, a first pass covering the log_blowup trivial levels, and its
// two tiles in shared memory.
struct LdeShape {
  unsigned log_n, log_big, lines;
  std::vector<unsigned> ms;
  bool fused;
};

LdeShape lde_shape(uint64_t rows, uint64_t cols, unsigned log_blowup) {
  LdeShape s;
  s.log_n = log2_ceil(rows);
  s.log_big = s.log_n + log_blowup;
  s.lines = lines_for(s.log_big, cols);
  s.ms = plan_passes(s.log_big, s.lines);
  s.fused = s.ms.size() >= 2 && s.ms[0] >= log_blowup && cols % s.lines == 0 &&
            bridge_smem_bytes(s.lines, s.ms[0] - log_blowup, log_blowup) <= max_block_smem();
  return s;
}

}  // namespace

void set_ntt_max_pass_log(unsigned m) { g_max_pass_log = m ? std::min(m, 12u) : kDefaultMaxPassLog; }
unsigned ntt_max_pass_log() { return g_max_pass_log; }
void set_ntt_tile_lines(unsigned lines) {
  if (lines != 0 && lines != 8 && lines != 32)
    throw Error(ErrorCode::invalid_argument, "ntt: tile lines must be 8 or 32, got " + std::to_string(lines));
  g_lines = lines;
}
unsigned ntt_tile_lines(unsigned log_n, uint64_t cols) { return lines_for(log_n, cols); }
unsigned ntt_pass_count(unsigned log_n, uint64_t cols) {
  return unsigned(plan_passes(log_n, lines_for(log_n, cols)).size());
}

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

void ntt_device(NttTwiddleCache& cache, Field31 f, NttDirection dir, uint32_t* data, uint32_t* out, uint64_t rows,
                uint64_t cols, cudaStream_t stream) {
  if (rows == 0 || cols == 0) return;
  const unsigned log_n = log2_ceil(rows);
  const bool inverse = dir == NttDirection::inverse;
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    const uint32_t n_inv = F::from_canonical(uint32_t(rows)).inverse().v;
    run_transform<F>(cache, f, inverse, data, out, log_n, cols, rows, inverse ? 1 : 0, n_inv, {}, stream);
  });
}

LdePlan lde_plan(uint64_t rows, uint64_t cols, unsigned log_blowup) {
  const LdeShape s = lde_shape(rows, cols, log_blowup);
  if (s.fused) return {true, unsigned(s.ms.size() - 1), unsigned(s.ms.size() - 1)};
  return {false, ntt_pass_count(s.log_n, cols), unsigned(s.ms.size())};
}

void lde_device(NttTwiddleCache& cache, Field31 f, uint32_t* in, uint64_t rows, uint64_t cols, unsigned log_blowup,
                uint32_t* scratch, uint32_t* out, cudaStream_t stream) {
  if (rows == 0 || cols == 0) return;
  const LdeShape s = lde_shape(rows, cols, log_blowup);
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    const auto coset = cache.coset(f, s.log_n, stream);
    if (s.fused) {
      // The evaluation's passes below its first (the bridge, ms[0] levels of
      // which log_blowup are trivial) cover log_n - (ms[0] - log_blowup) levels;
      // the interpolation's passes above the bridge cover as many.
      const std::vector<unsigned> rest(s.ms.begin() + 1, s.ms.end());
      const unsigned m = s.ms[0] - log_blowup;
      BridgeParams p{in, scratch, cols, s.log_n, log_blowup, cache.roots(f, s.log_n, true, stream),
                     cache.roots(f, s.log_big, false, stream), coset};
      run_passes<F>(p.inv, rest, s.log_n, s.lines, in, in, s.log_n, cols, rows, false, 0, 0, {}, stream);
      if (s.lines == 8)
        launch_bridge<F, 8, 0>(p, m, stream);
      else
        launch_bridge<F, 32, 0>(p, m, stream);
      run_passes<F>(p.fwd, rest, s.log_big - s.ms[0], s.lines, scratch, out, s.log_big, cols, ~uint64_t(0), true, 0,
                    0, {}, stream);
      return;
    }
    // Interpolate: coefficients c_j * g^j / n land in the first `rows` rows of scratch.
    run_transform<F>(cache, f, true, in, scratch, s.log_n, cols, rows, 2, 0, coset, stream);
    // Evaluate the zero-padded, shifted coefficients on the big subgroup.
    run_transform<F>(cache, f, false, scratch, out, s.log_big, cols, rows, 0, 0, {}, stream);
  });
}

}  // namespace zkgpu::cuda
