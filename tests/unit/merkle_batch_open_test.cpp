// MerkleTree::open_rows on the CPU backend: every row of a batch equals that row
// opened alone, carries the tensor's row as committed and a path that verifies;
// for host and resident (borrowed) commitments, heights 1, 2 and 2^k, rows in any
// order with repeats, and edge values 0, 1, p - 1. Out-of-range rows are refused.
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <string>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "math/merkle/verify.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {
namespace {

// height x width values: random, with 0, 1 and p - 1 each about one time in eight.
std::vector<uint32_t> values(size_t n, uint32_t p, std::mt19937_64& rng) {
  std::vector<uint32_t> v(n);
  for (uint32_t& x : v) {
    const auto k = rng() % 8;
    x = k == 0 ? 0 : k == 1 ? 1 : k == 2 ? p - 1 : uint32_t(rng() % p);
  }
  return v;
}

// Checks a batch against single openings and the committed rows (`rows`: the
// tensor, height x width, row-major).
void expect_batch_matches(const MerkleTree& tree, Field31 f, const std::vector<uint32_t>& rows,
                          const std::vector<size_t>& asked) {
  const size_t h = tree.height(), w = tree.width();
  const MerkleOpenings batch = tree.open_rows(asked);
  ASSERT_EQ(batch.width, w);
  ASSERT_EQ(batch.depth, size_t(std::countr_zero(h)));
  ASSERT_EQ(batch.rows.size(), asked.size() * w);
  ASSERT_EQ(batch.siblings.size(), asked.size() * batch.depth);
  for (size_t k = 0; k < asked.size(); ++k) {
    const size_t r = asked[k];
    const MerkleOpening one = tree.open(r);
    const MerkleOpening from_batch{{batch.rows.begin() + std::ptrdiff_t(k * w), batch.rows.begin() + std::ptrdiff_t((k + 1) * w)},
                                   {batch.siblings.begin() + std::ptrdiff_t(k * batch.depth),
                                    batch.siblings.begin() + std::ptrdiff_t((k + 1) * batch.depth)}};
    EXPECT_EQ(from_batch.row, one.row) << "row " << r;
    EXPECT_EQ(from_batch.siblings, one.siblings) << "row " << r;
    EXPECT_EQ(from_batch.row, std::vector<uint32_t>(rows.begin() + std::ptrdiff_t(r * w), rows.begin() + std::ptrdiff_t((r + 1) * w)));
    EXPECT_TRUE(verify_opening(f, tree.commitment(), h, w, r, from_batch)) << "row " << r;
  }
}

std::vector<size_t> asked_rows(size_t h, std::mt19937_64& rng) {
  std::vector<size_t> asked = {h - 1, 0, h / 2, h - 1};  // out of order, a repeat
  for (int i = 0; i < 12; ++i) asked.push_back(size_t(rng() % h));
  return asked;
}

TEST(MerkleBatchOpen, HostCommitBatchEqualsSingleOpenings) {
  std::mt19937_64 rng(7);
  CpuStarkOps ops(2);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    for (size_t h : {size_t(1), size_t(2), size_t(4), size_t(64), size_t(1024)}) {
      for (size_t w : {size_t(1), size_t(8), size_t(13)}) {
        const auto rows = values(h * w, p, rng);
        const ConstMatrixView v{rows.data(), h, w};
        const auto tree = ops.merkle_commit(f, std::span<const ConstMatrixView>(&v, 1));
        expect_batch_matches(*tree, f, rows, asked_rows(h, rng));
      }
    }
  }
}

TEST(MerkleBatchOpen, ResidentCommitBorrowsAndOpensTheSameRows) {
  std::mt19937_64 rng(8);
  CpuStarkOps ops(2);
  const Field31 f = Field31::koalabear;
  const uint32_t p = poseidon2::modulus(f);
  for (size_t h : {size_t(1), size_t(2), size_t(256)}) {
    const auto a = values(h * 5, p, rng), b = values(h * 9, p, rng);
    const auto ra = ops.upload(f, ConstMatrixView{a.data(), h, 5});
    const auto rb = ops.upload(f, ConstMatrixView{b.data(), h, 9});
    // One matrix (borrowed) and two (side by side): the same root as the host commitment.
    const ResidentMatrix* one[] = {ra.get()};
    const auto tree = ops.merkle_commit(one);
    const ConstMatrixView va{a.data(), h, 5};
    EXPECT_EQ(tree->commitment(), ops.merkle_commit(f, std::span<const ConstMatrixView>(&va, 1))->commitment());
    expect_batch_matches(*tree, f, a, asked_rows(h, rng));
    const ResidentMatrix* two[] = {ra.get(), rb.get()};
    const auto tree2 = ops.merkle_commit(two);
    std::vector<uint32_t> joined;
    for (size_t r = 0; r < h; ++r) {
      joined.insert(joined.end(), a.begin() + std::ptrdiff_t(r * 5), a.begin() + std::ptrdiff_t(r * 5 + 5));
      joined.insert(joined.end(), b.begin() + std::ptrdiff_t(r * 9), b.begin() + std::ptrdiff_t(r * 9 + 9));
    }
    expect_batch_matches(*tree2, f, joined, asked_rows(h, rng));
  }
}

TEST(MerkleBatchOpen, EdgeValuesAndBadRows) {
  CpuStarkOps ops(1);
  const Field31 f = Field31::koalabear;
  const uint32_t p = poseidon2::modulus(f);
  for (uint32_t fill : {0u, 1u, p - 1}) {
    const std::vector<uint32_t> rows(16 * 3, fill);
    const ConstMatrixView v{rows.data(), 16, 3};
    const auto tree = ops.merkle_commit(f, std::span<const ConstMatrixView>(&v, 1));
    expect_batch_matches(*tree, f, rows, {0, 15, 3, 3});
    const MerkleOpenings none = tree->open_rows({});
    EXPECT_TRUE(none.rows.empty());
    EXPECT_TRUE(none.siblings.empty());
    EXPECT_EQ(none.depth, 4u);
    const std::vector<size_t> bad = {1, 16};
    try {
      tree->open_rows(bad);
      ADD_FAILURE() << "row 16 of 16 was opened";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
      EXPECT_NE(std::string(e.what()).find("opening 1"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace zkgpu
