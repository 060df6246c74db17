// KoalaBear / BabyBear Montgomery arithmetic and the KoalaBear degree-4
// extension, against plain modular arithmetic and Plonky3's known answers.
#include <gtest/gtest.h>

#include <random>

#include "field31_naive.hpp"
#include "math/field31/field31.hpp"

using namespace zkgpu;
using namespace zkgpu::f31;
using test31::mulmod;
using test31::powmod;

template <class F>
class Field31Test : public ::testing::Test {};
using Fields = ::testing::Types<KoalaBear, BabyBear>;
TYPED_TEST_SUITE(Field31Test, Fields);

TYPED_TEST(Field31Test, RoundTripAndEdgeValues) {
  using F = TypeParam;
  const uint32_t p = F::kP;
  for (uint32_t x : {0u, 1u, 2u, p - 2, p - 1, p / 2, 12345u}) {
    EXPECT_EQ(F::from_canonical(x).to_canonical(), x);
    EXPECT_LT(F::from_canonical(x).v, p);
  }
  EXPECT_EQ((F::from_canonical(p - 1) + F::one()).to_canonical(), 0u);
  EXPECT_EQ((F::zero() - F::one()).to_canonical(), p - 1);
  EXPECT_EQ((F::from_canonical(p - 1) * F::from_canonical(p - 1)).to_canonical(), 1u);
  EXPECT_EQ((-F::zero()).to_canonical(), 0u);
  EXPECT_EQ(F::one().to_canonical(), 1u);
}

// from_canonical computes the Montgomery word by Shoup's method; it must equal
// x * 2^32 mod p, also for words >= p (reduced modulo p).
TYPED_TEST(Field31Test, MontgomeryWordIsXTimes2To32ModP) {
  using F = TypeParam;
  const uint32_t p = F::kP;
  auto expect_word = [&](uint32_t x) {
    ASSERT_EQ(F::from_canonical(x).v, uint32_t((uint64_t(x) << 32) % p)) << "x = " << x;
  };
  for (uint32_t x : {0u, 1u, 2u, p - 2, p - 1, p, p + 1, 2 * p - 1, 0x7fffffffu, 0xfffffffeu, 0xffffffffu})
    expect_word(x);
  std::mt19937 rng(31);
  for (int i = 0; i < 100000; ++i) expect_word(uint32_t(rng()));
}

TYPED_TEST(Field31Test, MatchesPlainModularArithmetic) {
  using F = TypeParam;
  const uint64_t p = F::kP;
  std::mt19937_64 rng(7);
  auto vals = test31::random_values(20000, F::kP, rng);
  for (size_t i = 0; i + 1 < vals.size(); ++i) {
    const uint64_t a = vals[i], b = vals[i + 1];
    const F x = F::from_canonical(vals[i]), y = F::from_canonical(vals[i + 1]);
    ASSERT_EQ((x + y).to_canonical(), (a + b) % p);
    ASSERT_EQ((x - y).to_canonical(), (a + p - b) % p);
    ASSERT_EQ((x * y).to_canonical(), mulmod(a, b, p));
    ASSERT_EQ((-x).to_canonical(), (p - a) % p);
    if (i % 64 == 0) {
      ASSERT_EQ(x.pow(b).to_canonical(), powmod(a, b, p));
      if (a) {
        ASSERT_EQ((x * x.inverse()).to_canonical(), 1u);
      }
    }
  }
}

TYPED_TEST(Field31Test, BatchInverse) {
  using F = TypeParam;
  std::mt19937_64 rng(3);
  std::vector<F> in, out(1000);
  for (int i = 0; i < 1000; ++i) in.push_back(F::from_canonical(uint32_t(1 + rng() % (F::kP - 1))));
  in[0] = F::from_canonical(F::kP - 1);
  in[1] = F::one();
  batch_inverse(in.data(), out.data(), in.size());
  for (size_t i = 0; i < in.size(); ++i) EXPECT_EQ(out[i], in[i].inverse());
}

TYPED_TEST(Field31Test, TwoAdicGeneratorsHaveExactOrder) {
  using F = TypeParam;
  for (unsigned bits = 0; bits <= F::Params::kTwoAdicity; ++bits) {
    const F g = F::two_adic_generator(bits);
    EXPECT_EQ(g.pow(uint64_t(1) << bits), F::one()) << bits;
    if (bits) {
      EXPECT_NE(g.pow(uint64_t(1) << (bits - 1)), F::one()) << bits;
    }
    // Plonky3 test_*_two_adicity_generators: entry k = entry max ^ (2^(max-k)).
    EXPECT_EQ(g, F::two_adic_generator(F::Params::kTwoAdicity).pow(uint64_t(1) << (F::Params::kTwoAdicity - bits)));
  }
}

