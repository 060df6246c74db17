// CpuStarkOps::poseidon2: the reference batched permutation.
#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

void CpuStarkOps::do_poseidon2(Field31 f, std::span<uint32_t> states) {
  constexpr unsigned width = poseidon2::kWidth31;
  const size_t n = states.size() / width;
  poseidon2::with_instance(f, [&](auto inst) {
    using I = decltype(inst);
    parallel_ranges(n, threads(), 256, [&](size_t begin, size_t end) {
      for (size_t i = begin; i < end; ++i) poseidon2::permute_canonical<I>(states.data() + i * width);
    });
  });
}

}  // namespace zkgpu
