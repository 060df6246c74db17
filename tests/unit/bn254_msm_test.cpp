// CPU MSM (Pippenger, signed windows) against the naive sum, and input checks.
#include <gtest/gtest.h>

#include <random>

#include "backends/cpu/bn254_ops_cpu.hpp"
#include "math/bn254/msm_cpu.hpp"
#include "bn254_test_util.hpp"
#include "math/bn254/msm_digits.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace bn254_test;

TEST(MsmDigits, RecomposeToTheScalar) {
  std::mt19937_64 rng(10);
  for (unsigned c : {3u, 4u, 5u, 8u, 11u, 13u, 15u, 16u, 17u}) {
    for (int it = 0; it < 50; ++it) {
      const FrRaw s = it == 0 ? r_minus(1) : it == 1 ? FrRaw{{0, 0, 0, 0}} : random_scalar(rng);
      int32_t d[256];
      msm_signed_digits(s, c, d);
      // sum d_i 2^(ci) evaluated in Fr must give s back.
      Fr acc = Fr::zero();
      const Fr base = Fr::from_u64(uint64_t(1) << c);
      for (unsigned w = msm_window_count(c); w-- > 0;) {
        ASSERT_LE(d[w], int32_t(1) << (c - 1));
        ASSERT_GE(d[w], -(int32_t(1) << (c - 1)));
        EXPECT_EQ(d[w], msm_signed_digit(s, c, w));
        const Fr dv = Fr::from_u64(uint64_t(d[w] < 0 ? -int64_t(d[w]) : d[w]));
        acc = acc * base + (d[w] < 0 ? -dv : dv);
      }
      EXPECT_EQ(acc, Fr::from_canonical(s)) << "c=" << c;
    }
  }
}

template <class F>
class MsmTest : public ::testing::Test {
 protected:
  static Affine<F> gen();
};
template <>
Affine<Fq> MsmTest<Fq>::gen() { return g1_generator(); }
template <>
Affine<Fq2> MsmTest<Fq2>::gen() { return g2_generator(); }
using Curves = ::testing::Types<Fq, Fq2>;
TYPED_TEST_SUITE(MsmTest, Curves);

TYPED_TEST(MsmTest, PippengerMatchesNaive) {
  using F = TypeParam;
  std::mt19937_64 rng(11);
  const size_t big = std::is_same_v<F, Fq> ? 1000 : 300;
  for (size_t n : {size_t(1), size_t(2), size_t(3), size_t(100), big}) {
    auto bases = random_points(rng, this->gen(), n);
    auto scalars = random_scalars(rng, n);
    // Edge inputs mixed in: zero scalars, r - 1, repeated points, infinity.
    if (n >= 3) {
      scalars[0] = FrRaw{{0, 0, 0, 0}};
      scalars[1] = r_minus(1);
      bases[2] = bases[1];
    }
    if (n >= 100) {
      bases[5] = Affine<F>::infinity();
      bases[6] = -bases[7];
      scalars[6] = scalars[7];
      for (size_t i = 10; i < 20; ++i) bases[i] = bases[9];
      scalars[20] = FrRaw{{1, 0, 0, 0}};
    }
    const auto expect = bn254_cpu::msm_naive<F>(bases, scalars);
    for (unsigned threads : {1u, 3u})
      EXPECT_EQ(bn254_cpu::msm_pippenger<F>(bases, scalars, threads), expect) << "n=" << n;
    // Forced small and large windows exercise the carry into the top window.
    EXPECT_EQ(bn254_cpu::msm_pippenger<F>(bases, scalars, 2, 3), expect);
    EXPECT_EQ(bn254_cpu::msm_pippenger<F>(bases, scalars, 2, 15), expect);
  }
}

TYPED_TEST(MsmTest, CancellingAndZeroInputsGiveInfinity) {
  using F = TypeParam;
  std::mt19937_64 rng(12);
  auto bases = random_points(rng, this->gen(), 50);
  std::vector<FrRaw> zeros(50, FrRaw{{0, 0, 0, 0}});
  EXPECT_TRUE(bn254_cpu::msm_pippenger<F>(bases, zeros, 2).is_infinity());
  // P * 1 + P * (r - 1) = r P = infinity
  std::vector<Affine<F>> two = {bases[0], bases[0]};
  std::vector<FrRaw> s = {FrRaw{{1, 0, 0, 0}}, r_minus(1)};
  EXPECT_TRUE(bn254_cpu::msm_pippenger<F>(two, s, 2).is_infinity());
  std::vector<Affine<F>> infs(20, Affine<F>::infinity());
  EXPECT_TRUE(bn254_cpu::msm_pippenger<F>(infs, random_scalars(rng, 20), 2).is_infinity());
}

