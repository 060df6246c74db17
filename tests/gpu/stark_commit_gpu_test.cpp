// The commitment side of the shard prover on CUDA against the CPU reference, bit
// for bit: batched Merkle openings of host and resident (borrowed) commitments,
// the resident Reed-Solomon encoding, and the duplex proof-of-work search. Skips
// without a CUDA device.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <thread>
#include <tuple>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "math/poseidon2/host31.hpp"
#include "tests/gpu/gpu_test_util.hpp"
#include "tests/gpu/stark_gpu_fixture.hpp"

using namespace zkgpu;

namespace {

using gpu_test::random_values;

class StarkCommitGpu : public gpu_test::StarkGpuTest {
 protected:
  CpuStarkOps cpu_{std::max(1u, std::thread::hardware_concurrency())};
};

std::vector<size_t> asked_rows(size_t h, std::mt19937_64& rng) {
  std::vector<size_t> asked = {h - 1, 0, h / 2, h - 1};  // out of order, a repeat
  for (int i = 0; i < 100; ++i) asked.push_back(size_t(rng() % h));
  return asked;
}

void expect_same_openings(const MerkleTree& got, const MerkleTree& want, const std::vector<size_t>& asked) {
  ASSERT_EQ(got.commitment(), want.commitment());
  ASSERT_EQ(got.width(), want.width());
  const MerkleOpenings g = got.open_rows(asked), w = want.open_rows(asked);
  EXPECT_EQ(g.width, w.width);
  EXPECT_EQ(g.depth, w.depth);
  EXPECT_EQ(g.rows, w.rows);
  EXPECT_EQ(g.siblings, w.siblings);
  const MerkleOpening one = got.open(asked.back()), one_cpu = want.open(asked.back());
  EXPECT_EQ(one.row, one_cpu.row);
  EXPECT_EQ(one.siblings, one_cpu.siblings);
}

TEST_F(StarkCommitGpu, BatchedOpeningsMatchCpu) {
  std::mt19937_64 rng(21);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    for (size_t h : {size_t(1), size_t(2), size_t(8), size_t(1024), size_t(1) << 16}) {
      for (size_t w : {size_t(1), size_t(8), size_t(19)}) {
        const auto rows = random_values(h * w, p, rng);
        const ConstMatrixView v{rows.data(), h, w};
        const std::span<const ConstMatrixView> one(&v, 1);
        expect_same_openings(*gpu_->merkle_commit(f, one), *cpu_.merkle_commit(f, one), asked_rows(h, rng));
      }
    }
  }
}

TEST_F(StarkCommitGpu, ResidentCommitsBorrowAndOpenAsCpu) {
  std::mt19937_64 rng(22);
  const Field31 f = Field31::koalabear;
  const uint32_t p = poseidon2::modulus(f);
  for (size_t h : {size_t(1), size_t(2), size_t(4096)}) {
    for (uint32_t fill : {0u, 1u, p - 1, p}) {  // p: random values
      auto a = random_values(h * 7, p, rng), b = random_values(h * 9, p, rng);
      if (fill < p) std::fill(a.begin(), a.end(), fill);
      const auto ga = gpu_->upload(f, ConstMatrixView{a.data(), h, 7}), gb = gpu_->upload(f, ConstMatrixView{b.data(), h, 9});
      const auto ca = cpu_.upload(f, ConstMatrixView{a.data(), h, 7}), cb = cpu_.upload(f, ConstMatrixView{b.data(), h, 9});
      const ResidentMatrix* g1[] = {ga.get()};
      const ResidentMatrix* c1[] = {ca.get()};
      expect_same_openings(*gpu_->merkle_commit(g1), *cpu_.merkle_commit(c1), asked_rows(h, rng));
      const ResidentMatrix* g2[] = {ga.get(), gb.get()};
      const ResidentMatrix* c2[] = {ca.get(), cb.get()};
      expect_same_openings(*gpu_->merkle_commit(g2), *cpu_.merkle_commit(c2), asked_rows(h, rng));
    }
  }
}

TEST_F(StarkCommitGpu, RsEncodeMatchesCpu) {
  std::mt19937_64 rng(23);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    for (const auto& [rows, cols, log_blowup] : std::vector<std::tuple<size_t, size_t, unsigned>>{
             {1, 4, 1}, {2, 3, 1}, {16, 8, 2}, {1024, 5, 1}, {1 << 16, 16, 2}, {1 << 18, 3, 1}}) {
      const auto coeffs = random_values(rows * cols, p, rng);
      const ConstMatrixView m{coeffs.data(), rows, cols};
      const auto g = gpu_->rs_encode(f, m, log_blowup);
      const auto c = cpu_.rs_encode(f, m, log_blowup);
      const size_t big = rows << log_blowup;
      std::vector<uint32_t> got(big * cols), want(big * cols);
      gpu_->download(*g, MatrixView{got.data(), big, cols});
      cpu_.download(*c, MatrixView{want.data(), big, cols});
      ASSERT_EQ(got, want) << rows << " x " << cols << " blowup 2^" << log_blowup;
      // Encoding the matrix where it is resident gives the same codeword.
      std::vector<uint32_t> from_resident(big * cols);
      gpu_->download(*gpu_->rs_encode(*gpu_->upload(f, m), log_blowup), MatrixView{from_resident.data(), big, cols});
      ASSERT_EQ(from_resident, want) << rows << " x " << cols << " resident";
      // The chain the BaseFold commitment runs: encode, commit the resident codeword, open.
      const ResidentMatrix* gm[] = {g.get()};
      const ResidentMatrix* cm[] = {c.get()};
      expect_same_openings(*gpu_->merkle_commit(gm), *cpu_.merkle_commit(cm), asked_rows(big, rng));
    }
  }
}

TEST_F(StarkCommitGpu, DuplexGrindingMatchesCpu) {
  std::mt19937_64 rng(24);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    for (unsigned position = 0; position < 8; ++position) {
      for (unsigned bits : {0u, 1u, 5u, 12u, 16u}) {
        DuplexGrindQuery q;
        const auto state = random_values(16, p, rng);
        std::copy(state.begin(), state.end(), q.state.begin());
        q.position = position;
        q.bits = bits;
        ASSERT_EQ(gpu_->grind_duplex(f, q), cpu_.grind_duplex(f, q))
            << "field " << int(f) << " position " << position << " bits " << bits;
      }
    }
  }
  DuplexGrindQuery q;  // a longer search: 2^20 expected candidates
  q.state[3] = 1;
  q.position = 5;
  q.bits = 20;
  EXPECT_EQ(gpu_->grind_duplex(Field31::koalabear, q), cpu_.grind_duplex(Field31::koalabear, q));
}

}  // namespace
