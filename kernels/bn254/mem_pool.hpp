#pragma once
// The BN254 kernels allocate their work buffers from the device's stream-ordered
// pool (DeviceBuffer / cudaMallocAsync) on every call. By default the pool hands
// freed memory back to the driver at each synchronisation, so an MSM that syncs
// a few times would map its buffers again on every call.
// retain_pool_memory() lets the pool keep up to 4 GiB (at most a quarter of the
// device) between calls; larger peaks are still released. Memory the pool keeps
// counts as used in cudaMemGetInfo, hence the small cap.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>

#include "kernels/common/cuda_error.hpp"

namespace zkgpu::cuda {

inline void retain_pool_memory() {
  int device = 0;
  check(cudaGetDevice(&device), "cudaGetDevice");
  cudaMemPool_t pool;
  check(cudaDeviceGetDefaultMemPool(&pool, device), "cudaDeviceGetDefaultMemPool");
  size_t free_bytes = 0, total_bytes = 0;
  check(cudaMemGetInfo(&free_bytes, &total_bytes), "cudaMemGetInfo");
  uint64_t current = 0;
  check(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &current), "pool threshold");
  uint64_t wanted = std::min<uint64_t>(total_bytes / 4, uint64_t(4) << 30);
  if (current < wanted)
    check(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &wanted), "pool threshold");
}

}  // namespace zkgpu::cuda
