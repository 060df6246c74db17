#pragma once
// Row-major matrices of u32 words in host memory (canonical field values), as
// Plonky3 lays them out.
#include <cstddef>
#include <cstdint>

namespace zkgpu {

struct MatrixView {
  uint32_t* data = nullptr;
  size_t rows = 0;
  size_t cols = 0;
};

struct ConstMatrixView {
  const uint32_t* data = nullptr;
  size_t rows = 0;
  size_t cols = 0;
};

}  // namespace zkgpu
