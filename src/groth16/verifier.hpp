#pragma once
// Groth16 verification with the BN254 pairing (groth16/pairing.hpp):
//   e(-A, B) · e(alpha1, beta2) · e(vk_x, gamma2) · e(C, delta2) == 1,
//   vk_x = IC_0 + Σ public_i · IC_i.
// A proof whose points are off the curve or not in the subgroup never verifies.
#include <span>

#include "groth16/snarkjs_json.hpp"

namespace zkgpu::groth16 {

// False for a wrong proof; Error(invalid_argument) when the number of public
// signals does not match the key or a signal is >= r.
bool verify(const VerifyingKey& vk, std::span<const bn254::FrRaw> public_signals, const Proof& proof);

}  // namespace zkgpu::groth16
