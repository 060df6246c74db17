#include "kernels/merkle/merkle_kernels.hpp"

#include "kernels/common/cuda_error.hpp"
#include "kernels/poseidon2/device_constants.cuh"
#include "math/poseidon2/host31.hpp"
#include "math/poseidon2/sponge31.hpp"

namespace zkgpu::cuda {
namespace {

using poseidon2::kDigest31;
using poseidon2::kRate31;
using poseidon2::kWidth31;

constexpr int kThreads = 128;
// Levels with at most this many nodes are finished by one block in one launch.
constexpr size_t kTailNodes = 256;

inline unsigned blocks_for(size_t n) { return unsigned((n + kThreads - 1) / kThreads); }

// One row per thread: absorb the row 8 values at a time (overwrite mode; a short
// last chunk overwrites only its own positions), permuting after each chunk.
template <class I>
__global__ void __launch_bounds__(kThreads)
    hash_leaves_kernel(const uint32_t* __restrict__ rows, size_t n, size_t width, uint32_t* __restrict__ nodes) {
  using F = typename I::F;
  const size_t t = blockIdx.x * size_t(blockDim.x) + threadIdx.x;
  if (t >= n) return;
  const uint32_t* row = rows + t * width;
  F s[kWidth31];
ZK_P2_UNROLL
  for (int i = 0; i < kWidth31; ++i) s[i] = F::zero();
  for (size_t c = 0; c < width; c += kRate31) {
    if (c + kRate31 <= width) {
ZK_P2_UNROLL
      for (int j = 0; j < kRate31; ++j) s[j] = F::from_canonical(__ldg(row + c + j));
    } else {
ZK_P2_UNROLL
      for (int j = 0; j < kRate31; ++j)
        if (c + j < width) s[j] = F::from_canonical(__ldg(row + c + j));
    }
    poseidon2::permute<I>(s, p2dev::constants<I>());
  }
  uint4* out = reinterpret_cast<uint4*>(nodes) + 2 * t;
  out[0] = make_uint4(s[0].v, s[1].v, s[2].v, s[3].v);
  out[1] = make_uint4(s[4].v, s[5].v, s[6].v, s[7].v);
}

// above[i] = compress(below[2i], below[2i + 1]); the two children are 16
// consecutive words, exactly the permutation's input. The partial rounds are
// unrolled here: most levels of a tree are too small to fill the GPU, so their
// time is the latency of one permutation, 12% lower unrolled (6.5 vs 7.4 us for
// one thread on an H100); the sponge leaves keep the rolled loop (see permute).
template <class I>
__device__ __forceinline__ void compress_node(const uint32_t* __restrict__ below, uint32_t* __restrict__ above,
                                              size_t i) {
  using F = typename I::F;
  const uint4* in = reinterpret_cast<const uint4*>(below) + 4 * i;
  F s[kWidth31];
ZK_P2_UNROLL
  for (int q = 0; q < 4; ++q) {
    const uint4 v = in[q];
    s[4 * q] = F::from_raw(v.x);
    s[4 * q + 1] = F::from_raw(v.y);
    s[4 * q + 2] = F::from_raw(v.z);
    s[4 * q + 3] = F::from_raw(v.w);
  }
  poseidon2::permute<I, true>(s, p2dev::constants<I>());
  uint4* out = reinterpret_cast<uint4*>(above) + 2 * i;
  out[0] = make_uint4(s[0].v, s[1].v, s[2].v, s[3].v);
  out[1] = make_uint4(s[4].v, s[5].v, s[6].v, s[7].v);
}

template <class I>
__global__ void __launch_bounds__(kThreads)
    compress_level_kernel(const uint32_t* __restrict__ below, uint32_t* __restrict__ above, size_t count) {
  const size_t i = blockIdx.x * size_t(blockDim.x) + threadIdx.x;
  if (i < count) compress_node<I>(below, above, i);
}

// The top of the tree in one block: levels of at most kTailNodes nodes, one level
// after another, separated by barriers (global writes of the block are visible to
// the block after __syncthreads).
template <class I>
__global__ void __launch_bounds__(kTailNodes) compress_tail_kernel(uint32_t* nodes, size_t n, unsigned first_level,
                                                                    unsigned levels) {
  for (unsigned k = first_level; k < levels; ++k) {
    const size_t count = n >> (k + 1);
    const uint32_t* below = nodes + 8 * merkle_level_offset(n, k);
    uint32_t* above = nodes + 8 * merkle_level_offset(n, k + 1);
    if (threadIdx.x < count) compress_node<I>(below, above, threadIdx.x);
    __syncthreads();
  }
}

template <class I>
__global__ void gather_path_kernel(const uint32_t* __restrict__ nodes, size_t n, size_t row, unsigned levels,
                                   uint32_t* __restrict__ out) {
  using F = typename I::F;
  const unsigned k = blockIdx.x;  // 0 .. levels: siblings, then the root
  const unsigned j = threadIdx.x;  // digest word
  const size_t node = k < levels ? ((row >> k) ^ 1) : 0;
  const uint32_t w = nodes[8 * (merkle_level_offset(n, k) + node) + j];
  out[8 * k + j] = F::from_raw(w).to_canonical();
}

// Thread t < count * width copies one row value; the threads after it one
// digest word of a path each (Montgomery -> canonical).
template <class I>
__global__ void __launch_bounds__(kThreads)
    gather_openings_kernel(const uint32_t* __restrict__ rows, size_t width, const uint32_t* __restrict__ nodes,
                           size_t n, unsigned levels, const uint64_t* __restrict__ indices, size_t count,
                           uint32_t* __restrict__ out_rows, uint32_t* __restrict__ out_paths) {
  using F = typename I::F;
  const size_t t = blockIdx.x * size_t(blockDim.x) + threadIdx.x;
  const size_t row_words = count * width, path_words = count * levels * kDigest31;
  if (t < row_words) {
    const size_t k = t / width, c = t % width;
    out_rows[t] = rows[indices[k] * width + c];
  } else if (t - row_words < path_words) {
    const size_t u = t - row_words;
    const size_t k = u / (size_t(levels) * kDigest31), rest = u % (size_t(levels) * kDigest31);
    const unsigned level = unsigned(rest / kDigest31), j = unsigned(rest % kDigest31);
    const size_t node = (indices[k] >> level) ^ 1;
    out_paths[u] = F::from_raw(nodes[8 * (merkle_level_offset(n, level) + node) + j]).to_canonical();
  }
}

unsigned log2_exact(size_t n) {
  unsigned l = 0;
  while ((size_t(1) << l) < n) ++l;
  return l;
}

}  // namespace

void merkle_hash_leaves(Field31 f, const uint32_t* rows, size_t n, size_t width, uint32_t* nodes,
                        cudaStream_t stream) {
  if (n == 0) return;
  poseidon2::with_instance(f, [&](auto i) {
    hash_leaves_kernel<decltype(i)><<<blocks_for(n), kThreads, 0, stream>>>(rows, n, width, nodes);
  });
  check_launch("merkle_hash_leaves");
}

void merkle_build_levels(Field31 f, uint32_t* nodes, size_t n, cudaStream_t stream) {
  const unsigned levels = log2_exact(n);
  unsigned k = 0;
  poseidon2::with_instance(f, [&](auto i) {
    using I = decltype(i);
    // Wide levels: one launch each, one thread per output node.
    for (; k < levels && (n >> (k + 1)) > kTailNodes; ++k) {
      const size_t count = n >> (k + 1);
      compress_level_kernel<I><<<blocks_for(count), kThreads, 0, stream>>>(
          nodes + 8 * merkle_level_offset(n, k), nodes + 8 * merkle_level_offset(n, k + 1), count);
      check_launch("merkle compress level");
    }
    if (k < levels) {
      compress_tail_kernel<I><<<1, kTailNodes, 0, stream>>>(nodes, n, k, levels);
      check_launch("merkle compress tail");
    }
  });
}

void merkle_gather_path(Field31 f, const uint32_t* nodes, size_t n, size_t row, uint32_t* out,
                        cudaStream_t stream) {
  const unsigned levels = log2_exact(n);
  poseidon2::with_instance(f, [&](auto i) {
    gather_path_kernel<decltype(i)><<<levels + 1, kDigest31, 0, stream>>>(nodes, n, row, levels, out);
  });
  check_launch("merkle_gather_path");
}

void merkle_gather_openings(Field31 f, const uint32_t* rows, size_t width, const uint32_t* nodes, size_t n,
                            const uint64_t* indices, size_t count, uint32_t* out_rows, uint32_t* out_paths,
                            cudaStream_t stream) {
  const unsigned levels = log2_exact(n);
  const size_t threads = count * (width + size_t(levels) * kDigest31);
  if (threads == 0) return;
  poseidon2::with_instance(f, [&](auto i) {
    gather_openings_kernel<decltype(i)><<<blocks_for(threads), kThreads, 0, stream>>>(
        rows, width, nodes, n, levels, indices, count, out_rows, out_paths);
  });
  check_launch("merkle_gather_openings");
}

}  // namespace zkgpu::cuda
