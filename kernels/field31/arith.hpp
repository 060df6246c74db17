#pragma once
// Element-wise 31-bit field arithmetic on device buffers of canonical values.
#include <cuda_runtime_api.h>

#include <cstdint>

#include "math/field_id.hpp"
#include "math/op_kinds.hpp"

namespace zkgpu::cuda {

// out[i] = a[i] op b[i] for i < count values (ext_mul: count is a multiple of 4,
// KoalaBear only; inv ignores b and maps 0 to 0, callers reject zeros first).
void arith_device(Field31 f, ArithOp op, const uint32_t* a, const uint32_t* b, uint32_t* out, uint64_t count,
                  cudaStream_t stream);

}  // namespace zkgpu::cuda
