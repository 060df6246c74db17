#include "kernels/poseidon2/poseidon2_kernels.hpp"

#include "kernels/common/cuda_error.hpp"
#include "kernels/poseidon2/device_constants.cuh"
#include "math/poseidon2/host31.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"

namespace zkgpu::cuda {
namespace {

constexpr int kThreads = 128;

inline unsigned blocks_for(size_t n) { return unsigned((n + kThreads - 1) / kThreads); }

// One state per thread: four 16-byte loads, canonical -> Montgomery, permute,
// Montgomery -> canonical, four 16-byte stores.
template <class I>
__global__ void __launch_bounds__(kThreads) permute31_kernel(uint32_t* __restrict__ states, size_t n) {
  using F = typename I::F;
  const size_t t = blockIdx.x * size_t(blockDim.x) + threadIdx.x;
  if (t >= n) return;
  uint4* p = reinterpret_cast<uint4*>(states) + 4 * t;
  uint32_t w[poseidon2::kWidth31];
ZK_P2_UNROLL
  for (int q = 0; q < 4; ++q) {
    const uint4 v = p[q];
    w[4 * q] = v.x;
    w[4 * q + 1] = v.y;
    w[4 * q + 2] = v.z;
    w[4 * q + 3] = v.w;
  }
  F s[poseidon2::kWidth31];
ZK_P2_UNROLL
  for (int i = 0; i < poseidon2::kWidth31; ++i) s[i] = F::from_canonical(w[i]);
  poseidon2::permute<I, true>(s, p2dev::constants<I>());
ZK_P2_UNROLL
  for (int i = 0; i < poseidon2::kWidth31; ++i) w[i] = s[i].to_canonical();
ZK_P2_UNROLL
  for (int q = 0; q < 4; ++q) p[q] = make_uint4(w[4 * q], w[4 * q + 1], w[4 * q + 2], w[4 * q + 3]);
}

// BN254 constants are not constexpr-constructible (Fr conversion at run time), so
// they are copied in before each launch (2.5 KB).
__constant__ poseidon2::Bn254x3::Constants kBn254x3;

__global__ void __launch_bounds__(kThreads) permute_bn254x3_kernel(uint64_t* __restrict__ states, size_t n) {
  using P = poseidon2::Bn254x3;
  const size_t t = blockIdx.x * size_t(blockDim.x) + threadIdx.x;
  if (t >= n) return;
  P::F s[3];
  uint64_t* base = states + 12 * t;
  for (int i = 0; i < 3; ++i)
    for (int l = 0; l < 4; ++l) s[i].limbs[l] = base[4 * i + l];
  P::permute(s, kBn254x3);
  for (int i = 0; i < 3; ++i)
    for (int l = 0; l < 4; ++l) base[4 * i + l] = s[i].limbs[l];
}

}  // namespace

void poseidon2_31_permute(Field31 f, uint32_t* states, size_t n, cudaStream_t stream) {
  if (n == 0) return;
  poseidon2::with_instance(f, [&](auto i) {
    permute31_kernel<decltype(i)><<<blocks_for(n), kThreads, 0, stream>>>(states, n);
  });
  check_launch("poseidon2_31_permute");
}

void poseidon2_bn254x3_permute(uint64_t* states, size_t n, cudaStream_t stream) {
  if (n == 0) return;
  const auto& c = poseidon2::Bn254x3::host_constants();
  check(cudaMemcpyToSymbolAsync(kBn254x3, &c, sizeof(c), 0, cudaMemcpyHostToDevice, stream),
        "poseidon2 bn254 constants");
  permute_bn254x3_kernel<<<blocks_for(n), kThreads, 0, stream>>>(states, n);
  check_launch("poseidon2_bn254x3_permute");
}

}  // namespace zkgpu::cuda