TEST(CpuBn254Ops, MsmValidatesAndUsesResidentBases) {
  CpuBn254Ops ops(2);
  std::mt19937_64 rng(13);
  auto bases = random_points(rng, g1_generator(), 64);
  auto scalars = random_scalars(rng, 64);
  const auto expect = bn254_cpu::msm_naive<Fq>(bases, scalars);
  EXPECT_EQ(ops.msm_g1(bases, scalars), expect);
  auto resident = ops.upload_g1(bases);
  EXPECT_EQ(resident->count(), 64u);
  EXPECT_EQ(ops.msm_g1(*resident, scalars), expect);
  // A prefix of the resident bases.
  EXPECT_EQ(ops.msm_g1(*resident, std::span(scalars).first(10)),
            bn254_cpu::msm_naive<Fq>(std::span(bases).first(10), std::span(scalars).first(10)));
  // Length mismatch, scalar >= r, wrong group, too many scalars.
  EXPECT_THROW(ops.msm_g1(std::span(bases).first(63), scalars), Error);
  scalars[3] = FrParams::modulus();
  try {
    ops.msm_g1(bases, scalars);
    FAIL() << "scalar r accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::invalid_argument);
  }
  EXPECT_THROW(ops.msm_g2(*resident, std::span(scalars).first(1)), Error);
  std::vector<FrRaw> more(65, FrRaw{{1, 0, 0, 0}});
  EXPECT_THROW(ops.msm_g1(*resident, more), Error);
  // Empty MSM is the identity.
  EXPECT_TRUE(ops.msm_g1(std::span<const G1Affine>(), std::span<const FrRaw>()).is_infinity());
}

TEST(CpuBn254Ops, G2MsmMatchesNaive) {
  CpuBn254Ops ops(2);
  std::mt19937_64 rng(14);
  auto bases = random_points(rng, g2_generator(), 40);
  auto scalars = random_scalars(rng, 40);
  EXPECT_EQ(ops.msm_g2(bases, scalars), bn254_cpu::msm_naive<Fq2>(bases, scalars));
  auto resident = ops.upload_g2(bases);
  EXPECT_EQ(ops.msm_g2(*resident, scalars), bn254_cpu::msm_naive<Fq2>(bases, scalars));
}

// The interface's own msm_shared_scalars (what the CPU backend uses): one MSM per
// base set, any group, the values of the single calls; bad input rejected.
TEST(CpuBn254Ops, SharedScalarMsms) {
  CpuBn254Ops ops(2);
  std::mt19937_64 rng(15);
  auto a = random_points(rng, g1_generator(), 30), b = random_points(rng, g1_generator(), 25);
  auto g2 = random_points(rng, g2_generator(), 25);
  auto scalars = random_scalars(rng, 25);
  const auto ra = ops.upload_g1(a), rb = ops.upload_g1(b);
  const auto r2 = ops.upload_g2(g2);
  const ResidentBases* g1_sets[] = {ra.get(), rb.get()};
  const ResidentBases* g2_sets[] = {r2.get()};
  G1Jacobian g1_out[2];
  G2Jacobian g2_out[1];
  ops.msm_shared_scalars(g1_sets, g2_sets, scalars, g1_out, g2_out);
  EXPECT_EQ(g1_out[0], bn254_cpu::msm_naive<Fq>(std::span(a).first(25), scalars));
  EXPECT_EQ(g1_out[1], bn254_cpu::msm_naive<Fq>(b, scalars));
  EXPECT_EQ(g2_out[0], bn254_cpu::msm_naive<Fq2>(g2, scalars));
  EXPECT_THROW(ops.msm_shared_scalars(g1_sets, g2_sets, scalars, std::span(g1_out).first(1), g2_out), Error);
  scalars.push_back(FrRaw{{1, 0, 0, 0}});
  EXPECT_THROW(ops.msm_shared_scalars(g1_sets, {}, scalars, g1_out, {}), Error);  // 26 scalars, 25 bases in b
}

}  // namespace
}  // namespace zkgpu
