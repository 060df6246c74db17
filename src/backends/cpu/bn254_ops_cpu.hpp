#pragma once
// The CPU implementation of Bn254Ops: multi-threaded Pippenger MSM (signed
// windows) for G1 and G2, radix-2 Fr NTT, element-wise Fr arithmetic. It is the
// reference the CUDA backend is compared against.
#include <memory>
#include <span>

#include "backends/bn254_ops.hpp"

namespace zkgpu {

class CpuBn254Ops final : public Bn254Ops {
 public:
  explicit CpuBn254Ops(unsigned threads);

  bn254::G1Jacobian msm_g1(std::span<const bn254::G1Affine> bases, std::span<const bn254::FrRaw> scalars) override;
  bn254::G2Jacobian msm_g2(std::span<const bn254::G2Affine> bases, std::span<const bn254::FrRaw> scalars) override;
  std::unique_ptr<ResidentBases> upload_g1(std::span<const bn254::G1Affine> bases) override;
  std::unique_ptr<ResidentBases> upload_g2(std::span<const bn254::G2Affine> bases) override;
  bn254::G1Jacobian msm_g1(const ResidentBases& bases, std::span<const bn254::FrRaw> scalars) override;
  bn254::G2Jacobian msm_g2(const ResidentBases& bases, std::span<const bn254::FrRaw> scalars) override;
  void ntt_fr(std::span<bn254::Fr> values, bool inverse, bool coset) override;
  void fr_arith(ArithOp op, std::span<const bn254::FrRaw> a, std::span<const bn254::FrRaw> b,
                std::span<bn254::FrRaw> out) override;
  void poseidon2_x3(std::span<bn254::Fr> states) override;  // poseidon2_bn254_*.cpp

  unsigned threads() const noexcept { return threads_; }

 private:
  unsigned threads_;
};

}  // namespace zkgpu
