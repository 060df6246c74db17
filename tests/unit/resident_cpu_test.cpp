// Resident matrices on the CPU backend: upload -> LDE -> commit -> open gives
// exactly what the host-memory operations give, the Reed-Solomon encoding is the
// bit-reversed evaluation of the coefficients, and misuse is rejected.
#include <gtest/gtest.h>

#include <bit>
#include <random>
#include <tuple>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "math/field31/field31.hpp"
#include "math/merkle/verify.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

std::vector<uint32_t> random_values(size_t n, uint32_t p, std::mt19937_64& rng) {
  std::vector<uint32_t> v(n);
  for (auto& x : v) x = uint32_t(rng() % p);
  return v;
}

ErrorCode code_of(auto&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  return ErrorCode::ok;
}

TEST(ResidentCpu, ChainedLdeCommitOpenMatchesTheHostOperations) {
  CpuStarkOps ops(2);
  std::mt19937_64 rng(11);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = traits(f).modulus31;
    const size_t rows = 64, cols = 5, extra_cols = 3;
    const unsigned log_blowup = 2;
    const size_t big = rows << log_blowup;
    const auto trace = random_values(rows * cols, p, rng);
    const auto other = random_values(big * extra_cols, p, rng);

    // Host path.
    std::vector<uint32_t> lde(big * cols);
    ops.lde(f, ConstMatrixView{trace.data(), rows, cols}, log_blowup, MatrixView{lde.data(), big, cols});
    const ConstMatrixView host_views[] = {{lde.data(), big, cols}, {other.data(), big, extra_cols}};
    const auto host_tree = ops.merkle_commit(f, host_views);

    // Resident path.
    const auto in = ops.upload(f, ConstMatrixView{trace.data(), rows, cols});
    const auto ext = ops.lde(*in, log_blowup);
    const auto more = ops.upload(f, ConstMatrixView{other.data(), big, extra_cols});
    const ResidentMatrix* resident[] = {ext.get(), more.get()};
    const auto tree = ops.merkle_commit(resident);

    std::vector<uint32_t> ext_host(big * cols), in_back(rows * cols);
    ops.download(*ext, MatrixView{ext_host.data(), big, cols});
    ops.download(*in, MatrixView{in_back.data(), rows, cols});
    EXPECT_EQ(ext_host, lde);
    EXPECT_EQ(in_back, trace) << "the LDE changed its input";
    EXPECT_EQ(tree->root(), host_tree->root());
    EXPECT_EQ(tree->commitment(), host_tree->commitment());
    for (size_t row : {size_t(0), size_t(77), big - 1}) {
      const MerkleOpening o = tree->open(row);
      EXPECT_EQ(o.row, host_tree->open(row).row);
      EXPECT_TRUE(verify_opening(f, tree->commitment(), big, cols + extra_cols, row, o)) << row;
    }
  }
}

size_t reverse_bits(size_t x, unsigned bits) {
  size_t r = 0;
  for (unsigned i = 0; i < bits; ++i) r |= ((x >> i) & 1) << (bits - 1 - i);
  return r;
}

