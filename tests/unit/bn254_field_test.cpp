// BN254 field and curve laws, constants against their published values.
#include <gtest/gtest.h>

#include <random>

#include "bn254_test_util.hpp"
#include "math/bn254/types.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace bn254_test;

// Schoolbook (a * b) mod m on 256-bit integers by shift-and-add: independent of
// the Montgomery code it checks.
U256 mulmod_ref(U256 a, const U256& b, const U256& m) {
  auto add_mod = [&](const U256& x, const U256& y) {
    U256 s;
    uint64_t c = 0;
    for (int i = 0; i < 4; ++i) s.limbs[i] = detail::adc(x.limbs[i], y.limbs[i], c);
    U256 t;
    uint64_t br = 0;
    for (int i = 0; i < 4; ++i) t.limbs[i] = detail::sbb(s.limbs[i], m.limbs[i], br);
    return br ? s : t;  // x, y < m < 2^255: no 256-bit overflow
  };
  U256 r{{0, 0, 0, 0}};
  for (int i = 255; i >= 0; --i) {
    r = add_mod(r, r);
    if (b.bit(unsigned(i))) r = add_mod(r, a);
  }
  return r;
}

template <class F>
class FieldTest : public ::testing::Test {};
using Fields = ::testing::Types<Fq, Fr>;
TYPED_TEST_SUITE(FieldTest, Fields);

TYPED_TEST(FieldTest, MontgomeryConstantsAreConsistent) {
  using F = TypeParam;
  using P = typename F::Params;
  // inv * p == -1 mod 2^64
  EXPECT_EQ(P::inv * P::modulus().limbs[0], ~uint64_t(0));
  // one() is R mod p: converting it back gives 1.
  EXPECT_EQ(F::one().to_canonical(), (U256{{1, 0, 0, 0}}));
  // R^2 -> R via one Montgomery step with 1.
  EXPECT_EQ(F::from_montgomery(P::r2()).to_canonical(), P::one());
}

TYPED_TEST(FieldTest, EdgeValues) {
  using F = TypeParam;
  const U256 p = F::Params::modulus();
  U256 pm1 = p;
  pm1.limbs[0] -= 1;
  const F minus_one = F::from_canonical(pm1);
  EXPECT_EQ(minus_one, -F::one());
  EXPECT_EQ(minus_one + F::one(), F::zero());
  EXPECT_EQ(F::zero() - F::one(), minus_one);
  EXPECT_EQ(minus_one * minus_one, F::one());
  EXPECT_EQ(-F::zero(), F::zero());
  EXPECT_EQ(F::zero() * minus_one, F::zero());
  EXPECT_EQ(minus_one.inverse(), minus_one);
  EXPECT_EQ(F::zero().inverse(), F::zero());
  EXPECT_TRUE(F::is_canonical(pm1));
  EXPECT_FALSE(F::is_canonical(p));
  // p reduces to 0.
  EXPECT_EQ(F::from_canonical(p), F::zero());
  EXPECT_EQ(minus_one.to_canonical(), pm1);
}

TYPED_TEST(FieldTest, RandomLaws) {
  using F = TypeParam;
  const U256 p = F::Params::modulus();
  std::mt19937_64 rng(1);
  for (int it = 0; it < 200; ++it) {
    const U256 ar = random_below(rng, p), br = random_below(rng, p), cr = random_below(rng, p);
    const F a = F::from_canonical(ar), b = F::from_canonical(br), c = F::from_canonical(cr);
    EXPECT_EQ(a.to_canonical(), ar);
    EXPECT_EQ((a * b).to_canonical(), mulmod_ref(ar, br, p));
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a + b - b, a);
    EXPECT_EQ(a - b, -(b - a));
    EXPECT_EQ(a.sqr(), a * a);
    EXPECT_EQ(a.dbl(), a + a);
    if (!a.is_zero()) {
      EXPECT_EQ(a * a.inverse(), F::one());
    }
    EXPECT_EQ(a.pow(uint64_t(5)), a * a * a * a * a);
  }
}

TEST(Fq2Test, Laws) {
  std::mt19937_64 rng(2);
  const Fq2 u{Fq::zero(), Fq::one()};
  EXPECT_EQ(u * u, -Fq2::one());
  for (int it = 0; it < 100; ++it) {
    const Fq2 a{random_fq(rng), random_fq(rng)}, b{random_fq(rng), random_fq(rng)}, c{random_fq(rng), random_fq(rng)};
    EXPECT_EQ(a * b, b * a);
    EXPECT_EQ((a * b) * c, a * (b * c));
    EXPECT_EQ(a * (b + c), a * b + a * c);
    EXPECT_EQ(a.sqr(), a * a);
    EXPECT_EQ(a * a.inverse(), Fq2::one());
    // schoolbook product
    EXPECT_EQ(a * b, (Fq2{a.c0 * b.c0 - a.c1 * b.c1, a.c0 * b.c1 + a.c1 * b.c0}));
  }
}

