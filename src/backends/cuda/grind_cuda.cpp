// CudaStarkOps::grind_duplex: ranges of candidates in increasing order, each one
// launch whose hits lower one device word (atomicMin); the first range with a hit
// holds the smallest witness. Ranges start near the expected distance between
// hits (2^bits) and double, so a typical search is one launch and one sync.
#include <algorithm>

#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/poseidon2/duplex_grind.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

uint32_t CudaStarkOps::do_grind_duplex(Field31 f, const DuplexGrindQuery& q) {
  constexpr uint32_t kNone = UINT32_MAX;  // above every p
  const uint32_t p = poseidon2::modulus(f);
  uint32_t start[16];
  poseidon2::with_instance(f, [&](auto inst) {
    using F = typename decltype(inst)::F;
    for (int i = 0; i < 16; ++i) start[i] = F::from_canonical(q.state[size_t(i)]).v;
  });
  const uint32_t mask = (uint32_t(1) << q.bits) - 1;
  cuda::DeviceBuffer<uint32_t> best(1, stream_);
  cuda::check(cudaMemsetAsync(best.data(), 0xff, 4, stream_), "grind init");
  uint64_t range = std::clamp<uint64_t>(uint64_t(4) << q.bits, uint64_t(1) << 16, uint64_t(1) << 26);
  for (uint64_t first = 0; first < p; first += range, range = std::min<uint64_t>(2 * range, uint64_t(1) << 28)) {
    const uint64_t count = std::min<uint64_t>(range, p - first);
    cuda::duplex_grind_range(f, start, q.position, mask, uint32_t(first), uint32_t(count), best.data(), stream_);
    uint32_t found = kNone;
    cuda::check(cudaMemcpyAsync(&found, best.data(), 4, cudaMemcpyDeviceToHost, stream_), "grind result");
    cuda::check(cudaStreamSynchronize(stream_), "grind");
    if (found != kNone) return found;
  }
  return p;
}

}  // namespace zkgpu
