#pragma once
// Device bit-reversal permutation of the rows of a row-major matrix of 32-bit
// words: out row bitrev(i) = in row i. The fused NTT/LDE passes already write
// natural order; this is the separate, explicit step.
#include <cuda_runtime_api.h>

#include <cstdint>

namespace zkgpu::cuda {

// rows must be a power of two; in and out are device memory of rows x cols words
// and must not alias.
void bit_reverse_rows_device(const uint32_t* in, uint32_t* out, uint64_t rows, uint64_t cols, cudaStream_t stream);

}  // namespace zkgpu::cuda
