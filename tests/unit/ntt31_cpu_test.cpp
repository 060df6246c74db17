// CPU StarkOps arith / ntt / lde against independent plain-integer computations:
// a naive O(n^2) DFT, direct polynomial evaluation on the coset for the LDE.
#include <gtest/gtest.h>

#include <random>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "field31_naive.hpp"
#include "math/field31/field31.hpp"
#include "zkgpu/error.hpp"

using namespace zkgpu;
using namespace zkgpu::test31;

namespace {

struct FieldInfo {
  Field31 id;
  uint64_t p;
  uint64_t generator;
  uint64_t (*root)(unsigned);
};
const FieldInfo kFields[] = {
    {Field31::koalabear, f31::KoalaBearParams::kP, f31::KoalaBearParams::kGenerator,
     [](unsigned b) -> uint64_t { return f31::KoalaBearParams::two_adic_generator(b); }},
    {Field31::babybear, f31::BabyBearParams::kP, f31::BabyBearParams::kGenerator,
     [](unsigned b) -> uint64_t { return f31::BabyBearParams::two_adic_generator(b); }},
};

std::vector<uint64_t> column(const std::vector<uint32_t>& m, size_t rows, size_t cols, size_t c) {
  std::vector<uint64_t> v(rows);
  for (size_t r = 0; r < rows; ++r) v[r] = m[r * cols + c];
  return v;
}

}  // namespace

TEST(Ntt31Cpu, ForwardAndInverseMatchNaiveDft) {
  CpuStarkOps ops(3);
  std::mt19937_64 rng(1);
  for (const auto& fi : kFields)
    for (unsigned log_n = 0; log_n <= 7; ++log_n)
      for (size_t cols : {1, 2, 5}) {
        const size_t n = size_t(1) << log_n;
        const auto orig = random_values(n * cols, uint32_t(fi.p), rng);
        for (auto dir : {NttDirection::forward, NttDirection::inverse}) {
          auto m = orig;
          ops.ntt(fi.id, MatrixView{m.data(), n, cols}, dir);
          const uint64_t w = dir == NttDirection::forward ? fi.root(log_n) : invmod(fi.root(log_n), fi.p);
          const uint64_t scale = dir == NttDirection::forward ? 1 : invmod(n, fi.p);
          for (size_t c = 0; c < cols; ++c) {
            const auto want = naive_dft(column(orig, n, cols, c), w, fi.p);
            for (size_t r = 0; r < n; ++r)
              ASSERT_EQ(m[r * cols + c], want[r] * scale % fi.p) << "n=" << n << " cols=" << cols << " c=" << c;
          }
        }
      }
}

TEST(Ntt31Cpu, InverseOfForwardIsIdentity) {
  CpuStarkOps ops(4);
  std::mt19937_64 rng(2);
  for (const auto& fi : kFields) {
    const size_t n = size_t(1) << 14, cols = 3;
    const auto orig = random_values(n * cols, uint32_t(fi.p), rng);
    auto m = orig;
    ops.ntt(fi.id, MatrixView{m.data(), n, cols}, NttDirection::forward);
    EXPECT_NE(m, orig);
    ops.ntt(fi.id, MatrixView{m.data(), n, cols}, NttDirection::inverse);
    EXPECT_EQ(m, orig);
  }
}

TEST(Ntt31Cpu, ConstantAndDeltaColumns) {
  CpuStarkOps ops(1);
  // A delta at row 0 transforms to all ones; all ones transform to n * delta.
  const size_t n = 16;
  std::vector<uint32_t> m(n, 0);
  m[0] = 1;
  ops.ntt(Field31::koalabear, MatrixView{m.data(), n, 1}, NttDirection::forward);
  for (auto x : m) EXPECT_EQ(x, 1u);
  ops.ntt(Field31::koalabear, MatrixView{m.data(), n, 1}, NttDirection::forward);
  EXPECT_EQ(m[0], n);
  for (size_t i = 1; i < n; ++i) EXPECT_EQ(m[i], 0u);
}

