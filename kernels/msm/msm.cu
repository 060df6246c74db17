// Bucket accumulation is nothing but point additions: inline them here.
#define ZK_BN254_INLINE_POINT_OPS
#include "kernels/msm/msm.hpp"

#include <cub/device/device_radix_sort.cuh>
#include <cub/device/device_reduce.cuh>
#include <cub/device/device_run_length_encode.cuh>
#include <cub/device/device_scan.cuh>

#include <algorithm>
#include <vector>

#include "kernels/common/cuda_error.hpp"
#include "kernels/common/device_buffer.hpp"
#include "math/bn254/msm_digits.hpp"

namespace zkgpu::cuda::msm {

using namespace bn254;

namespace {

constexpr uint32_t kSignBit = 0x80000000u;
// Points (level 0) or partial sums (later levels) one thread adds up.
constexpr uint32_t kChunk = 32;
// Points per pass: bounds the sort buffers (4 x windows x n x 4 bytes).
constexpr size_t kMaxPass = size_t(1) << 24;
constexpr unsigned kThreads = 256;
// Bucket reduction: about this many threads over all windows (enough to fill the
// device), each summing a range of at least kMinBucketsPerThread buckets.
constexpr uint32_t kReductionThreads = 65536;
constexpr uint32_t kMinBucketsPerThread = 8;

unsigned ceil_log2(uint64_t x) {
  unsigned b = 0;
  while ((uint64_t(1) << b) < x) ++b;
  return b;
}

unsigned blocks_for(uint64_t n) { return unsigned((n + kThreads - 1) / kThreads); }

// For every scalar and window: key = window * 2^(c-1) + |digit| - 1 (or the
// sentinel for digit 0, sorting last), value = point index | sign bit.
__global__ void make_pairs_kernel(const FrRaw* __restrict__ scalars, uint32_t n, unsigned c, unsigned windows,
                                  uint32_t sentinel, uint32_t* __restrict__ keys, uint32_t* __restrict__ vals) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i >= n) return;
  const FrRaw s = scalars[i];
  const uint32_t half = 1u << (c - 1);
  uint32_t carry = 0;
  for (unsigned w = 0; w < windows; ++w) {
    const uint32_t raw = msm_window_bits(s, w * c, c) + carry;
    carry = raw > half;
    const int32_t d = carry ? int32_t(raw) - int32_t(1u << c) : int32_t(raw);
    const size_t at = size_t(w) * n + i;
    keys[at] = d == 0 ? sentinel : w * half + uint32_t(d > 0 ? d : -d) - 1;
    vals[at] = i | (d < 0 ? kSignBit : 0u);
  }
}

// chunk_count[s] = ceil(count[s] / kChunk); entry num_segs is 0 so that the
// exclusive scan's last entry is the total.
__global__ void chunk_count_kernel(const uint32_t* __restrict__ count, uint32_t num_segs,
                                   uint32_t* __restrict__ chunk_count) {
  const uint32_t s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s < num_segs) chunk_count[s] = (count[s] + kChunk - 1) / kChunk;
  if (s == num_segs) chunk_count[s] = 0;
}

// The segment holding chunk t: the last s with chunk_start[s] <= t.
__device__ __forceinline__ uint32_t find_segment(const uint32_t* chunk_start, uint32_t num_segs, uint32_t t) {
  uint32_t lo = 0, hi = num_segs;
  while (hi - lo > 1) {
    const uint32_t mid = (lo + hi) / 2;
    if (chunk_start[mid] <= t) lo = mid; else hi = mid;
  }
  return lo;
}

// Level 0: thread t sums up to kChunk signed points of one bucket.
template <class F>
__global__ void accumulate_points_kernel(const Affine<F>* __restrict__ bases, const uint32_t* __restrict__ vals,
                                         const uint32_t* __restrict__ seg_start, const uint32_t* __restrict__ seg_count,
                                         const uint32_t* __restrict__ chunk_start, uint32_t num_segs,
                                         uint32_t num_chunks, Xyzz<F>* __restrict__ out) {
  const uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= num_chunks) return;
  const uint32_t s = find_segment(chunk_start, num_segs, t);
  const uint32_t begin = seg_start[s] + (t - chunk_start[s]) * kChunk;
  const uint32_t end = min(begin + kChunk, seg_start[s] + seg_count[s]);
  Xyzz<F> acc = Xyzz<F>::infinity();
  for (uint32_t j = begin; j < end; ++j) {
    const uint32_t v = vals[j];
    Affine<F> p = bases[v & ~kSignBit];
    if (v & kSignBit) p.y = -p.y;
    acc = acc.add_mixed(p);
  }
  out[t] = acc;
}

