// CudaBn254Ops::poseidon2_x3: upload, one batched permutation kernel, download.
#include <string>
#include <type_traits>

#include "backends/cuda/bn254_ops_cuda.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/poseidon2/poseidon2_kernels.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {

// The kernel reads each element as four little-endian u64 limbs (Fr's layout).
static_assert(sizeof(bn254::Fr) == 4 * sizeof(uint64_t) && std::is_standard_layout_v<bn254::Fr>);

void CudaBn254Ops::poseidon2_x3(std::span<bn254::Fr> states) {
  if (states.size() % 3 != 0)
    throw Error(ErrorCode::invalid_argument,
                "poseidon2_x3: " + std::to_string(states.size()) + " elements do not form whole states of width 3");
  if (states.empty()) return;
  cuda::check_fits_device(uint64_t(states.size_bytes()), "poseidon2_x3");
  cuda::DeviceBuffer<uint64_t> d(4 * states.size(), stream_);
  d.upload({reinterpret_cast<const uint64_t*>(states.data()), 4 * states.size()});
  cuda::poseidon2_bn254x3_permute(d.data(), states.size() / 3, stream_);
  d.download({reinterpret_cast<uint64_t*>(states.data()), 4 * states.size()});
}

}  // namespace zkgpu
