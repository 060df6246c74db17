#pragma once
// CPU multi-scalar multiplication over BN254 G1 / G2 (F = Fq or Fq2).
// Inputs are not validated here (CpuBn254Ops does that).
#include <span>

#include "math/bn254/types.hpp"

namespace zkgpu::bn254_cpu {

// Pippenger's bucket method with signed windows, parallel over windows and
// point chunks. c = 0 picks the window size from n.
template <class F>
bn254::Jacobian<F> msm_pippenger(std::span<const bn254::Affine<F>> bases, std::span<const bn254::FrRaw> scalars,
                                 unsigned threads, unsigned c = 0);

// sum scalars[i] * bases[i] by double-and-add per term: the test oracle.
template <class F>
bn254::Jacobian<F> msm_naive(std::span<const bn254::Affine<F>> bases, std::span<const bn254::FrRaw> scalars);

// Window size used for n points.
unsigned msm_cpu_window_bits(size_t n);

}  // namespace zkgpu::bn254_cpu
