#pragma once
// The CUDA implementation of StarkOps: host-side orchestration of the kernels in
// kernels/. Each method lives in its own file: arith_cuda.cpp, ntt_cuda.cpp,
// lde_cuda.cpp, poseidon2_cuda.cpp, merkle_cuda.cpp, grind_cuda.cpp, resident_cuda.cpp. All work
// is queued on one stream (the device worker's); the host-memory methods return
// after their results are in host memory, the resident ones keep them on the device.
#include <cuda_runtime_api.h>

#include <memory>

#include "backends/stark_ops.hpp"
#include "kernels/ntt/plan.hpp"

namespace zkgpu {

namespace cuda {
class NttTwiddleCache;  // kernels/ntt/twiddles.hpp
class PinnedStaging;    // pinned_staging.hpp
}

struct CudaResidentMatrix;  // resident_matrix_cuda.hpp

class CudaStarkOps final : public StarkOps {
 public:
  explicit CudaStarkOps(cudaStream_t stream);
  ~CudaStarkOps() override;
  CudaStarkOps(const CudaStarkOps&) = delete;
  CudaStarkOps& operator=(const CudaStarkOps&) = delete;

  cudaStream_t stream() const noexcept { return stream_; }
  // Pinned buffers for large host -> device copies.
  cuda::PinnedStaging& staging() { return *staging_; }
  // Twiddle tables, built once per field and size on this device.
  cuda::NttTwiddleCache& twiddles() { return *twiddles_; }
  // Tuning of this instance's NTTs and LDEs (default: the measured best); tests
  // force other pass sizes and tile widths with it. Throws Error(invalid_argument)
  // for a policy outside its ranges.
  void set_ntt_policy(const cuda::NttPolicy& policy);
  const cuda::NttPolicy& ntt_policy() const noexcept { return ntt_policy_; }

 private:
  void do_arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                std::span<uint32_t> out) override;
  void do_ntt(Field31 f, MatrixView m, NttDirection dir) override;
  void do_bit_reverse_rows(MatrixView m) override;
  void do_lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) override;
  void do_poseidon2(Field31 f, std::span<uint32_t> states) override;
  std::unique_ptr<MerkleTree> do_merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices,
                                               const TensorShape& shape) override;
  bool owns(const ResidentMatrix& m) const noexcept override;
  std::unique_ptr<ResidentMatrix> do_upload(Field31 f, ConstMatrixView m) override;
  void do_download(const ResidentMatrix& m, MatrixView out) override;
  std::unique_ptr<ResidentMatrix> do_lde(const ResidentMatrix& in, unsigned log_blowup) override;
  std::unique_ptr<MerkleTree> do_merkle_commit(std::span<const ResidentMatrix* const> matrices,
                                               const TensorShape& shape) override;
  std::unique_ptr<ResidentMatrix> do_rs_encode(Field31 f, ConstMatrixView coefficients,
                                               unsigned log_blowup) override;
  std::unique_ptr<ResidentMatrix> do_rs_encode(const ResidentMatrix& coefficients, unsigned log_blowup) override;
  uint32_t do_grind_duplex(Field31 f, const DuplexGrindQuery& q) override;

  // Encodes in place the matrix whose first `rows` rows hold the coefficients.
  void encode_filled(CudaResidentMatrix& m, size_t rows, unsigned log_blowup);

  cudaStream_t stream_;
  std::unique_ptr<cuda::NttTwiddleCache> twiddles_;
  std::unique_ptr<cuda::PinnedStaging> staging_;
  cuda::NttPolicy ntt_policy_;
};

}  // namespace zkgpu