// Row i of the codeword is P(w^bitrev(i)), P the column's coefficients and w of
// order rows << log_blowup, evaluated here term by term.
TEST(ResidentCpu, RsEncodeIsTheBitReversedEvaluationOfTheCoefficients) {
  using F = f31::KoalaBear;
  CpuStarkOps ops(2);
  std::mt19937_64 rng(12);
  for (const auto& [rows, cols, log_blowup] : {std::tuple<size_t, size_t, unsigned>{1, 3, 1}, {2, 1, 1}, {4, 3, 2},
                                               {16, 5, 1}, {64, 2, 3}}) {
    auto coeffs = random_values(rows * cols, F::kP, rng);
    coeffs[0] = 0;
    coeffs[coeffs.size() - 1] = F::kP - 1;
    const auto code = ops.rs_encode(Field31::koalabear, ConstMatrixView{coeffs.data(), rows, cols}, log_blowup);
    const size_t big = rows << log_blowup;
    ASSERT_EQ(code->rows(), big);
    ASSERT_EQ(code->cols(), cols);
    std::vector<uint32_t> got(big * cols);
    ops.download(*code, MatrixView{got.data(), big, cols});
    // The same encoding of the matrix resident, which it leaves unchanged.
    const auto resident = ops.upload(Field31::koalabear, ConstMatrixView{coeffs.data(), rows, cols});
    std::vector<uint32_t> again(big * cols), kept(rows * cols);
    ops.download(*ops.rs_encode(*resident, log_blowup), MatrixView{again.data(), big, cols});
    ops.download(*resident, MatrixView{kept.data(), rows, cols});
    ASSERT_EQ(again, got);
    ASSERT_EQ(kept, coeffs);
    const unsigned log_big = unsigned(std::countr_zero(big));
    const F w = F::two_adic_generator(log_big);
    for (size_t i = 0; i < big; ++i) {
      F x = F::one();
      for (size_t k = 0; k < reverse_bits(i, log_big); ++k) x = x * w;
      for (size_t c = 0; c < cols; ++c) {
        F acc = F::zero(), power = F::one();
        for (size_t j = 0; j < rows; ++j, power = power * x) acc = acc + power * F::from_canonical(coeffs[j * cols + c]);
        ASSERT_EQ(got[i * cols + c], acc.to_canonical()) << rows << "x" << cols << " row " << i << " col " << c;
      }
    }
  }
  std::vector<uint32_t> m(6 * 2, 1);
  EXPECT_EQ(code_of([&] { ops.rs_encode(Field31::koalabear, ConstMatrixView{m.data(), 6, 2}, 1); }),
            ErrorCode::invalid_argument);  // not a power of two
  EXPECT_EQ(code_of([&] { ops.rs_encode(Field31::koalabear, ConstMatrixView{m.data(), 4, 0}, 1); }),
            ErrorCode::invalid_argument);  // no columns
  EXPECT_EQ(code_of([&] { ops.rs_encode(Field31::koalabear, ConstMatrixView{m.data(), 4, 2}, 24); }),
            ErrorCode::invalid_argument);  // beyond the two-adicity
  m[3] = F::kP;
  EXPECT_EQ(code_of([&] { ops.rs_encode(Field31::koalabear, ConstMatrixView{m.data(), 4, 2}, 1); }),
            ErrorCode::invalid_argument);  // not canonical
}

TEST(ResidentCpu, MisuseIsRejected) {
  CpuStarkOps ops(1), other_ops(1);
  std::vector<uint32_t> m(8 * 2, 1);
  m[5] = traits(Field31::koalabear).modulus31;  // not canonical
  EXPECT_EQ(code_of([&] { ops.upload(Field31::koalabear, ConstMatrixView{m.data(), 8, 2}); }),
            ErrorCode::invalid_argument);
  m[5] = 0;
  EXPECT_EQ(code_of([&] { ops.upload(Field31::koalabear, ConstMatrixView{m.data(), 0, 2}); }),
            ErrorCode::invalid_argument);
  const auto a = ops.upload(Field31::koalabear, ConstMatrixView{m.data(), 8, 2});
  const auto b = ops.upload(Field31::babybear, ConstMatrixView{m.data(), 8, 2});
  const auto c = ops.upload(Field31::koalabear, ConstMatrixView{m.data(), 4, 4});
  const auto foreign = other_ops.upload(Field31::koalabear, ConstMatrixView{m.data(), 8, 2});
  std::vector<uint32_t> out(16);
  EXPECT_EQ(code_of([&] { ops.download(*a, MatrixView{out.data(), 4, 4}); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { ops.download(*foreign, MatrixView{out.data(), 8, 2}); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { ops.lde(*foreign, 1); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { ops.lde(*a, 25); }), ErrorCode::invalid_argument);  // beyond the two-adicity
  EXPECT_EQ(code_of([&] { ops.rs_encode(*foreign, 1); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { ops.rs_encode(*a, 25); }), ErrorCode::invalid_argument);
  const ResidentMatrix* mixed_fields[] = {a.get(), b.get()};
  EXPECT_EQ(code_of([&] { ops.merkle_commit(mixed_fields); }), ErrorCode::invalid_argument);
  const ResidentMatrix* mixed_heights[] = {a.get(), c.get()};
  EXPECT_EQ(code_of([&] { ops.merkle_commit(mixed_heights); }), ErrorCode::invalid_argument);
  const ResidentMatrix* with_null[] = {a.get(), nullptr};
  EXPECT_EQ(code_of([&] { ops.merkle_commit(with_null); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code_of([&] { ops.merkle_commit(std::span<const ResidentMatrix* const>{}); }),
            ErrorCode::invalid_argument);
  const auto tree = ops.merkle_commit(std::span<const ResidentMatrix* const>(mixed_fields, 1));
  EXPECT_EQ(code_of([&] { tree->open(8); }), ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace zkgpu
