#pragma once
// The CPU reference implementation of StarkOps (arguments already checked by
// StarkOps). Each method lives in its own file: arith_cpu.cpp, ntt_cpu.cpp,
// bitrev_cpu.cpp, lde_cpu.cpp, poseidon2_cpu.cpp, merkle_cpu.cpp, grind_cpu.cpp
// and resident_cpu.cpp (resident matrices: host vectors; rs_encode).
#include "backends/stark_ops.hpp"

namespace zkgpu {

class CpuStarkOps final : public StarkOps {
 public:
  // threads >= 1: columns / rows are split into at most this many parts (parallel_ranges).
  explicit CpuStarkOps(unsigned threads) : threads_(threads ? threads : 1) {}

  unsigned threads() const noexcept { return threads_; }

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

  unsigned threads_;
};

// The CPU tensor commitment (merkle_cpu.cpp): with `borrow` and one matrix the
// tree reads that matrix's memory (which must outlive it); otherwise it keeps a
// copy of the rows side by side.
std::unique_ptr<MerkleTree> cpu_merkle_tree(Field31 f, std::span<const ConstMatrixView> matrices,
                                            const TensorShape& shape, bool borrow, unsigned threads);

}  // namespace zkgpu
