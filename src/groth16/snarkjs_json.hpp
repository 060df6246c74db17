#pragma once
// snarkjs's JSON files for Groth16 over BN254 ("bn128" in snarkjs):
//   verification_key.json  {protocol, curve, nPublic, vk_alpha_1, vk_beta_2,
//                           vk_gamma_2, vk_delta_2, vk_alphabeta_12, IC}
//   proof.json             {pi_a, pi_b, pi_c, protocol, curve}
//   public.json            ["<decimal>", ...]
// Numbers are decimal strings. A G1 point is [x, y, z] and a G2 point
// [[x0, x1], [y0, y1], [z0, z1]] in Jacobian coordinates; snarkjs writes
// affine points with z = 1 (G2: ["1", "0"]) and infinity as [0, 1, 0].
//
// Parsing checks everything a verifier relies on: layout, coordinates < p,
// points on the curve, G2 points in the order-r subgroup, public inputs < r.
// Layout errors -> Error(bad_request); values out of range or off the curve ->
// Error(invalid_argument). Messages name the file and the field.
#include <string>
#include <string_view>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::groth16 {

struct VerifyingKey {
  bn254::G1Affine alpha1;
  bn254::G2Affine beta2, gamma2, delta2;
  std::vector<bn254::G1Affine> ic;  // nPublic + 1 points
  size_t n_public() const noexcept { return ic.size() - 1; }
};

struct Proof {
  bn254::G1Affine a;
  bn254::G2Affine b;
  bn254::G1Affine c;
};

VerifyingKey parse_verification_key(std::string_view json);
Proof parse_proof(std::string_view json);
std::vector<bn254::FrRaw> parse_public(std::string_view json);

// Same layout and formatting as snarkjs (JSON.stringify with indent 1).
std::string proof_to_json(const Proof& proof);
std::string public_to_json(const std::vector<bn254::FrRaw>& signals);
// vk_alphabeta_12 is included, computed with this library's pairing.
std::string verification_key_to_json(const VerifyingKey& vk);

}  // namespace zkgpu::groth16
