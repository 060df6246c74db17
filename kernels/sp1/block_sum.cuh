#pragma once
// What the SP1 kernels' loops share: a block's sum of per-thread extension values
// (every thread of a block of kThreads calls it; thread 0 writes the N sums), and
// their launch shapes.
#include "kernels/sp1/sumcheck_kernels.hpp"

namespace zkgpu::cuda::sp1 {

template <uint32_t N>
__device__ void block_sum(const Ef (&acc)[N], Ef* out) {
  __shared__ Ef sh[kThreads][N];
  for (uint32_t i = 0; i < N; ++i) sh[threadIdx.x][i] = acc[i];
  __syncthreads();
  for (uint32_t s = kThreads / 2; s > 0; s >>= 1) {
    if (threadIdx.x < s)
      for (uint32_t i = 0; i < N; ++i) sh[threadIdx.x][i] = sh[threadIdx.x][i] + sh[threadIdx.x + s][i];
    __syncthreads();
  }
  if (threadIdx.x == 0)
    for (uint32_t i = 0; i < N; ++i) out[i] = sh[0][i];
}

// Blocks of kThreads for a block-summed loop over `items`, at most kMaxBlocks
// (their partials are sized by it).
inline uint32_t blocks_for(uint64_t items) {
  const uint64_t b = (items + kThreads - 1) / kThreads;
  return uint32_t(b == 0 ? 1 : b < kMaxBlocks ? b : kMaxBlocks);
}

// Blocks of kThreads that give an element-wise loop over `items` one thread each
// (up to 2^20 blocks; the loops stride past that).
inline uint32_t blocks_to_cover(uint64_t items) {
  const uint64_t b = (items + kThreads - 1) / kThreads;
  return uint32_t(b == 0 ? 1 : b < (uint64_t(1) << 20) ? b : (uint64_t(1) << 20));
}

}  // namespace zkgpu::cuda::sp1
