#include "kernels/poseidon2/duplex_grind.hpp"

#include "kernels/common/cuda_error.hpp"
#include "kernels/poseidon2/device_constants.cuh"
#include "math/poseidon2/duplex_grinding.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu::cuda {
namespace {

constexpr int kThreads = 128;

struct StartState {
  uint32_t words[poseidon2::kWidth31];  // Montgomery form
};

template <class I>
__global__ void __launch_bounds__(kThreads)
    duplex_grind_kernel(StartState st, unsigned position, uint32_t mask, uint32_t first, uint32_t count,
                        uint32_t* __restrict__ best) {
  using F = typename I::F;
  const uint32_t t = blockIdx.x * uint32_t(blockDim.x) + threadIdx.x;
  if (t >= count) return;
  const uint32_t w = first + t;
  F start[poseidon2::kWidth31];
ZK_P2_UNROLL
  for (int i = 0; i < poseidon2::kWidth31; ++i) start[i] = F::from_raw(st.words[i]);
  if (poseidon2::duplex_witness_passes<I>(start, position, w, mask, p2dev::constants<I>())) atomicMin(best, w);
}

}  // namespace

void duplex_grind_range(Field31 f, const uint32_t (&start)[16], unsigned position, uint32_t mask, uint32_t first,
                        uint32_t count, uint32_t* best, cudaStream_t stream) {
  if (count == 0) return;
  StartState st;
  for (int i = 0; i < poseidon2::kWidth31; ++i) st.words[i] = start[i];
  const unsigned blocks = unsigned((uint64_t(count) + kThreads - 1) / kThreads);
  poseidon2::with_instance(f, [&](auto i) {
    duplex_grind_kernel<decltype(i)><<<blocks, kThreads, 0, stream>>>(st, position, mask, first, count, best);
  });
  check_launch("duplex_grind_range");
}

}  // namespace zkgpu::cuda
