// Bucket accumulation is nothing but point additions: inline them here.
#define ZK_BN254_INLINE_POINT_OPS
#include "kernels/msm/msm_sums.cuh"

namespace zkgpu::cuda::msm {

template Jacobian<Fq> msm<Fq>(const Affine<Fq>*, const Decomposition&, cudaStream_t);
template Jacobian<Fq> msm<Fq>(const Affine<Fq>*, const FrRaw*, size_t, cudaStream_t, unsigned);

}  // namespace zkgpu::cuda::msm
