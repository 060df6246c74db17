#pragma once
// CudaStarkOps's resident matrix: canonical values in one row-major device buffer.
#include <cstddef>

#include "backends/stark_ops.hpp"
#include "kernels/common/device_buffer.hpp"

namespace zkgpu {

class CudaStarkOps;

struct CudaResidentMatrix final : ResidentMatrix {
  CudaResidentMatrix(const CudaStarkOps* o, Field31 f, size_t r, size_t c, cudaStream_t stream)
      : owner(o), field_id(f), n_rows(r), n_cols(c), values(r * c, stream) {}
  Field31 field() const noexcept override { return field_id; }
  size_t rows() const noexcept override { return n_rows; }
  size_t cols() const noexcept override { return n_cols; }

  const CudaStarkOps* owner;
  Field31 field_id;
  size_t n_rows, n_cols;
  cuda::DeviceBuffer<uint32_t> values;
};

inline const CudaResidentMatrix& cuda_matrix(const ResidentMatrix& m) {
  return static_cast<const CudaResidentMatrix&>(m);
}

}  // namespace zkgpu
