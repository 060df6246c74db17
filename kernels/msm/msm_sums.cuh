#pragma once
// The point side of the MSM (msm.hpp), for one group F: bucket sums level by
// level, window sums, Horner's rule. Included by msm_g1.cu and msm_g2.cu, one
// group each, so that the two compile in parallel.
#include <vector>

#include "kernels/msm/msm_internal.hpp"

namespace zkgpu::cuda::msm {

using namespace bn254;

namespace {

// Bucket reduction: about this many threads over all windows (enough to fill the
// device), each summing a range of at least kMinBucketsPerThread buckets.
constexpr uint32_t kReductionThreads = 65536;
constexpr uint32_t kMinBucketsPerThread = 8;

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

// Waits for `stream` without spinning: the long wait for an MSM's kernels would
// otherwise keep a host core busy that concurrent host work (the Groth16
// prover's QAP evaluation) needs.
void wait_blocking(cudaStream_t stream) {
  cudaEvent_t done;
  check(cudaEventCreateWithFlags(&done, cudaEventBlockingSync | cudaEventDisableTiming), "msm event");
  cudaError_t err = cudaEventRecord(done, stream);
  if (err == cudaSuccess) err = cudaEventSynchronize(done);
  cudaEventDestroy(done);
  check(err, "msm wait");
}

// The window sums of one pass, combined by Horner's rule; queues everything on
// `stream`, waits once for the window sums.
template <class F>
Jacobian<F> msm_pass(const Affine<F>* d_bases, const Decomposition::Pass& pass, cudaStream_t stream) {
  if (pass.num_segs == 0) return Jacobian<F>::infinity();
  const unsigned c = pass.c, windows = pass.windows;
  const uint32_t half = 1u << (c - 1);
  const uint32_t num_segs = pass.num_segs;

  DeviceBuffer<Xyzz<F>> partial, next;
  for (size_t l = 0; l < pass.chunks.size(); ++l) {
    const uint32_t chunks = pass.chunks[l];
    next = DeviceBuffer<Xyzz<F>>(chunks, stream);
    if (l == 0) {
      accumulate_points_kernel<F><<<blocks_for(chunks), kThreads, 0, stream>>>(
          d_bases + pass.offset, pass.vals.data(), pass.start[0].data(), pass.count[0].data(), pass.start[1].data(),
          num_segs, chunks, next.data());
    } else {
      accumulate_partials_kernel<F><<<blocks_for(chunks), kThreads, 0, stream>>>(
          partial.data(), pass.start[l].data(), pass.count[l].data(), pass.start[l + 1].data(), num_segs, chunks,
          next.data());
    }
    check_launch("msm accumulate");
    partial = std::move(next);
  }

  // Dense bucket array, empty buckets at infinity.
  const uint32_t num_buckets = windows * half;
  DeviceBuffer<Xyzz<F>> buckets(num_buckets, stream);
  fill_infinity_kernel<F><<<blocks_for(num_buckets), kThreads, 0, stream>>>(buckets.data(), num_buckets);
  check_launch("msm fill");
  scatter_buckets_kernel<F><<<blocks_for(num_segs), kThreads, 0, stream>>>(
      partial.data(), pass.start.back().data(), pass.bucket.data(), num_segs, buckets.data());
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
  wait_blocking(stream);

  Jacobian<F> acc = Jacobian<F>::infinity();
  for (unsigned w = windows; w-- > 0;) {
    for (unsigned i = 0; i < c; ++i) acc = acc.dbl();
    acc += window_sums[w].to_jacobian();
  }
  return acc;
}

}  // namespace

template <class F>
Jacobian<F> msm(const Affine<F>* d_bases, const Decomposition& digits, cudaStream_t stream) {
  Jacobian<F> acc = Jacobian<F>::infinity();
  for (const auto& pass : digits.passes()) acc += msm_pass<F>(d_bases, pass, stream);
  return acc;
}

template <class F>
Jacobian<F> msm(const Affine<F>* d_bases, const FrRaw* d_scalars, size_t n, cudaStream_t stream, unsigned c) {
  return msm<F>(d_bases, Decomposition(d_scalars, n, stream, c), stream);
}

}  // namespace zkgpu::cuda::msm
