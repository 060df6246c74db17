// CudaStarkOps::poseidon2: upload, one batched permutation kernel, download.
#include "backends/cuda/p2_instance.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/poseidon2/poseidon2_kernels.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

void CudaStarkOps::poseidon2(Field31 f, unsigned width, std::span<uint32_t> states) {
  poseidon2::check_poseidon2_args(f, width, states);
  if (states.empty()) return;
  cuda::check_fits_device(uint64_t(states.size_bytes()), "poseidon2");
  cuda::DeviceBuffer<uint32_t> d(states.size(), stream_);
  d.upload(states);
  cuda::poseidon2_31_permute(cuda::p2_instance(f), d.data(), states.size() / width, stream_);
  d.download(states);
}

}  // namespace zkgpu
