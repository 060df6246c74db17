#pragma once
// The CUDA implementation of Bn254Ops: GPU Pippenger MSM (signed windows,
// bucket accumulation by sorting), Fr NTT with cached twiddles, element-wise Fr
// arithmetic. Results are bit-identical to CpuBn254Ops after normalisation.
#include <cuda_runtime_api.h>

#include <memory>
#include <span>

#include "backends/bn254_ops.hpp"

namespace zkgpu {

class CudaBn254Ops final : public Bn254Ops {
 public:
  explicit CudaBn254Ops(cudaStream_t stream);
  ~CudaBn254Ops() override;
  CudaBn254Ops(const CudaBn254Ops&) = delete;
  CudaBn254Ops& operator=(const CudaBn254Ops&) = delete;

  bn254::G1Jacobian msm_g1(std::span<const bn254::G1Affine> bases, std::span<const bn254::FrRaw> scalars) override;
  bn254::G2Jacobian msm_g2(std::span<const bn254::G2Affine> bases, std::span<const bn254::FrRaw> scalars) override;
  std::unique_ptr<ResidentBases> upload_g1(std::span<const bn254::G1Affine> bases) override;
  std::unique_ptr<ResidentBases> upload_g2(std::span<const bn254::G2Affine> bases) override;
  bn254::G1Jacobian msm_g1(const ResidentBases& bases, std::span<const bn254::FrRaw> scalars) override;
  bn254::G2Jacobian msm_g2(const ResidentBases& bases, std::span<const bn254::FrRaw> scalars) override;
  // One upload and one decomposition of the scalars; each MSM on its own
  // stream and host thread, all at once.
  void msm_shared_scalars(std::span<const ResidentBases* const> g1, std::span<const ResidentBases* const> g2,
                          std::span<const bn254::FrRaw> scalars, std::span<bn254::G1Jacobian> g1_out,
                          std::span<bn254::G2Jacobian> g2_out) override;
  void ntt_fr(std::span<bn254::Fr> values, bool inverse, bool coset) override;
  void ntt_fr_to_coset(std::span<bn254::Fr> values) override;  // one transfer each way
  void fr_arith(ArithOp op, std::span<const bn254::FrRaw> a, std::span<const bn254::FrRaw> b,
                std::span<bn254::FrRaw> out) override;
  void poseidon2_x3(std::span<bn254::Fr> states) override;  // poseidon2_bn254_*.cpp

 private:
  struct State;  // twiddle cache, pinned staging buffers
  cudaStream_t stream_;
  int device_;  // the device current when this was made (calls may come from other threads)
  std::unique_ptr<State> state_;
};

}  // namespace zkgpu
