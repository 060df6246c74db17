// CpuBn254Ops::poseidon2_x3: the reference batched BN254 width-3 permutation.
#include <string>

#include "backends/cpu/bn254_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {

void CpuBn254Ops::poseidon2_x3(std::span<bn254::Fr> states) {
  using P = poseidon2::Bn254x3;
  if (states.size() % P::kWidth != 0)
    throw Error(ErrorCode::invalid_argument,
                "poseidon2_x3: " + std::to_string(states.size()) + " elements do not form whole states of width 3");
  const P::Constants& rc = P::host_constants();
  parallel_ranges(states.size() / P::kWidth, threads(), 64, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      bn254::Fr s[P::kWidth] = {states[3 * i], states[3 * i + 1], states[3 * i + 2]};
      P::permute(s, rc);
      for (int k = 0; k < P::kWidth; ++k) states[3 * i + k] = s[k];
    }
  });
}

}  // namespace zkgpu
