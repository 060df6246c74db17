#pragma once
// The BN254 kernels allocate their work buffers from the device's stream-ordered
// pool (DeviceBuffer / cudaMallocAsync) on every call. By default the pool hands
// freed memory back to the driver at each synchronisation, so an MSM that syncs
// a few times would map its buffers again and again (milliseconds per call).
// retain_pool_memory() lets the pool keep up to a quarter of the device memory
// between calls; larger peaks are still released.
#include <cuda_runtime_api.h>

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
  uint64_t wanted = total_bytes / 4;
  if (current < wanted)
    check(cudaMemPoolSetAttribute(pool, cudaMemPoolAttrReleaseThreshold, &wanted), "pool threshold");
}

}  // namespace zkgpu::cuda
