#pragma once
// Which device Poseidon2 instance serves a 31-bit field (the same choice as
// poseidon2::with_instance on the host).
#include "backends/stark_ops.hpp"
#include "kernels/poseidon2/poseidon2_kernels.hpp"

namespace zkgpu::cuda {

inline P2Instance p2_instance(Field31 f) {
  return f == Field31::koalabear ? P2Instance::koalabear16 : P2Instance::babybear16;
}

}  // namespace zkgpu::cuda
