#pragma once
// Element-wise BN254 Fr arithmetic on device buffers of canonical integers.
// Plain C++ interface for src/backends/cuda; inputs are validated by the caller.
#include <cuda_runtime_api.h>

#include <cstddef>

#include "math/op_kinds.hpp"
#include "math/bn254/types.hpp"

namespace zkgpu::cuda::fr_arith {

// out[i] = a[i] op b[i] (b unused for inv), for op in add, sub, mul, inv.
void run(ArithOp op, const bn254::FrRaw* d_a, const bn254::FrRaw* d_b, bn254::FrRaw* d_out, size_t n,
         cudaStream_t stream);

}  // namespace zkgpu::cuda::fr_arith
