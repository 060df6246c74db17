#include "groth16/verifier.hpp"

#include <array>
#include <string>
#include <utility>

#include "math/bn254/msm_cpu.hpp"
#include "groth16/host_threads.hpp"
#include "groth16/pairing.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::groth16 {

using namespace bn254;

namespace {
// Up to this many public signals, one double-and-add each beats setting up Pippenger.
constexpr size_t kNaiveMsmMax = 32;
}  // namespace

bool verify(const VerifyingKey& vk, std::span<const FrRaw> public_signals, const Proof& proof) {
  if (vk.ic.empty()) throw Error(ErrorCode::invalid_argument, "verifying key has no IC points");
  if (public_signals.size() != vk.n_public())
    throw Error(ErrorCode::invalid_argument, std::to_string(public_signals.size()) +
                                                 " public signals, the verifying key expects " +
                                                 std::to_string(vk.n_public()));
  for (size_t i = 0; i < public_signals.size(); ++i)
    if (!Fr::is_canonical(public_signals[i]))
      throw Error(ErrorCode::invalid_argument, "public signal " + std::to_string(i) + " is not below r");

  // G1 has cofactor 1, so on the curve means in the group; G2 needs the subgroup check.
  if (!proof.a.is_on_curve() || !proof.c.is_on_curve() || !in_prime_subgroup(proof.b)) return false;

  // vk_x = IC_0 + sum public_i IC_i
  G1Jacobian vk_x = G1Jacobian::from_affine(vk.ic[0]);
  if (public_signals.size() <= kNaiveMsmMax) {
    for (size_t i = 0; i < public_signals.size(); ++i)
      vk_x += scalar_mul(G1Jacobian::from_affine(vk.ic[i + 1]), public_signals[i]);
  } else {
    vk_x += bn254_cpu::msm_pippenger<Fq>(std::span(vk.ic).subspan(1), public_signals,
                                         host_threads());
  }

  // e(-A, B) e(alpha1, beta2) e(vk_x, gamma2) e(C, delta2) == 1
  const std::array<std::pair<G1Affine, G2Affine>, 4> pairs = {{
      {-proof.a, proof.b},
      {vk.alpha1, vk.beta2},
      {vk_x.to_affine(), vk.gamma2},
      {proof.c, vk.delta2},
  }};
  return pairing_product_is_one(pairs);
}

}  // namespace zkgpu::groth16
