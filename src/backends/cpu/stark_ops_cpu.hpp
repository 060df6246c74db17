#pragma once
// The CPU reference implementation of StarkOps. Each method lives in its own
// file: arith_cpu.cpp, ntt_cpu.cpp, bitrev_cpu.cpp, lde_cpu.cpp, poseidon2_cpu.cpp, merkle_cpu.cpp.
#include "backends/stark_ops.hpp"

namespace zkgpu {

class CpuStarkOps final : public StarkOps {
 public:
  // threads >= 1: columns / rows are split over this many std::threads.
  explicit CpuStarkOps(unsigned threads) : threads_(threads ? threads : 1) {}

  void arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
             std::span<uint32_t> out) override;
  void ntt(Field31 f, MatrixView m, NttDirection dir) override;
  void bit_reverse_rows(MatrixView m) override;
  void lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) override;
  void poseidon2(Field31 f, unsigned width, std::span<uint32_t> states) override;
  std::unique_ptr<MerkleTree> merkle_commit(Field31 f, std::span<const ConstMatrixView> matrices) override;

  unsigned threads() const noexcept { return threads_; }

 private:
  unsigned threads_;
};

}  // namespace zkgpu