// Later levels: thread t sums up to kChunk partial sums of one bucket.
template <class F>
__global__ void accumulate_partials_kernel(const Xyzz<F>* __restrict__ in, const uint32_t* __restrict__ seg_start,
                                           const uint32_t* __restrict__ seg_count,
                                           const uint32_t* __restrict__ chunk_start, uint32_t num_segs,
                                           uint32_t num_chunks, Xyzz<F>* __restrict__ out) {
  const uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= num_chunks) return;
  const uint32_t s = find_segment(chunk_start, num_segs, t);
  const uint32_t begin = seg_start[s] + (t - chunk_start[s]) * kChunk;
  const uint32_t end = min(begin + kChunk, seg_start[s] + seg_count[s]);
  Xyzz<F> acc = in[begin];
  for (uint32_t j = begin + 1; j < end; ++j) acc += in[j];
  out[t] = acc;
}

template <class F>
__global__ void fill_infinity_kernel(Xyzz<F>* __restrict__ out, uint32_t n) {
  const uint32_t i = blockIdx.x * blockDim.x + threadIdx.x;
  if (i < n) out[i] = Xyzz<F>::infinity();
}

// buckets[key[s]] = the single remaining partial sum of segment s.
template <class F>
__global__ void scatter_buckets_kernel(const Xyzz<F>* __restrict__ partials, const uint32_t* __restrict__ seg_start,
                                       const uint32_t* __restrict__ keys, uint32_t num_segs,
                                       Xyzz<F>* __restrict__ buckets) {
  const uint32_t s = blockIdx.x * blockDim.x + threadIdx.x;
  if (s < num_segs) buckets[keys[s]] = partials[seg_start[s]];
}

// k * p for a small k (bucket offsets) by double-and-add.
template <class F>
__device__ Xyzz<F> mul_small(const Xyzz<F>& p, uint32_t k) {
  Xyzz<F> acc = Xyzz<F>::infinity();
  for (int bit = 31 - __clz(k | 1); bit >= 0; --bit) {
    acc = acc.dbl();
    if ((k >> bit) & 1) acc += p;
  }
  return acc;
}

// Window sums sum_b (b + 1) * bucket[b], split into `segs` ranges per window:
// thread (w, j) returns its range's share; a pairwise tree adds the shares.
template <class F>
__global__ void window_segments_kernel(const Xyzz<F>* __restrict__ buckets, uint32_t half, uint32_t segs,
                                       uint32_t windows, Xyzz<F>* __restrict__ out) {
  const uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t >= windows * segs) return;
  const uint32_t w = t / segs, j = t % segs;
  const uint32_t len = half / segs, lo = j * len;
  const Xyzz<F>* b = buckets + size_t(w) * half;
  Xyzz<F> run = Xyzz<F>::infinity(), tri = Xyzz<F>::infinity();
  for (uint32_t k = lo + len; k-- > lo;) {
    run += b[k];
    tri += run;  // tri = sum (k - lo + 1) * b[k]
  }
  // weight k + 1 = (k - lo + 1) + lo
  out[t] = tri + mul_small(run, lo);
}

template <class F>
__global__ void sum_pairs_kernel(const Xyzz<F>* __restrict__ in, uint32_t count, Xyzz<F>* __restrict__ out) {
  const uint32_t t = blockIdx.x * blockDim.x + threadIdx.x;
  if (t < count) out[t] = in[2 * t] + in[2 * t + 1];
}

template <class T>
T read_back(const T* d, cudaStream_t stream) {
  T h;
  check(cudaMemcpyAsync(&h, d, sizeof(T), cudaMemcpyDeviceToHost, stream), "msm read-back");
  check(cudaStreamSynchronize(stream), "msm sync");
  return h;
}

