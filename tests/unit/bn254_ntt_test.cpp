// CPU Fr NTT against the naive DFT; inverse o forward = id; coset; Fr arith op.
#include <gtest/gtest.h>

#include <random>

#include "backends/cpu/bn254_ops_cpu.hpp"
#include "backends/cpu/ntt_fr_cpu.hpp"
#include "bn254_test_util.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace bn254_test;

std::vector<Fr> random_frs(std::mt19937_64& rng, size_t n) {
  std::vector<Fr> v(n);
  for (auto& x : v) x = random_fr(rng);
  return v;
}

TEST(FrNtt, ForwardMatchesNaiveDft) {
  CpuBn254Ops ops(3);
  std::mt19937_64 rng(20);
  for (unsigned log_n = 0; log_n <= 8; ++log_n) {
    for (bool coset : {false, true}) {
      const auto in = random_frs(rng, size_t(1) << log_n);
      auto v = in;
      ops.ntt_fr(v, false, coset);
      EXPECT_EQ(v, bn254_cpu::dft_fr_naive(in, coset)) << "log_n=" << log_n << " coset=" << coset;
    }
  }
}

// Domain evaluations of a random polynomial -> its evaluations on the odd coset.
TEST(FrNtt, ToCosetEvaluatesOnTheOddCoset) {
  CpuBn254Ops ops(2);
  std::mt19937_64 rng(22);
  for (unsigned log_n = 0; log_n <= 7; ++log_n) {
    const auto coeffs = random_frs(rng, size_t(1) << log_n);
    auto v = bn254_cpu::dft_fr_naive(coeffs, false);
    ops.ntt_fr_to_coset(v);
    EXPECT_EQ(v, bn254_cpu::dft_fr_naive(coeffs, true)) << "log_n=" << log_n;
  }
  std::vector<Fr> bad(3);
  EXPECT_THROW(ops.ntt_fr_to_coset(bad), Error);
}

TEST(FrNtt, InverseUndoesForward) {
  CpuBn254Ops ops(2);
  std::mt19937_64 rng(21);
  for (unsigned log_n : {0u, 1u, 2u, 5u, 10u, 13u}) {
    for (bool coset : {false, true}) {
      const auto in = random_frs(rng, size_t(1) << log_n);
      auto v = in;
      ops.ntt_fr(v, false, coset);
      if (log_n >= 2) {
        EXPECT_NE(v, in);
      }
      ops.ntt_fr(v, true, coset);
      EXPECT_EQ(v, in) << "log_n=" << log_n << " coset=" << coset;
    }
  }
}

TEST(FrNtt, EdgeValuesAndSnarkjsOddCoset) {
  CpuBn254Ops ops(1);
  // Constant polynomial 1 evaluates to 1 everywhere; delta at 0 -> all ones.
  std::vector<Fr> v(16, Fr::zero());
  v[0] = Fr::one();
  ops.ntt_fr(v, false, true);
  for (const auto& x : v) EXPECT_EQ(x, Fr::one());
  // p(x) = x on the odd coset of size 8: the values are w16^(2k+1).
  std::vector<Fr> p(8, Fr::zero());
  p[1] = Fr::one();
  ops.ntt_fr(p, false, true);
  const Fr w16 = root_of_unity(4);
  for (size_t k = 0; k < 8; ++k) EXPECT_EQ(p[k], w16.pow(uint64_t(2 * k + 1)));
  // r - 1 values survive the round trip.
  std::vector<Fr> m(32, -Fr::one());
  ops.ntt_fr(m, false, false);
  EXPECT_EQ(m[0], Fr::from_u64(32) * -Fr::one());
  ops.ntt_fr(m, true, false);
  for (const auto& x : m) EXPECT_EQ(x, -Fr::one());
}

TEST(FrNtt, RejectsBadSizes) {
  CpuBn254Ops ops(1);
  std::vector<Fr> v(12, Fr::one());
  EXPECT_THROW(ops.ntt_fr(v, false, false), Error);
  EXPECT_THROW(ops.ntt_fr(std::span<Fr>(), false, false), Error);
}

TEST(FrArith, MatchesFieldOpsAndRejectsBadInput) {
  CpuBn254Ops ops(2);
  std::mt19937_64 rng(22);
  auto a = random_scalars(rng, 100), b = random_scalars(rng, 100);
  a[0] = r_minus(1);
  b[1] = FrRaw{{0, 0, 0, 0}};
  std::vector<FrRaw> out(100);
  for (ArithOp op : {ArithOp::add, ArithOp::sub, ArithOp::mul, ArithOp::inv}) {
    ops.fr_arith(op, a, b, out);
    for (size_t i = 0; i < a.size(); ++i) {
      const Fr x = Fr::from_canonical(a[i]), y = Fr::from_canonical(b[i]);
      const Fr e = op == ArithOp::add ? x + y : op == ArithOp::sub ? x - y : op == ArithOp::mul ? x * y : x.inverse();
      EXPECT_EQ(out[i], e.to_canonical());
    }
  }
  a[5] = FrRaw{{0, 0, 0, 0}};
  try {
    ops.fr_arith(ArithOp::inv, a, b, out);
    FAIL() << "inverse of zero accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
  a[5] = FrParams::modulus();
  EXPECT_THROW(ops.fr_arith(ArithOp::add, a, b, out), Error);
  EXPECT_THROW(ops.fr_arith(ArithOp::ext_mul, b, b, out), Error);
  EXPECT_THROW(ops.fr_arith(ArithOp::add, b, std::span(b).first(3), out), Error);
}

}  // namespace
}  // namespace zkgpu
