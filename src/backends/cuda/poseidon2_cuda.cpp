// CudaStarkOps::poseidon2: upload, one batched permutation kernel, download.
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/poseidon2/poseidon2_kernels.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

void CudaStarkOps::do_poseidon2(Field31 f, std::span<uint32_t> states) {
  cuda::check_fits_device(stark_workspace::poseidon2(states.size()), "poseidon2");
  cuda::DeviceBuffer<uint32_t> d(states.size(), stream_);
  d.upload(states);
  cuda::poseidon2_31_permute(f, d.data(), states.size() / poseidon2::kWidth31, stream_);
  d.download(states);
}

}  // namespace zkgpu
