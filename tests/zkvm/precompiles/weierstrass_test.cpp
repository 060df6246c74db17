// Short Weierstrass ADD / DOUBLE precompiles: published generator multiples, the
// group order ((n - 1) G = -G, computed with the precompiles), the project's own
// BN254 G1 arithmetic on random points, and SP1's special cases and failures.
#include <gtest/gtest.h>

#include <string>

#include "fake_guest_memory.hpp"
#include "math/bn254/curve.hpp"
#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::zkvm {
namespace {

using precompiles::AffinePoint;
using precompiles::from_hex;
using precompiles::PrecompileError;
using precompiles::WeierstrassCurve;
using test::FakeGuestMemory;
constexpr uint64_t P = FakeGuestMemory::kBase, Q = P + 128;

struct CurveCase {
  const WeierstrassCurve& curve;
  std::string prefix;
};

std::vector<CurveCase> all_curves() {
  return {{precompiles::secp256k1(), "SECP256K1"},
          {precompiles::secp256r1(), "SECP256R1"},
          {precompiles::bn254_g1(), "BN254"},
          {precompiles::bls12_381_g1(), "BLS12381"}};
}

void put_point(FakeGuestMemory& mem, uint64_t at, const AffinePoint& pt, size_t bytes) {
  mem.put(at, pt.x, bytes);
  mem.put(at + bytes, pt.y, bytes);
}
AffinePoint get_point(FakeGuestMemory& mem, uint64_t at, size_t bytes) {
  return {mem.get(at, bytes), mem.get(at + bytes, bytes)};
}

AffinePoint add(const CurveCase& c, const AffinePoint& a, const AffinePoint& b) {
  FakeGuestMemory mem;
  put_point(mem, P, a, c.curve.field.bytes);
  put_point(mem, Q, b, c.curve.field.bytes);
  test::run((c.prefix + "_ADD").c_str(), mem, {P, Q});
  EXPECT_EQ(get_point(mem, Q, c.curve.field.bytes).x, b.x);  // Q untouched
  return get_point(mem, P, c.curve.field.bytes);
}
AffinePoint dbl(const CurveCase& c, const AffinePoint& a) {
  FakeGuestMemory mem;
  put_point(mem, P, a, c.curve.field.bytes);
  test::run((c.prefix + "_DOUBLE").c_str(), mem, {P, 0});
  return get_point(mem, P, c.curve.field.bytes);
}
// k G by left-to-right double-and-add through the precompiles (k >= 1, and no
// intermediate sum meets +-G, which holds for the k used here).
AffinePoint mul_generator(const CurveCase& c, const mpz_class& k) {
  const AffinePoint g{c.curve.gx, c.curve.gy};
  AffinePoint acc = g;
  for (size_t bit = mpz_sizeinbase(k.get_mpz_t(), 2) - 1; bit-- > 0;) {
    acc = dbl(c, acc);
    if (mpz_tstbit(k.get_mpz_t(), bit)) acc = add(c, acc, g);
  }
  return acc;
}

bool on_curve(const WeierstrassCurve& c, const AffinePoint& pt) {
  mpz_class r = pt.y * pt.y - pt.x * pt.x * pt.x - c.a * pt.x - c.b;
  mpz_fdiv_r(r.get_mpz_t(), r.get_mpz_t(), c.field.p.get_mpz_t());
  return pt.x < c.field.p && pt.y < c.field.p && r == 0;
}

TEST(Weierstrass, GeneratorsAreOnTheirCurvesAndMatchSp1s) {
  for (const auto& c : all_curves()) EXPECT_TRUE(on_curve(c.curve, {c.curve.gx, c.curve.gy})) << c.prefix;
  // SP1's decimal generator for secp256r1 (crates/curves/src/weierstrass/secp256r1.rs).
  EXPECT_EQ(precompiles::secp256r1().gx,
            mpz_class("48439561293906451759052585252797914202762949526041747995844080717082404635286"));
  EXPECT_EQ(precompiles::secp256r1().gy,
            mpz_class("36134250956749795798585127919587881956611106672985015071877198253568414405109"));
}

TEST(Weierstrass, PublishedGeneratorMultiples) {
  const auto curves = all_curves();
  // secp256k1 2G and 3G (SEC 2 generator multiples as listed in Bitcoin Core's tests).
  const AffinePoint k2{from_hex("c6047f9441ed7d6d3045406e95c07cd85c778e4b8cef3ca7abac09b95c709ee5"),
                       from_hex("1ae168fea63dc339a3c58419466ceaeef7f632653266d0e1236431a950cfe52a")};
  const AffinePoint k3{from_hex("f9308a019258c31049344f85f89d5229b531c845836f99b08601f113bce036f9"),
                       from_hex("388f7b0f632de8140fe337e62a37f3566500a99934c2231b6cb9fd7584b8e672")};
  // P-256 2G and 3G (NIST point-multiplication test vectors, k = 2 and 3).
  const AffinePoint r2{from_hex("7cf27b188d034f7e8a52380304b51ac3c08969e277f21b35a60b48fc47669978"),
                       from_hex("07775510db8ed040293d9ac69f7430dbba7dade63ce982299e04b79d227873d1")};
  const AffinePoint r3{from_hex("5ecbe4d1a6330a44c8f7ef951d4bf165e6c6b721efada985fb41661bc6e7fd6c"),
                       from_hex("8734640c4998ff7e374b06ce1a64a2ecd82ab036384fb83d9a79b127a27d5032")};
  // BN254 2G (EIP-196 ecAdd of the generator with itself).
  const AffinePoint b2{
      mpz_class("1368015179489954701390400359078579693043519447331113978918064868415326638035"),
      mpz_class("9918110051302171585080402603319702774565515993150576347155970296011118125764")};
  const struct {
    const CurveCase& c;
    const AffinePoint& two;
    const AffinePoint* three;
  } cases[] = {{curves[0], k2, &k3}, {curves[1], r2, &r3}, {curves[2], b2, nullptr}};
  for (const auto& k : cases) {
    const AffinePoint g{k.c.curve.gx, k.c.curve.gy};
    const AffinePoint two = dbl(k.c, g);
    EXPECT_EQ(two.x, k.two.x) << k.c.prefix;
    EXPECT_EQ(two.y, k.two.y) << k.c.prefix;
    if (k.three) {
      const AffinePoint three = add(k.c, two, g);
      EXPECT_EQ(three.x, k.three->x) << k.c.prefix;
      EXPECT_EQ(three.y, k.three->y) << k.c.prefix;
    }
  }
}

TEST(Weierstrass, OrderMinusOneTimesGIsMinusG) {
  for (const auto& c : all_curves()) {
    const AffinePoint r = mul_generator(c, c.curve.order - 1);
    EXPECT_EQ(r.x, c.curve.gx) << c.prefix;
    EXPECT_EQ(r.y, c.curve.field.p - c.curve.gy) << c.prefix;
  }
}

TEST(Weierstrass, AddAndDoubleAreConsistentAndStayOnTheCurve) {
  for (const auto& c : all_curves()) {
    const AffinePoint g{c.curve.gx, c.curve.gy};
    AffinePoint a = mul_generator(c, 12345), b = mul_generator(c, 678);
    // 2a + 2b = 2 (a + b); (a + b) + b = a + 2b.
    const AffinePoint s = add(c, a, b);
    EXPECT_TRUE(on_curve(c.curve, s)) << c.prefix;
    const AffinePoint lhs = add(c, dbl(c, a), dbl(c, b)), rhs = dbl(c, s);
    EXPECT_EQ(lhs.x, rhs.x) << c.prefix;
    EXPECT_EQ(lhs.y, rhs.y) << c.prefix;
    const AffinePoint l2 = add(c, s, b), r2 = add(c, a, dbl(c, b));
    EXPECT_EQ(l2.x, r2.x) << c.prefix;
    EXPECT_EQ(l2.y, r2.y) << c.prefix;
    EXPECT_EQ(mul_generator(c, 13).x, add(c, mul_generator(c, 12), g).x) << c.prefix;
  }
}

bn254::Fq to_fq(const mpz_class& v) {
  bn254::U256 u{};
  mpz_export(u.limbs, nullptr, -1, 8, 0, 0, v.get_mpz_t());
  return bn254::Fq::from_canonical(u);
}
mpz_class from_fq(const bn254::Fq& f) {
  const bn254::U256 u = f.to_canonical();
  mpz_class v;
  mpz_import(v.get_mpz_t(), 4, -1, 8, 0, 0, u.limbs);
  return v;
}

TEST(Weierstrass, Bn254MatchesTheProjectsG1Arithmetic) {
  using J = bn254::Jacobian<bn254::Fq>;
  const CurveCase c = all_curves()[2];
  const J g = J::from_affine({to_fq(1), to_fq(2)});
  J a = g, b = g.dbl();
  for (int iter = 0; iter < 40; ++iter) {
    a = a.dbl() + g;         // walk to varied points
    b = b + a + g.dbl();
    const auto aa = a.to_affine(), ba = b.to_affine();
    const AffinePoint pa{from_fq(aa.x), from_fq(aa.y)}, pb{from_fq(ba.x), from_fq(ba.y)};
    const auto sum = (a + b).to_affine(), twice = a.dbl().to_affine();
    const AffinePoint s = add(c, pa, pb), d = dbl(c, pa);
    EXPECT_EQ(s.x, from_fq(sum.x)) << iter;
    EXPECT_EQ(s.y, from_fq(sum.y)) << iter;
    EXPECT_EQ(d.x, from_fq(twice.x)) << iter;
    EXPECT_EQ(d.y, from_fq(twice.y)) << iter;
  }
}

TEST(Weierstrass, Secp256k1AddsEqualPointsAndRejectsInvalidOnes) {
  const CurveCase c = all_curves()[0];
  const mpz_class& p = c.curve.field.p;
  const AffinePoint g{c.curve.gx, c.curve.gy};
  const AffinePoint twice = add(c, g, g);  // k256 adds P + P as 2P
  EXPECT_EQ(twice.x, dbl(c, g).x);
  EXPECT_THROW(add(c, g, {g.x, p - g.y}), PrecompileError);      // infinity
  EXPECT_THROW(add(c, g, {g.x, g.y + 1}), PrecompileError);      // off the curve
  // A point with a small x, so that x + p (same point mod p) still fits 32 bytes.
  mpz_class x = 1;
  while (precompiles::pow_mod(x * x * x + 7, (p - 1) / 2, p) != 1) ++x;
  const mpz_class y = precompiles::pow_mod(x * x * x + 7, (p + 1) / 4, p);
  EXPECT_NO_THROW(add(c, {x, y}, g));
  EXPECT_THROW(add(c, {x + p, y}, g), PrecompileError);  // non-canonical
  EXPECT_THROW(dbl(c, {g.x, g.y + 1}), PrecompileError);
  EXPECT_THROW(dbl(c, {0, 0}), PrecompileError);
}

TEST(Weierstrass, GenericCurvesFollowSp1sUncheckedFormulas) {
  for (int i = 1; i < 4; ++i) {
    const CurveCase c = all_curves()[i];
    const mpz_class& p = c.curve.field.p;
    const AffinePoint g{c.curve.gx, c.curve.gy};
    EXPECT_THROW(add(c, g, g), PrecompileError) << c.prefix;  // SP1 wants DOUBLE
    // P + (-P): the slope's inverse of 0 is 0, so the result is (-2x, -y).
    const AffinePoint r = add(c, g, {g.x, p - g.y});
    mpz_class minus_2x = -2 * g.x;
    mpz_fdiv_r(minus_2x.get_mpz_t(), minus_2x.get_mpz_t(), p.get_mpz_t());
    EXPECT_EQ(r.x, minus_2x) << c.prefix;
    EXPECT_EQ(r.y, p - g.y) << c.prefix;
    // DOUBLE of y = 0 the same way: (-2x, 0). No curve check either.
    const AffinePoint d = dbl(c, {5, 0});
    EXPECT_EQ(d.x, p - 10) << c.prefix;
    EXPECT_EQ(d.y, 0) << c.prefix;
  }
}

TEST(Weierstrass, GenericCurvesFailWhereSp1sUnsignedArithmeticWould) {
  const CurveCase c = all_curves()[2];  // BN254: p < 2^254, so 32 bytes hold 4p
  const mpz_class& p = c.curve.field.p;
  const AffinePoint g{c.curve.gx, c.curve.gy};
  EXPECT_THROW(add(c, {g.x, 3 * p}, g), PrecompileError);      // p + y2 - y1 < 0
  EXPECT_THROW(add(c, {3 * p, 2}, {0, 2}), PrecompileError);    // p + x2 - x1 < 0
  EXPECT_THROW(add(c, {2 * p, 2}, {p + 1, 2}), PrecompileError);  // slope 0, x1 + x2 > 2p
  EXPECT_THROW(dbl(c, {2 * p, 0}), PrecompileError);            // slope 0, 2 x > 2p
  // Non-reduced but harmless coordinates are accepted: (p + 1, 2) acts as (1, 2).
  const AffinePoint r = add(c, {p + 1, 2}, dbl(c, g));
  EXPECT_EQ(r.x, mul_generator(c, 3).x);
}

TEST(Weierstrass, MisalignedPointersFailNamingThePrecompile) {
  FakeGuestMemory mem;
  for (const char* name : {"SECP256K1_ADD", "BN254_DOUBLE", "BLS12381_ADD", "SECP256R1_DOUBLE"}) {
    try {
      test::run(name, mem, {P + 4, Q});
      ADD_FAILURE() << name;
    } catch (const PrecompileError& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(test::run("BN254_ADD", mem, {P, Q + 2}), PrecompileError);
  EXPECT_EQ(mem.writes(), 0u);
}

}  // namespace
}  // namespace zkgpu::zkvm
