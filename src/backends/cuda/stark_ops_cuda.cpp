// CudaStarkOps construction; the operations live in one file each.
#include "backends/cuda/stark_ops_cuda.hpp"

#include "backends/cuda/pinned_staging.hpp"
#include "kernels/ntt/ntt.hpp"

namespace zkgpu {

CudaStarkOps::CudaStarkOps(cudaStream_t stream)
    : stream_(stream),
      twiddles_(std::make_unique<cuda::NttTwiddleCache>()),
      staging_(std::make_unique<cuda::PinnedStaging>()) {}

CudaStarkOps::~CudaStarkOps() = default;

void CudaStarkOps::set_ntt_policy(const cuda::NttPolicy& policy) {
  cuda::validate(policy);
  ntt_policy_ = policy;
}

}  // namespace zkgpu