TEST(FrDomain, RootsOfUnity) {
  // w[28] has order exactly 2^28; w[k] = w[k+1]^2; the coset shift for 2^28 is 25.
  Fr w = root_of_unity(28);
  for (int i = 0; i < 27; ++i) w = w.sqr();
  EXPECT_EQ(w, -Fr::one());
  EXPECT_EQ(root_of_unity(5).sqr(), root_of_unity(4));
  EXPECT_EQ(root_of_unity(0), Fr::one());
  EXPECT_EQ(coset_shift(28), Fr::from_u64(25));
  EXPECT_EQ(coset_shift(10), root_of_unity(11));
  // 5 is a quadratic non-residue: 5^((r-1)/2) = -1.
  U256 e = FrParams::modulus();
  e.limbs[0] -= 1;
  for (int i = 0; i < 3; ++i) e.limbs[i] = (e.limbs[i] >> 1) | (e.limbs[i + 1] << 63);
  e.limbs[3] >>= 1;
  EXPECT_EQ(Fr::from_u64(5).pow(e), -Fr::one());
}

template <class F>
class CurveTest : public ::testing::Test {
 protected:
  static Affine<F> gen();
};
template <>
Affine<Fq> CurveTest<Fq>::gen() { return g1_generator(); }
template <>
Affine<Fq2> CurveTest<Fq2>::gen() { return g2_generator(); }
using Curves = ::testing::Types<Fq, Fq2>;
TYPED_TEST_SUITE(CurveTest, Curves);

TYPED_TEST(CurveTest, GeneratorOnCurveWithOrderR) {
  using F = TypeParam;
  const auto g = this->gen();
  EXPECT_TRUE(g.is_on_curve());
  EXPECT_TRUE(in_prime_subgroup(g));
  const auto gj = Jacobian<F>::from_affine(g);
  EXPECT_TRUE(scalar_mul(gj, group_order()).is_infinity());
  EXPECT_EQ(scalar_mul(gj, r_minus(1)), -gj);
  EXPECT_FALSE((Affine<F>{g.x, g.y + F::one()}.is_on_curve()));
  EXPECT_TRUE(Affine<F>::infinity().is_on_curve());
}

TYPED_TEST(CurveTest, GroupLaws) {
  using F = TypeParam;
  using J = Jacobian<F>;
  using X = Xyzz<F>;
  std::mt19937_64 rng(3);
  const auto g = this->gen();
  const J inf = J::infinity();
  for (int it = 0; it < 10; ++it) {
    const auto pa = random_point(rng, g), qa = random_point(rng, g), sa = random_point(rng, g);
    const J p = J::from_affine(pa), q = J::from_affine(qa), s = J::from_affine(sa);
    EXPECT_TRUE(p.is_on_curve());
    EXPECT_EQ((p + q) + s, p + (q + s));
    EXPECT_EQ(p + q, q + p);
    EXPECT_EQ(p + p, p.dbl());
    EXPECT_EQ(p + inf, p);
    EXPECT_EQ(inf + p, p);
    EXPECT_TRUE((p + (-p)).is_infinity());
    EXPECT_EQ(p.add_mixed(qa), p + q);
    EXPECT_EQ(p.add_mixed(pa), p.dbl());
    EXPECT_TRUE(p.add_mixed(-pa).is_infinity());
    EXPECT_EQ(inf.add_mixed(qa), q);
    EXPECT_EQ(p.add_mixed(Affine<F>::infinity()), p);
    const J sum = p + q;
    EXPECT_TRUE(sum.is_on_curve());
    EXPECT_EQ(sum.to_affine(), (J::from_affine(sum.to_affine())).to_affine());
    // XYZZ agrees with Jacobian, including the exceptional cases.
    const X px = X::from_affine(pa);
    EXPECT_EQ(px.add_mixed(qa).to_jacobian(), p + q);
    EXPECT_EQ(px.add_mixed(pa).to_jacobian(), p.dbl());
    EXPECT_TRUE(px.add_mixed(-pa).is_infinity());
    EXPECT_EQ((px + X::from_affine(qa)).to_jacobian(), p + q);
    EXPECT_EQ((px + px).to_jacobian(), p.dbl());
    EXPECT_EQ(px.dbl().to_affine(), p.dbl().to_affine());
    EXPECT_EQ(X::dbl_affine(pa).to_jacobian(), p.dbl());
    EXPECT_EQ(X::infinity().add_mixed(pa).to_jacobian(), p);
    EXPECT_EQ((X::infinity() + px).to_jacobian(), p);
    // scalar multiplication distributes.
    const U256 k = random_scalar(rng);
    EXPECT_EQ(scalar_mul(p + q, k), scalar_mul(p, k) + scalar_mul(q, k));
  }
}

TEST(CurveConstants, GeneratorsMatchEip197) {
  const G1Affine g1 = g1_generator();
  EXPECT_EQ(g1.x.to_canonical(), (U256{{1, 0, 0, 0}}));
  EXPECT_EQ(g1.y.to_canonical(), (U256{{2, 0, 0, 0}}));
  const G2Affine g2 = g2_generator();
  // EIP-197 x.c0 = 10857046999023057135944570762232829481370756359578518086990519993285655852781
  EXPECT_EQ(g2.x.c0.to_canonical(),
            (U256{{0x46debd5cd992f6ed, 0x674322d4f75edadd, 0x426a00665e5c4479, 0x1800deef121f1e76}}));
  // b' = 3 / (9 + u)
  EXPECT_EQ((CurveB<Fq2>::b() * Fq2{Fq::from_u64(9), Fq::one()}), (Fq2{Fq::from_u64(3), Fq::zero()}));
  EXPECT_EQ(CurveB<Fq>::b(), Fq::from_u64(3));
}

}  // namespace
}  // namespace zkgpu
