// The BN254 optimal ate pairing: bilinearity, non-degeneracy, the order of the
// target group, the final exponent, and the tower arithmetic under it.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "bn254_test_util.hpp"
#include "groth16/pairing.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace bn254_test;
using groth16::Fq12;
using groth16::Fq6;

using Limbs = std::vector<uint64_t>;

Limbs mul(const Limbs& a, const Limbs& b) {
  Limbs out(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    uint64_t carry = 0;
    for (size_t j = 0; j < b.size(); ++j) out[i + j] = detail::mac(out[i + j], a[i], b[j], carry);
    out[i + b.size()] = carry;
  }
  while (out.size() > 1 && out.back() == 0) out.pop_back();
  return out;
}

Limbs limbs(const U256& v) { return {v.limbs[0], v.limbs[1], v.limbs[2], v.limbs[3]}; }

Fq12 random_fq12(std::mt19937_64& rng) {
  auto f2 = [&] { return Fq2{random_fq(rng), random_fq(rng)}; };
  auto f6 = [&] { return Fq6{f2(), f2(), f2()}; };
  return {f6(), f6()};
}

// (p^6 + 1) / r times r gives back p^6 + 1 exactly.
TEST(Groth16Pairing, FinalExponentTimesR) {
  const auto hard = groth16::final_exponent_hard();
  const Limbs p = limbs(FqParams::modulus());
  Limbs p6 = p;
  for (int i = 0; i < 5; ++i) p6 = mul(p6, p);
  p6[0] += 1;  // p^6 is odd, so no carry
  EXPECT_EQ(mul(Limbs(hard.begin(), hard.end()), limbs(FrParams::modulus())), p6);
}

TEST(Groth16Pairing, TowerInverses) {
  std::mt19937_64 rng(21);
  for (int i = 0; i < 5; ++i) {
    const Fq12 x = random_fq12(rng);
    EXPECT_TRUE((x * x.inverse()).is_one());
    EXPECT_EQ(x.c0 * x.c0.inverse(), Fq6::one());
    EXPECT_EQ(x.sqr(), x * x);
  }
  EXPECT_TRUE(Fq6::zero().inverse().is_zero());
}

TEST(Groth16Pairing, Bilinear) {
  std::mt19937_64 rng(22);
  const G1Affine p = random_point(rng, g1_generator());
  const G2Affine q = random_point(rng, g2_generator());
  const FrRaw a = random_scalar(rng), b = random_scalar(rng);
  const Fq12 e = groth16::pairing(p, q);
  const G1Affine ap = scalar_mul(G1Jacobian::from_affine(p), a).to_affine();
  const G2Affine bq = scalar_mul(G2Jacobian::from_affine(q), b).to_affine();
  const FrRaw ab = (Fr::from_canonical(a) * Fr::from_canonical(b)).to_canonical();
  EXPECT_EQ(groth16::pairing(ap, bq), e.pow(ab.limbs));
  EXPECT_EQ(groth16::pairing(ap, q), groth16::pairing(p, scalar_mul(G2Jacobian::from_affine(q), a).to_affine()));
  // Additive in the first argument.
  const G1Affine p2 = random_point(rng, g1_generator());
  const G1Affine sum = (G1Jacobian::from_affine(p) + G1Jacobian::from_affine(p2)).to_affine();
  EXPECT_EQ(groth16::pairing(sum, q), e * groth16::pairing(p2, q));
}

TEST(Groth16Pairing, NonDegenerateOfOrderR) {
  const Fq12 e = groth16::pairing(g1_generator(), g2_generator());
  EXPECT_FALSE(e.is_one());
  EXPECT_TRUE(e.pow(FrParams::modulus().limbs).is_one());
  EXPECT_TRUE(groth16::pairing(G1Affine::infinity(), g2_generator()).is_one());
  EXPECT_TRUE(groth16::pairing(g1_generator(), G2Affine::infinity()).is_one());
}

TEST(Groth16Pairing, ProductCheck) {
  std::mt19937_64 rng(23);
  const FrRaw a = random_scalar(rng), b = random_scalar(rng);
  const G1Affine p = g1_generator();
  const G2Affine q = g2_generator();
  const G1Affine ap = scalar_mul(G1Jacobian::from_affine(p), a).to_affine();
  const G2Affine aq = scalar_mul(G2Jacobian::from_affine(q), a).to_affine();
  const G2Affine bq = scalar_mul(G2Jacobian::from_affine(q), b).to_affine();
  const std::pair<G1Affine, G2Affine> good[] = {{ap, q}, {-p, aq}};
  const std::pair<G1Affine, G2Affine> bad[] = {{ap, q}, {-p, bq}};
  EXPECT_TRUE(groth16::pairing_product_is_one(good));
  EXPECT_FALSE(groth16::pairing_product_is_one(bad));
}

TEST(Groth16Pairing, FrobeniusIsThePthPower) {
  std::mt19937_64 rng(24);
  const Fq12 a = random_fq12(rng);
  EXPECT_EQ(groth16::frobenius(a), a.pow(FqParams::modulus().limbs));
}

// acc * m + add.
Limbs mul_add(const Limbs& acc, uint64_t m, uint64_t add) {
  Limbs out = mul(acc, {m});
  out.push_back(0);
  uint64_t carry = 0;
  out[0] = detail::adc(out[0], add, carry);
  for (size_t i = 1; i < out.size(); ++i) out[i] = detail::adc(out[i], 0, carry);
  while (out.size() > 1 && out.back() == 0) out.pop_back();
  return out;
}

// The fast chain is the exact final exponentiation to the power 2x(6x^2 + 3x + 1).
TEST(Groth16Pairing, FastFinalExponentiation) {
  std::mt19937_64 rng(25);
  constexpr uint64_t x = 4965661367192848881ull;
  const Limbs e = mul_add(mul_add(mul_add(mul_add({6}, x, 3), x, 1), x, 0), 2, 0);
  for (int i = 0; i < 2; ++i) {
    const Fq12 f = random_fq12(rng);
    EXPECT_EQ(groth16::final_exponentiation_fkr(f), groth16::final_exponentiation(f).pow(e));
  }
}

// snarkjs's value is the reduced pairing to the power 2x(6x^2 + 3x + 1),
// so it is bilinear too and of order r.
TEST(Groth16Pairing, SnarkjsValue) {
  const Fq12 e = groth16::snarkjs_pairing(g1_generator(), g2_generator());
  EXPECT_FALSE(e.is_one());
  EXPECT_TRUE(e.pow(FrParams::modulus().limbs).is_one());
  const G1Affine p2 = scalar_mul(G1Jacobian::from_affine(g1_generator()), FrRaw{{2, 0, 0, 0}}).to_affine();
  EXPECT_EQ(groth16::snarkjs_pairing(p2, g2_generator()), e * e);
}

}  // namespace
}  // namespace zkgpu