// The generator is a primitive root: g^((p-1)/q) != 1 for every prime q | p-1.
TYPED_TEST(Field31Test, GeneratorIsPrimitive) {
  using F = TypeParam;
  const uint64_t p = F::kP;
  uint64_t m = p - 1;
  std::vector<uint64_t> primes;
  for (uint64_t q = 2; q * q <= m; ++q)
    if (m % q == 0) {
      primes.push_back(q);
      while (m % q == 0) m /= q;
    }
  if (m > 1) primes.push_back(m);
  for (uint64_t q : primes) EXPECT_NE(powmod(F::Params::kGenerator, (p - 1) / q, p), 1u) << q;
}

// Known answers from Plonky3/Plonky3 koala-bear/src/koala_bear.rs and
// baby-bear/src/baby_bear.rs (tests test_koala_bear / test_baby_bear).
TEST(Field31KnownAnswers, Plonky3Products) {
  EXPECT_EQ((KoalaBear::from_canonical(0x34167c58) * KoalaBear::from_canonical(0x61f3207b)).to_canonical(),
            0x54b46b81u);
  EXPECT_EQ((BabyBear::from_canonical(0x34167c58) * BabyBear::from_canonical(0x61f3207b)).to_canonical(),
            0x1b5c8046u);
  // x -> x^1420470955 inverts the cube map on KoalaBear; x^1725656503 the 7th power on BabyBear.
  for (uint32_t x : {0x34167c58u, 0x61f3207bu, 2u}) {
    EXPECT_EQ(KoalaBear::from_canonical(x).pow(1420470955).pow(3).to_canonical(), x);
    EXPECT_EQ(BabyBear::from_canonical(x).pow(1725656503).pow(7).to_canonical(), x);
  }
  EXPECT_EQ(KoalaBear::two_adic_generator(24).to_canonical(), 0x6ac49f88u);
  EXPECT_EQ(KoalaBear::from_canonical(3).pow(127).to_canonical(), 0x6ac49f88u);
  EXPECT_EQ(BabyBear::two_adic_generator(27).to_canonical(), 0x1a427a41u);
}

namespace {
// (a * b) mod (x^4 - 3) with plain integers.
std::array<uint64_t, 4> naive_ext_mul(const std::array<uint64_t, 4>& a, const std::array<uint64_t, 4>& b) {
  const uint64_t p = KoalaBear::kP;
  uint64_t prod[7] = {};
  for (int i = 0; i < 4; ++i)
    for (int j = 0; j < 4; ++j) prod[i + j] = (prod[i + j] + a[i] * b[j]) % p;
  std::array<uint64_t, 4> r{};
  for (int i = 0; i < 4; ++i) r[i] = (prod[i] + (i + 4 < 7 ? 3 * prod[i + 4] : 0)) % p;
  return r;
}
KoalaBearExt4 make_ext(const std::array<uint64_t, 4>& a) {
  return KoalaBearExt4{{KoalaBear::from_canonical(uint32_t(a[0])), KoalaBear::from_canonical(uint32_t(a[1])),
                        KoalaBear::from_canonical(uint32_t(a[2])), KoalaBear::from_canonical(uint32_t(a[3]))}};
}
}  // namespace

TEST(KoalaBearExt4, MulMatchesPolynomialProductModXFourMinusThree) {
  std::mt19937_64 rng(11);
  for (int t = 0; t < 2000; ++t) {
    auto va = test31::random_values(4, KoalaBear::kP, rng), vb = test31::random_values(4, KoalaBear::kP, rng);
    std::array<uint64_t, 4> a{va[0], va[1], va[2], va[3]}, b{vb[0], vb[1], vb[2], vb[3]};
    const auto want = naive_ext_mul(a, b);
    const auto got = make_ext(a) * make_ext(b);
    for (int k = 0; k < 4; ++k) ASSERT_EQ(got.c[k].to_canonical(), want[k]);
  }
  // x * x^3 = x^4 = 3.
  const auto x4 = make_ext({0, 1, 0, 0}) * make_ext({0, 0, 0, 1});
  EXPECT_EQ(x4, make_ext({3, 0, 0, 0}));
}

TEST(KoalaBearExt4, Inverse) {
  std::mt19937_64 rng(5);
  for (int t = 0; t < 2000; ++t) {
    auto v = test31::random_values(4, KoalaBear::kP, rng);
    const auto a = make_ext({v[0], v[1], v[2], v[3]});
    if (a.is_zero()) continue;
    ASSERT_EQ(a * a.inverse(), KoalaBearExt4::one());
  }
  EXPECT_EQ(make_ext({0, 0, 0, 1}).inverse() * make_ext({0, 0, 0, 1}), KoalaBearExt4::one());
  EXPECT_TRUE(KoalaBearExt4::zero().inverse().is_zero());
}