TEST(Ntt31Cpu, LdeMatchesDirectEvaluationOnCoset) {
  CpuStarkOps ops(2);
  std::mt19937_64 rng(3);
  for (const auto& fi : kFields)
    for (unsigned log_n = 0; log_n <= 5; ++log_n)
      for (unsigned log_blowup = 0; log_blowup <= 3; ++log_blowup) {
        const size_t n = size_t(1) << log_n, big = n << log_blowup, cols = 3;
        const auto in = random_values(n * cols, uint32_t(fi.p), rng);
        std::vector<uint32_t> out(big * cols);
        ops.lde(fi.id, ConstMatrixView{in.data(), n, cols}, log_blowup, MatrixView{out.data(), big, cols});
        const uint64_t p = fi.p, w_big = fi.root(log_n + log_blowup);
        for (size_t c = 0; c < cols; ++c) {
          // Interpolate with the naive inverse DFT, then evaluate by Horner at g * w_big^i.
          auto coeffs = naive_dft(column(in, n, cols, c), invmod(fi.root(log_n), p), p);
          for (auto& x : coeffs) x = x * invmod(n, p) % p;
          for (size_t i = 0; i < big; ++i) {
            const uint64_t x = fi.generator * powmod(w_big, i, p) % p;
            uint64_t acc = 0;
            for (size_t j = n; j-- > 0;) acc = (acc * x + coeffs[j]) % p;
            ASSERT_EQ(out[i * cols + c], acc) << "n=" << n << " blowup=" << log_blowup << " i=" << i;
          }
        }
      }
}

TEST(Ntt31Cpu, RejectsBadShapes) {
  CpuStarkOps ops(1);
  std::vector<uint32_t> m(12, 0);
  auto code = [](auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::ok;
  };
  EXPECT_EQ(code([&] { ops.ntt(Field31::koalabear, MatrixView{m.data(), 3, 4}, NttDirection::forward); }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.ntt(Field31::koalabear, MatrixView{m.data(), 0, 4}, NttDirection::forward); }),
            ErrorCode::invalid_argument);
  // Beyond the two-adicity: rejected before any data is touched.
  EXPECT_EQ(code([&] { ops.ntt(Field31::koalabear, MatrixView{m.data(), size_t(1) << 25, 1}, NttDirection::forward); }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.ntt(Field31::babybear, MatrixView{m.data(), size_t(1) << 28, 1}, NttDirection::forward); }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.lde(Field31::koalabear, ConstMatrixView{m.data(), 4, 1}, 1, MatrixView{m.data(), 4, 1}); }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] {
              ops.lde(Field31::koalabear, ConstMatrixView{m.data(), size_t(1) << 23, 1}, 2,
                      MatrixView{m.data(), size_t(1) << 25, 1});
            }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.lde(Field31::koalabear, ConstMatrixView{m.data(), 2, 2}, 1, MatrixView{m.data(), 4, 3}); }),
            ErrorCode::invalid_argument);
}

TEST(Arith31Cpu, ElementwiseOpsMatchPlainArithmetic) {
  CpuStarkOps ops(2);
  std::mt19937_64 rng(4);
  for (const auto& fi : kFields) {
    const uint64_t p = fi.p;
    const size_t n = 50000;
    const auto a = random_values(n, uint32_t(p), rng), b = random_values(n, uint32_t(p), rng);
    std::vector<uint32_t> out(n);
    ops.arith(fi.id, ArithOp::add, a, b, out);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], (uint64_t(a[i]) + b[i]) % p);
    ops.arith(fi.id, ArithOp::sub, a, b, out);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], (uint64_t(a[i]) + p - b[i]) % p);
    ops.arith(fi.id, ArithOp::mul, a, b, out);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(out[i], uint64_t(a[i]) * b[i] % p);
    auto nz = a;
    for (auto& x : nz) x = x ? x : 1;
    ops.arith(fi.id, ArithOp::inv, nz, {}, out);
    for (size_t i = 0; i < n; ++i) ASSERT_EQ(uint64_t(out[i]) * nz[i] % p, 1u);
  }
}

