// The CPU tensor commitment and its openings, against the definition written out
// by hand for small trees, and the verifier on honest and tampered openings.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "math/merkle/verify.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {
namespace {

using poseidon2::KoalaBear16;

struct Matrix {
  size_t rows, cols;
  std::vector<uint32_t> data;
  ConstMatrixView view() const { return {data.data(), rows, cols}; }
};

Matrix random_matrix(size_t rows, size_t cols, uint32_t p, uint32_t seed) {
  Matrix m{rows, cols, std::vector<uint32_t>(rows * cols)};
  std::mt19937 rng(seed);
  std::uniform_int_distribution<uint32_t> dist(0, p - 1);
  for (auto& x : m.data) x = dist(rng);
  return m;
}

std::vector<uint32_t> concat_row(const std::vector<Matrix>& ms, size_t r) {
  std::vector<uint32_t> row;
  for (const Matrix& m : ms) row.insert(row.end(), m.data.begin() + r * m.cols, m.data.begin() + (r + 1) * m.cols);
  return row;
}

std::vector<ConstMatrixView> views(const std::vector<Matrix>& ms) {
  std::vector<ConstMatrixView> v;
  for (const Matrix& m : ms) v.push_back(m.view());
  return v;
}

ErrorCode commit_error(CpuStarkOps& ops, Field31 f, const std::vector<ConstMatrixView>& v) {
  try {
    ops.merkle_commit(f, v);
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

TEST(MerkleCpu, HeightOneIsTheLeafHash) {
  CpuStarkOps ops(1);
  const uint32_t p = KoalaBear16::F::kP;
  std::vector<Matrix> ms = {random_matrix(1, 5, p, 1), random_matrix(1, 11, p, 2)};
  auto tree = ops.merkle_commit(Field31::koalabear, views(ms));
  const Digest31 leaf = poseidon2::hash_canonical<KoalaBear16>(concat_row(ms, 0));
  EXPECT_EQ(tree->root(), leaf);
  EXPECT_EQ(tree->height(), 1u);
  const Digest31 shape = poseidon2::hash_canonical<KoalaBear16>(std::vector<uint32_t>{0, 16});
  EXPECT_EQ(tree->commitment(), poseidon2::compress_canonical<KoalaBear16>(leaf, shape));
  const MerkleOpening o = tree->open(0);
  EXPECT_TRUE(o.siblings.empty());
  EXPECT_TRUE(verify_opening(Field31::koalabear, tree->commitment(), 1, 16, 0, o));
}

TEST(MerkleCpu, HeightFourByHand) {
  CpuStarkOps ops(2);
  const uint32_t p = KoalaBear16::F::kP;
  std::vector<Matrix> ms = {random_matrix(4, 3, p, 3), random_matrix(4, 8, p, 4), random_matrix(4, 1, p, 5)};
  auto tree = ops.merkle_commit(Field31::koalabear, views(ms));
  Digest31 leaf[4];
  for (size_t r = 0; r < 4; ++r) leaf[r] = poseidon2::hash_canonical<KoalaBear16>(concat_row(ms, r));
  const Digest31 n0 = poseidon2::compress_canonical<KoalaBear16>(leaf[0], leaf[1]);
  const Digest31 n1 = poseidon2::compress_canonical<KoalaBear16>(leaf[2], leaf[3]);
  const Digest31 root = poseidon2::compress_canonical<KoalaBear16>(n0, n1);
  EXPECT_EQ(tree->root(), root);
  const Digest31 shape = poseidon2::hash_canonical<KoalaBear16>(std::vector<uint32_t>{2, 12});
  EXPECT_EQ(tree->commitment(), poseidon2::compress_canonical<KoalaBear16>(root, shape));
  const MerkleOpening o = tree->open(2);
  EXPECT_EQ(o.row, concat_row(ms, 2));
  ASSERT_EQ(o.siblings.size(), 2u);
  EXPECT_EQ(o.siblings[0], leaf[3]);
  EXPECT_EQ(o.siblings[1], n0);
}

TEST(MerkleCpu, OpeningsVerifyAndTamperingIsRejected) {
  CpuStarkOps ops(2);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    const size_t height = 64, width = 9 + 16 + 2;
    std::vector<Matrix> ms = {random_matrix(height, 9, p, 6), random_matrix(height, 16, p, 7),
                              random_matrix(height, 2, p, 8)};
    auto tree = ops.merkle_commit(f, views(ms));
    const Digest31 c = tree->commitment(), root = tree->root();
    std::mt19937 rng(9);
    for (int k = 0; k < 10; ++k) {
      const size_t row = rng() % height;
      MerkleOpening o = tree->open(row);
      ASSERT_TRUE(verify_opening(f, c, height, width, row, o));
      ASSERT_TRUE(verify_opening_against_root(f, root, height, width, row, o));
      EXPECT_FALSE(verify_opening(f, c, height, width, row ^ 1, o));   // wrong index
      EXPECT_FALSE(verify_opening(f, root, height, width, row, o));    // root is not the commitment
      EXPECT_FALSE(verify_opening(f, c, height, width + 1, row, o));   // wrong shape
      MerkleOpening bad = o;
      bad.row[rng() % width] ^= 1;
      EXPECT_FALSE(verify_opening(f, c, height, width, row, bad));
      bad = o;
      bad.siblings[rng() % bad.siblings.size()][rng() % 8] ^= 1;
      EXPECT_FALSE(verify_opening(f, c, height, width, row, bad));
      bad = o;
      bad.siblings.pop_back();
      EXPECT_FALSE(verify_opening(f, c, height, width, row, bad));
      bad = o;
      bad.row[0] = p;  // not a field element
      EXPECT_FALSE(verify_opening(f, c, height, width, row, bad));
    }
    EXPECT_THROW(tree->open(height), Error);
  }
}

TEST(MerkleCpu, EdgeValuesAndDistinctFields) {
  CpuStarkOps ops(1);
  for (uint32_t fill : {0u, 1u, KoalaBear16::F::kP - 1}) {
    Matrix m{8, 8, std::vector<uint32_t>(64, fill)};
    const std::vector<ConstMatrixView> v = {m.view()};
    auto tree = ops.merkle_commit(Field31::koalabear, v);
    EXPECT_TRUE(verify_opening(Field31::koalabear, tree->commitment(), 8, 8, 5, tree->open(5)));
  }
  Matrix m{2, 3, {1, 2, 3, 4, 5, 6}};
  const std::vector<ConstMatrixView> v = {m.view()};
  EXPECT_NE(ops.merkle_commit(Field31::koalabear, v)->root(), ops.merkle_commit(Field31::babybear, v)->root());
}

TEST(MerkleCpu, RejectsBadShapesAndValues) {
  CpuStarkOps ops(1);
  const uint32_t p = KoalaBear16::F::kP;
  Matrix a = random_matrix(4, 2, p, 10), b = random_matrix(8, 2, p, 11), c = random_matrix(3, 2, p, 12);
  EXPECT_EQ(commit_error(ops, Field31::koalabear, {}), ErrorCode::invalid_argument);
  EXPECT_EQ(commit_error(ops, Field31::koalabear, {a.view(), b.view()}), ErrorCode::invalid_argument);
  EXPECT_EQ(commit_error(ops, Field31::koalabear, {c.view()}), ErrorCode::invalid_argument);
  EXPECT_EQ(commit_error(ops, Field31::koalabear, {ConstMatrixView{nullptr, 4, 0}}), ErrorCode::invalid_argument);
  a.data[3] = p;
  EXPECT_EQ(commit_error(ops, Field31::koalabear, {a.view()}), ErrorCode::invalid_argument);
  a.data[3] = p - 1;
  EXPECT_EQ(commit_error(ops, Field31::koalabear, {a.view()}), ErrorCode::ok);
}

}  // namespace
}  // namespace zkgpu
