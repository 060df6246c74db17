#pragma once
// Operations over BN254 for Groth16. The element and point types live in
// math/bn254/; this header only names what a backend must provide.
//
// Bad input (length mismatch, scalar >= r, NTT size not a power of two or above
// 2^28, inverse of zero) -> zkgpu::Error(invalid_argument / bad_request).
#include <cstddef>
#include <memory>
#include <span>

#include "math/op_kinds.hpp"
#include "math/bn254/types.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {

// Curve points kept where the backend computes (device memory for CUDA), so that
// MSMs over a proving key do not upload the key again. Backend-specific; only
// the backend that made it may use it.
class ResidentBases {
 public:
  virtual ~ResidentBases() = default;
  virtual size_t count() const noexcept = 0;
  virtual size_t bytes() const noexcept = 0;  // memory held
};

class Bn254Ops {
 public:
  virtual ~Bn254Ops() = default;

  // Multi-scalar multiplication: sum of scalars[i] * bases[i]. Scalars are
  // canonical (not Montgomery) Fr integers; bases are affine with (0, 0) as the
  // point at infinity. bases.size() must equal scalars.size().
  virtual bn254::G1Jacobian msm_g1(std::span<const bn254::G1Affine> bases,
                                   std::span<const bn254::FrRaw> scalars) = 0;
  virtual bn254::G2Jacobian msm_g2(std::span<const bn254::G2Affine> bases,
                                   std::span<const bn254::FrRaw> scalars) = 0;

  // Resident bases: upload once, then MSM with the first scalars.size() bases
  // (scalars.size() <= bases.count()).
  virtual std::unique_ptr<ResidentBases> upload_g1(std::span<const bn254::G1Affine> bases) = 0;
  virtual std::unique_ptr<ResidentBases> upload_g2(std::span<const bn254::G2Affine> bases) = 0;
  virtual bn254::G1Jacobian msm_g1(const ResidentBases& bases, std::span<const bn254::FrRaw> scalars) = 0;
  virtual bn254::G2Jacobian msm_g2(const ResidentBases& bases, std::span<const bn254::FrRaw> scalars) = 0;

  // MSMs that share their scalars (Groth16's A, B1 and B2 over the witness):
  // g1_out[k] = msm_g1(*g1[k], scalars), g2_out[k] = msm_g2(*g2[k], scalars),
  // the same values as those calls. Backends may share the scalar work between
  // them and run them concurrently. May be called from a thread other than the
  // one that made the backend, as long as no other call runs at the same time.
  virtual void msm_shared_scalars(std::span<const ResidentBases* const> g1, std::span<const ResidentBases* const> g2,
                                  std::span<const bn254::FrRaw> scalars, std::span<bn254::G1Jacobian> g1_out,
                                  std::span<bn254::G2Jacobian> g2_out) {
    if (g1_out.size() != g1.size() || g2_out.size() != g2.size())
      throw Error(ErrorCode::bad_request, "msm_shared_scalars: one output per base set is needed");
    for (size_t k = 0; k < g1.size(); ++k) g1_out[k] = msm_g1(*g1[k], scalars);
    for (size_t k = 0; k < g2.size(); ++k) g2_out[k] = msm_g2(*g2[k], scalars);
  }

  // In-place NTT over Fr (values in Montgomery form), natural order in and out;
  // size a power of two, 1 .. 2^28. Forward: out[k] = sum_j in[j] w^(jk) with
  // w = the primitive n-th root of unity of ffjavascript (Fr.w[log n]); inverse
  // divides by n. coset (snarkjs's Groth16 "odd coset"): evaluate on / interpolate
  // from g * <w> with g = bn254::coset_shift(log n), i.e. Fr.w[log n + 1], or
  // Fr.shift = 25 when n = 2^28 (see math/bn254/domain.hpp).
  virtual void ntt_fr(std::span<bn254::Fr> values, bool inverse, bool coset) = 0;

  // Evaluations on the domain -> evaluations on snarkjs's odd coset (Groth16's
  // H step): ntt_fr(values, inverse, no coset) then ntt_fr(values, forward,
  // coset), bit-identical to those two calls. Backends that move data to a
  // device override it to transfer the values once each way.
  virtual void ntt_fr_to_coset(std::span<bn254::Fr> values) {
    ntt_fr(values, /*inverse=*/true, /*coset=*/false);
    ntt_fr(values, /*inverse=*/false, /*coset=*/true);
  }

  // Element-wise over canonical Fr integers: out[i] = a[i] op b[i]. add, sub,
  // mul, inv (ignores b; inverse of 0 -> Error(invalid_argument)); ext_mul is
  // not defined for Fr (invalid_argument). Inputs >= r -> invalid_argument.
  virtual void fr_arith(ArithOp op, std::span<const bn254::FrRaw> a, std::span<const bn254::FrRaw> b,
                        std::span<bn254::FrRaw> out) = 0;

  // Poseidon2 over Fr, width 3 (math/poseidon2/poseidon2_bn254.hpp: SP1's outer
  // hash), of every state in place: states.size() is a multiple of 3 (else
  // invalid_argument), elements in Montgomery form.
  virtual void poseidon2_x3(std::span<bn254::Fr> states) = 0;
};

}  // namespace zkgpu