TEST(Arith31Cpu, Errors) {
  CpuStarkOps ops(1);
  std::vector<uint32_t> a{1, 0, 2}, b{1, 2}, out(3);
  try {
    ops.arith(Field31::koalabear, ArithOp::inv, a, {}, out);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
    EXPECT_NE(std::string(e.what()).find("index 1"), std::string::npos);
  }
  EXPECT_THROW(ops.arith(Field31::koalabear, ArithOp::add, a, b, out), Error);
  EXPECT_THROW(ops.arith(Field31::babybear, ArithOp::ext_mul, std::span(a.data(), 0), std::span(b.data(), 0),
                         std::span(out.data(), 0)),
               Error);
  EXPECT_THROW(ops.arith(Field31::koalabear, ArithOp::ext_mul, a, a, out), Error);  // not a multiple of 4
}

TEST(Arith31Cpu, ExtMulMatchesExtensionType) {
  CpuStarkOps ops(1);
  std::mt19937_64 rng(6);
  const auto a = random_values(400, f31::KoalaBear::kP, rng), b = random_values(400, f31::KoalaBear::kP, rng);
  std::vector<uint32_t> out(400);
  ops.arith(Field31::koalabear, ArithOp::ext_mul, a, b, out);
  using F = f31::KoalaBear;
  for (size_t i = 0; i < 100; ++i) {
    f31::KoalaBearExt4 x, y;
    for (int k = 0; k < 4; ++k) {
      x.c[k] = F::from_canonical(a[4 * i + k]);
      y.c[k] = F::from_canonical(b[4 * i + k]);
    }
    const auto r = x * y;
    for (int k = 0; k < 4; ++k) ASSERT_EQ(out[4 * i + k], r.c[k].to_canonical());
  }
}

// The explicit row bit-reversal against its definition (sizes 1, 2, 2^k), and
// its errors.
TEST(Ntt31Cpu, BitReverseRows) {
  CpuStarkOps ops(3);
  std::mt19937_64 rng(9);
  for (unsigned log_n : {0u, 1u, 2u, 5u, 11u, 14u})
    for (size_t cols : {1, 3, 4, 16}) {
      const size_t rows = size_t(1) << log_n;
      std::vector<uint32_t> orig(rows * cols);
      for (auto& x : orig) x = uint32_t(rng());
      auto m = orig;
      ops.bit_reverse_rows(MatrixView{m.data(), rows, cols});
      for (size_t i = 0; i < rows; ++i) {
        size_t r = 0;
        for (unsigned b = 0; b < log_n; ++b)
          if (i & (size_t(1) << b)) r |= size_t(1) << (log_n - 1 - b);
        for (size_t c = 0; c < cols; ++c) ASSERT_EQ(m[r * cols + c], orig[i * cols + c]) << rows << " " << i;
      }
      if (rows >= 4) {
        EXPECT_NE(m, orig);
      }
      ops.bit_reverse_rows(MatrixView{m.data(), rows, cols});
      EXPECT_EQ(m, orig);
    }
  // Composed with the natural-order NTT it gives the bit-reversed order of the outputs.
  const size_t rows = 64, cols = 2;
  std::vector<uint32_t> a(rows * cols);
  for (size_t i = 0; i < a.size(); ++i) a[i] = uint32_t(i * 7919 % f31::KoalaBear::kP);
  auto nat = a;
  ops.ntt(Field31::koalabear, MatrixView{nat.data(), rows, cols}, NttDirection::forward);
  auto rev = nat;
  ops.bit_reverse_rows(MatrixView{rev.data(), rows, cols});
  for (size_t i = 0; i < rows; ++i) {
    size_t r = 0;
    for (unsigned b = 0; b < 6; ++b)
      if (i & (size_t(1) << b)) r |= size_t(1) << (5 - b);
    EXPECT_EQ(rev[i * cols], nat[r * cols]);
  }
  std::vector<uint32_t> m(12);
  EXPECT_THROW(ops.bit_reverse_rows(MatrixView{m.data(), 3, 4}), Error);
  EXPECT_THROW(ops.bit_reverse_rows(MatrixView{m.data(), 0, 4}), Error);
  EXPECT_THROW(ops.bit_reverse_rows(MatrixView{nullptr, 4, 3}), Error);
  EXPECT_NO_THROW(ops.bit_reverse_rows(MatrixView{m.data(), 1, 12}));
}
