// A stacked message's canonical values on the device, for the kernels that read
// it: where the message is resident (built and committed there), or uploaded
// from the host for as long as this object lives.
#pragma once

#include <cuda_runtime_api.h>

#include <stdexcept>

#include "backends/cuda/resident_matrix_cuda.hpp"
#include "sp1/prover/jagged_sumcheck.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

class MessageOnDevice {
 public:
  MessageOnDevice(const StackedMessage& m, cudaStream_t stream) {
    if (m.resident) {
      const auto* r = dynamic_cast<const CudaResidentMatrix*>(m.resident);
      if (!r || r->n_rows != m.height || r->n_cols != m.width)
        throw std::invalid_argument("stacked message: resident, but not a CUDA matrix of its shape");
      data_ = r->values.data();
    } else {
      if (m.values.size() != m.height * m.width)
        throw std::invalid_argument("stacked message: the values are not height x width");
      uploaded_ = upload<uint32_t>(m.values, stream);
      data_ = uploaded_.data();
    }
  }
  const uint32_t* data() const { return data_; }

 private:
  DeviceBuffer<uint32_t> uploaded_;
  const uint32_t* data_ = nullptr;
};

}  // namespace zkgpu::sp1::prover::gpu
