#pragma once
// CPU NTT over BN254 Fr (Montgomery values, natural order in and out), with the
// conventions of Bn254Ops::ntt_fr. Sizes are not validated here.
#include <span>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::bn254_cpu {

void ntt_fr(std::span<bn254::Fr> values, bool inverse, bool coset, unsigned threads);

// O(n^2) evaluation sum_j a_j (g w^k)^j (g = 1 without coset): the test oracle.
std::vector<bn254::Fr> dft_fr_naive(std::span<const bn254::Fr> coeffs, bool coset);

}  // namespace zkgpu::bn254_cpu