// One pass over at most kMaxPass points.
template <class F>
Jacobian<F> msm_pass(const Affine<F>* d_bases, const FrRaw* d_scalars, uint32_t n, unsigned c, cudaStream_t stream) {
  const unsigned windows = msm_window_count(c);
  const uint32_t half = 1u << (c - 1);
  const uint32_t sentinel = windows * half;
  const uint32_t items = n * windows;
  const int end_bit = int(ceil_log2(uint64_t(sentinel) + 1));

  DeviceBuffer<uint32_t> keys(items, stream), keys_alt(items, stream), vals(items, stream), vals_alt(items, stream);
  make_pairs_kernel<<<blocks_for(n), kThreads, 0, stream>>>(d_scalars, n, c, windows, sentinel, keys.data(),
                                                             vals.data());
  check_launch("msm make_pairs");

  cub::DoubleBuffer<uint32_t> dkeys(keys.data(), keys_alt.data()), dvals(vals.data(), vals_alt.data());
  size_t sort_bytes = 0;
  check(cub::DeviceRadixSort::SortPairs(nullptr, sort_bytes, dkeys, dvals, int(items), 0, end_bit, stream),
        "msm sort size");
  // Run-length encoding of the sorted keys: one run per non-empty bucket.
  DeviceBuffer<uint32_t> run_keys(size_t(sentinel) + 1, stream), run_count(size_t(sentinel) + 2, stream),
      num_runs(1, stream);
  size_t rle_bytes = 0;
  check(cub::DeviceRunLengthEncode::Encode(nullptr, rle_bytes, keys.data(), run_keys.data(), run_count.data(),
                                           num_runs.data(), int(items), stream),
        "msm rle size");
  size_t scan_bytes = 0;
  check(cub::DeviceScan::ExclusiveSum(nullptr, scan_bytes, run_count.data(), run_count.data(), int(sentinel) + 2,
                                      stream),
        "msm scan size");
  size_t max_bytes = 0;
  check(cub::DeviceReduce::Max(nullptr, max_bytes, run_count.data(), num_runs.data(), int(sentinel) + 1, stream),
        "msm max size");
  DeviceBuffer<unsigned char> temp(std::max({sort_bytes, rle_bytes, scan_bytes, max_bytes}), stream);

  size_t bytes = temp.size();
  check(cub::DeviceRadixSort::SortPairs(temp.data(), bytes, dkeys, dvals, int(items), 0, end_bit, stream),
        "msm sort");
  const uint32_t* sorted_keys = dkeys.Current();
  const uint32_t* sorted_vals = dvals.Current();
  bytes = temp.size();
  check(cub::DeviceRunLengthEncode::Encode(temp.data(), bytes, sorted_keys, run_keys.data(), run_count.data(),
                                           num_runs.data(), int(items), stream),
        "msm rle");
  const uint32_t runs = read_back(num_runs.data(), stream);
  const uint32_t last_key = runs ? read_back(run_keys.data() + runs - 1, stream) : sentinel;
  const uint32_t num_segs = last_key == sentinel ? runs - 1 : runs;
  if (runs == 0 || num_segs == 0) return Jacobian<F>::infinity();

  // Level 0 segments: the runs (the sentinel run, if any, is last and dropped).
  DeviceBuffer<uint32_t> seg_count(num_segs + 1, stream), seg_start(num_segs + 1, stream),
      chunk_count(num_segs + 1, stream), chunk_start(num_segs + 1, stream);
  check(cudaMemcpyAsync(seg_count.data(), run_count.data(), num_segs * sizeof(uint32_t), cudaMemcpyDeviceToDevice,
                        stream),
        "msm copy counts");
  check(cudaMemsetAsync(seg_count.data() + num_segs, 0, sizeof(uint32_t), stream), "msm memset");
  bytes = temp.size();
  check(cub::DeviceScan::ExclusiveSum(temp.data(), bytes, seg_count.data(), seg_start.data(), int(num_segs) + 1,
                                      stream),
        "msm scan");
  bytes = temp.size();
  check(cub::DeviceReduce::Max(temp.data(), bytes, seg_count.data(), num_runs.data(), int(num_segs), stream),
        "msm max");
  uint32_t max_count = read_back(num_runs.data(), stream);

  // Levels: each turns every segment of k entries into ceil(k / kChunk) sums.
  DeviceBuffer<Xyzz<F>> partial, next;
  bool first = true;
  do {
    chunk_count_kernel<<<blocks_for(num_segs + 1), kThreads, 0, stream>>>(seg_count.data(), num_segs,
                                                                          chunk_count.data());
    check_launch("msm chunk_count");
    bytes = temp.size();
    check(cub::DeviceScan::ExclusiveSum(temp.data(), bytes, chunk_count.data(), chunk_start.data(),
                                        int(num_segs) + 1, stream),
          "msm chunk scan");
    const uint32_t chunks = read_back(chunk_start.data() + num_segs, stream);
    next = DeviceBuffer<Xyzz<F>>(chunks, stream);
    if (first) {
      accumulate_points_kernel<F><<<blocks_for(chunks), kThreads, 0, stream>>>(
          d_bases, sorted_vals, seg_start.data(), seg_count.data(), chunk_start.data(), num_segs, chunks,
          next.data());
    } else {
      accumulate_partials_kernel<F><<<blocks_for(chunks), kThreads, 0, stream>>>(
          partial.data(), seg_start.data(), seg_count.data(), chunk_start.data(), num_segs, chunks, next.data());
    }
    check_launch("msm accumulate");
    first = false;
    partial = std::move(next);
    std::swap(seg_count, chunk_count);
    std::swap(seg_start, chunk_start);
    max_count = (max_count + kChunk - 1) / kChunk;
  } while (max_count > 1);

  // Dense bucket array, empty buckets at infinity.
  DeviceBuffer<Xyzz<F>> buckets(sentinel, stream);
  fill_infinity_kernel<F><<<blocks_for(sentinel), kThreads, 0, stream>>>(buckets.data(), sentinel);
  check_launch("msm fill");
  scatter_buckets_kernel<F><<<blocks_for(num_segs), kThreads, 0, stream>>>(partial.data(), seg_start.data(),
                                                                           run_keys.data(), num_segs, buckets.data());
  check_launch("msm scatter");

  // Window sums: segments per window (a power of two dividing 2^(c-1)), then pairs.
  uint32_t segs = 1;
  while (segs * 2 * kMinBucketsPerThread <= half && uint64_t(segs) * 2 * windows <= kReductionThreads) segs *= 2;
  DeviceBuffer<Xyzz<F>> sums(size_t(windows) * segs, stream), sums_alt(size_t(windows) * segs / 2 + 1, stream);
  window_segments_kernel<F><<<blocks_for(windows * segs), kThreads, 0, stream>>>(buckets.data(), half, segs, windows,
                                                                                 sums.data());
  check_launch("msm window segments");
  // Pairs never cross windows: window w's shares are [w * segs, (w + 1) * segs).
  while (segs > 1) {
    const uint32_t count = windows * segs / 2;
    sum_pairs_kernel<F><<<blocks_for(count), kThreads, 0, stream>>>(sums.data(), count, sums_alt.data());
    check_launch("msm sum pairs");
    std::swap(sums, sums_alt);
    segs /= 2;
  }
  std::vector<Xyzz<F>> window_sums(windows);
  check(cudaMemcpyAsync(window_sums.data(), sums.data(), windows * sizeof(Xyzz<F>), cudaMemcpyDeviceToHost, stream),
        "msm window sums");
  check(cudaStreamSynchronize(stream), "msm sync");

  Jacobian<F> acc = Jacobian<F>::infinity();
  for (unsigned w = windows; w-- > 0;) {
    for (unsigned i = 0; i < c; ++i) acc = acc.dbl();
    acc += window_sums[w].to_jacobian();
  }
  return acc;
}

}  // namespace

