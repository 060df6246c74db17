#pragma once
// Shared checks of the CUDA StarkOps files.
#include <cuda_runtime_api.h>

#include <string>

#include "kernels/common/cuda_error.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::cuda {

// A job needing more than the whole device memory fails up front with a clear
// message instead of a bare allocation error; smaller ones still fail with
// out_of_memory when the allocation does.
inline void check_fits_device(uint64_t bytes, const char* what) {
  size_t free_b = 0, total_b = 0;
  check(cudaMemGetInfo(&free_b, &total_b), "cudaMemGetInfo");
  if (bytes > total_b)
    throw Error(ErrorCode::out_of_memory, std::string(what) + ": needs " + std::to_string(bytes) +
                                              " bytes of device memory, the device has " + std::to_string(total_b));
}

}  // namespace zkgpu::cuda
