#pragma once
// The names of the element-wise operations and of the transform directions, shared
// by the kernels, the backends and the request bodies (the numbers are wire values:
// proto/ops-stark.md).
#include <cstdint>

namespace zkgpu {

enum class ArithOp : uint8_t { add = 0, sub = 1, mul = 2, inv = 3, ext_mul = 4 };

enum class NttDirection { forward, inverse };

}  // namespace zkgpu
