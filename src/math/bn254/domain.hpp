#pragma once
// Fr evaluation domains as snarkjs/ffjavascript define them (see params.hpp):
// root_of_unity(k) = w[k] = w[28]^(2^(28-k)), a primitive 2^k-th root of unity;
// coset_shift(k) = the shift snarkjs's Groth16 prover applies for a domain of
// size 2^k: w[k+1] for k < 28, and Fr.shift = nqr^2 = 25 for k = 28
// (snarkjs groth16_prove.js: `inc = power == Fr.s ? Fr.shift : Fr.w[power+1]`).
#include "math/bn254/fields.hpp"
#include "math/hd.hpp"

namespace zkgpu::bn254 {

ZK_HD Fr root_of_unity(unsigned log_n) {
  Fr w = Fr::from_canonical(FrParams::root_of_unity_28());
  for (unsigned i = log_n; i < FrParams::two_adicity; ++i) w = w.sqr();
  return w;
}

ZK_HD Fr coset_shift(unsigned log_n) {
  if (log_n >= FrParams::two_adicity) return Fr::from_u64(FrParams::nqr * FrParams::nqr);
  return root_of_unity(log_n + 1);
}

}  // namespace zkgpu::bn254