// Measured on an H100 (bench/msm_bench --sweep-max 22): the fastest window
// leaves about 32 to 64 points per bucket; fewer make the bucket sums short and
// uneven (threads of a warp wait for the longest one), more make the bucket
// reduction grow.
unsigned window_bits(size_t n) {
  const unsigned lg = ceil_log2(std::max<size_t>(n, 1));
  const unsigned below = lg <= 12 ? 4 : lg <= 20 ? 5 : 6;
  return std::clamp(lg > below ? lg - below : 4u, 4u, 18u);
}

template <class F>
Jacobian<F> msm(const Affine<F>* d_bases, const FrRaw* d_scalars, size_t n, cudaStream_t stream, unsigned c) {
  Jacobian<F> acc = Jacobian<F>::infinity();
  for (size_t off = 0; off < n; off += kMaxPass) {
    const uint32_t len = uint32_t(std::min(kMaxPass, n - off));
    acc += msm_pass<F>(d_bases + off, d_scalars + off, len, c ? c : window_bits(len), stream);
  }
  return acc;
}

template Jacobian<Fq> msm<Fq>(const Affine<Fq>*, const FrRaw*, size_t, cudaStream_t, unsigned);
template Jacobian<Fq2> msm<Fq2>(const Affine<Fq2>*, const FrRaw*, size_t, cudaStream_t, unsigned);

}  // namespace zkgpu::cuda::msm
