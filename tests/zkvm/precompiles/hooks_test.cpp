// The host hooks. ecrecover is checked end to end: libsecp256k1 signs at test time,
// the hook's hints rebuild R, and Q = r^-1 (s R - z G), computed with the SECP256K1
// point operations, must be libsecp256k1's public key. The field hooks are checked
// by squaring / multiplying back, on primes of both shapes (3 and 1 mod 4).
#include <gtest/gtest.h>
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <random>
#include <string>

#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/edwards.hpp"
#include "zkvm/precompiles/hook_fns.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::zkvm {
namespace {

using namespace precompiles;
using Bytes = std::vector<uint8_t>;

Bytes cat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}
Bytes be32(uint32_t v) { return {uint8_t(v >> 24), uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v)}; }
mpz_class md(const mpz_class& x, const mpz_class& m) {
  mpz_class r;
  mpz_fdiv_r(r.get_mpz_t(), x.get_mpz_t(), m.get_mpz_t());
  return r;
}
HookOutput call(uint32_t fd, const Bytes& in) { return find_hook(fd)->run(in); }

AffinePoint scalar_mul(const WeierstrassCurve& c, const AffinePoint& pt, const mpz_class& k) {
  AffinePoint acc = pt;
  for (size_t bit = mpz_sizeinbase(k.get_mpz_t(), 2) - 1; bit-- > 0;) {
    acc = weierstrass_double(c, acc, "test");
    if (mpz_tstbit(k.get_mpz_t(), bit)) acc = weierstrass_add(c, acc, pt, "test");
  }
  return acc;
}

Bytes ecrecover_input(unsigned curve, bool odd, const mpz_class& r, const mpz_class& alpha) {
  return cat({{uint8_t(curve | (odd ? 0x80 : 0))}, to_be(r, 32), to_be(alpha, 32)});
}

TEST(EcrecoverHook, RecoversTheKeyOfLibsecp256k1Signatures) {
  const WeierstrassCurve& c = secp256k1();
  const mpz_class& p = c.field.p;
  secp256k1_context* ctx = secp256k1_context_create(SECP256K1_CONTEXT_SIGN | SECP256K1_CONTEXT_VERIFY);
  std::mt19937_64 rng(5);
  for (int iter = 0; iter < 12; ++iter) {
    uint8_t key[32], msg[32];
    do {
      for (auto& b : key) b = uint8_t(rng());
    } while (!secp256k1_ec_seckey_verify(ctx, key));
    for (auto& b : msg) b = uint8_t(rng());
    secp256k1_ecdsa_recoverable_signature sig;
    ASSERT_TRUE(secp256k1_ecdsa_sign_recoverable(ctx, &sig, msg, key, nullptr, nullptr));
    uint8_t rs[64];
    int recid = 0;
    secp256k1_ecdsa_recoverable_signature_serialize_compact(ctx, rs, &recid, &sig);
    secp256k1_pubkey pub;
    ASSERT_TRUE(secp256k1_ec_pubkey_create(ctx, &pub, key));
    uint8_t pub65[65];
    size_t pub_len = sizeof pub65;
    secp256k1_ec_pubkey_serialize(ctx, pub65, &pub_len, &pub, SECP256K1_EC_UNCOMPRESSED);

    const mpz_class r = from_be({rs, 32}), s = from_be({rs + 32, 32}), z = from_be({msg, 32});
    ASSERT_LT(recid, 2);  // r >= n (recid 2, 3) has probability ~2^-128
    const mpz_class alpha = md(r * r * r + 7, p);
    const HookOutput out = call(15, ecrecover_input(1, recid & 1, r, alpha));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0], Bytes{1});
    const mpz_class y = from_be(out[1]), r_inv = from_be(out[2]);
    EXPECT_EQ(md(y * y, p), alpha);
    EXPECT_EQ(mpz_odd_p(y.get_mpz_t()) != 0, (recid & 1) != 0);
    EXPECT_EQ(md(r * r_inv, c.order), 1);

    const AffinePoint big_r{r, y}, g{c.gx, c.gy};
    const AffinePoint s_r = scalar_mul(c, big_r, md(s * r_inv, c.order));
    const AffinePoint z_g = scalar_mul(c, g, md(-z * r_inv, c.order));
    const AffinePoint q = weierstrass_add(c, s_r, z_g, "test");
    EXPECT_EQ(q.x, from_be({pub65 + 1, 32})) << iter;
    EXPECT_EQ(q.y, from_be({pub65 + 33, 32})) << iter;
  }
  secp256k1_context_destroy(ctx);
}

TEST(EcrecoverHook, Secp256r1GeneratorXAndParity) {
  const WeierstrassCurve& c = secp256r1();
  const mpz_class& p = c.field.p;
  const mpz_class alpha = md(c.gx * c.gx * c.gx + c.a * c.gx + c.b, p);
  for (bool odd : {false, true}) {
    const HookOutput out = call(15, ecrecover_input(2, odd, c.gx, alpha));
    ASSERT_EQ(out.size(), 3u);
    EXPECT_EQ(out[0], Bytes{1});
    const mpz_class y = from_be(out[1]);
    EXPECT_TRUE(y == c.gy || y == p - c.gy);
    EXPECT_EQ(mpz_odd_p(y.get_mpz_t()) != 0, odd);
    EXPECT_EQ(md(from_be(out[2]) * c.gx, c.order), 1);
  }
}

TEST(EcrecoverHook, NonSquareAlphaGivesTheRootOfThreeAlpha) {
  for (const WeierstrassCurve* c : {&secp256k1(), &secp256r1()}) {
    const mpz_class& p = c->field.p;
    mpz_class alpha = 2;
    while (pow_mod(alpha, (p - 1) / 2, p) != p - 1) ++alpha;
    const HookOutput out = call(15, ecrecover_input(c == &secp256k1() ? 1 : 2, false, 5, alpha));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], Bytes{0});
    const mpz_class root = from_be(out[1]);
    EXPECT_EQ(md(root * root, p), md(3 * alpha, p));
    EXPECT_EQ(root, pow_mod(3 * alpha, (p + 1) / 4, p));  // the k256/p256 root
  }
}

TEST(EcrecoverHook, FailsWhereSp1Panics) {
  const mpz_class& p = secp256k1().field.p;
  EXPECT_THROW(call(15, Bytes(64, 1)), PrecompileError);
  EXPECT_THROW(call(15, ecrecover_input(3, false, 1, 4)), PrecompileError);      // curve id
  EXPECT_THROW(call(15, ecrecover_input(1, false, p, 4)), PrecompileError);      // r >= p
  EXPECT_THROW(call(15, ecrecover_input(1, false, 1, p + 4)), PrecompileError);  // alpha >= p
  EXPECT_THROW(call(15, ecrecover_input(1, false, 1, 0)), PrecompileError);      // alpha = 0
  EXPECT_THROW(call(15, ecrecover_input(1, false, 0, 4)), PrecompileError);      // r = 0
  EXPECT_THROW(call(15, ecrecover_input(1, false, secp256k1().order, 4)), PrecompileError);
  // secp256r1 accepts alpha = 0 (a debug-only assertion in SP1): y = 0.
  const HookOutput out = call(15, ecrecover_input(2, true, 7, 0));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(from_be(out[1]), 0);
}

TEST(EdDecompressHook, AnswersDecompressibilityWithProofOfTheNegative) {
  const mpz_class& p = ed25519().field.p;
  const auto v_of = [&](const mpz_class& y) { return md(ed25519().d * y * y + 1, p); };
  // The base point's y decompresses.
  const mpz_class gy = ed25519().gy;
  EXPECT_EQ(call(16, cat({to_le(gy, 32), to_le(v_of(gy), 32)})), HookOutput{{1}});
  // y >= p cannot be canonical: {0} alone.
  EXPECT_EQ(call(16, cat({to_le(p + 1, 32), to_le(1, 32)})), HookOutput{{0}});
  // A y with no x: v^-1 and a root of 2 u / v.
  mpz_class y = 2;
  while (ed25519_sqrt(ed25519_x_squared(y))) ++y;
  const HookOutput out = call(16, cat({to_le(y, 32), to_le(v_of(y), 32)}));
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(out[0], Bytes{0});
  const mpz_class v_inv = from_le(out[1]), root = from_le(out[2]);
  EXPECT_EQ(md(v_inv * v_of(y), p), 1);
  EXPECT_EQ(md(root * root, p), md(2 * (y * y - 1) * v_inv, p));
  EXPECT_FALSE(mpz_odd_p(root.get_mpz_t()));
  // The sign bit is ignored.
  mpz_class signed_gy = gy;
  mpz_setbit(signed_gy.get_mpz_t(), 255);
  EXPECT_EQ(call(16, cat({to_le(signed_gy, 32), to_le(v_of(gy), 32)})), HookOutput{{1}});
  EXPECT_THROW(call(16, Bytes(31, 0)), PrecompileError);
  EXPECT_THROW(call(16, cat({to_le(y, 32), to_le(p, 32)})), PrecompileError);  // v >= p
}

TEST(RsaMulModHook, RemainderAndQuotientRebuildTheProduct) {
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(9);
  for (size_t k : {256u, 384u, 512u}) {
    const mpz_class m = rng.get_z_bits(8 * k) | (mpz_class(1) << (8 * k - 1));
    const mpz_class a = rng.get_z_range(m), b = rng.get_z_range(m);
    const HookOutput out = call(17, cat({to_le(a * b, 2 * k), to_le(m, k)}));
    ASSERT_EQ(out.size(), 2u);
    ASSERT_EQ(out[0].size(), k);
    ASSERT_EQ(out[1].size(), k);
    const mpz_class rem = from_le(out[0]), q = from_le(out[1]);
    EXPECT_LT(rem, m);
    EXPECT_EQ(q * m + rem, a * b);
  }
  // A small modulus: SP1 keeps the quotient's low k bytes only.
  const mpz_class product = (mpz_class(1) << 4000) + 12345;
  const HookOutput out = call(17, cat({to_le(product, 512), to_le(10, 256)}));
  EXPECT_EQ(from_le(out[0]), md(product, 10));
  EXPECT_EQ(from_le(out[1]), md(product / 10, mpz_class(1) << 2048));
  EXPECT_THROW(call(17, Bytes(3 * 256 + 1, 1)), PrecompileError);
  EXPECT_THROW(call(17, Bytes(3 * 256, 0)), PrecompileError);  // modulus 0
}

TEST(Bls12381Hooks, SqrtAndInverse) {
  const mpz_class& p = bls12_381_fp().p;
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(4);
  int squares = 0;
  for (int iter = 0; iter < 40; ++iter) {
    const mpz_class a = rng.get_z_range(p - 1) + 1;
    const HookOutput out = call(18, to_be(a, 48));
    ASSERT_EQ(out.size(), 2u);
    ASSERT_EQ(out[1].size(), 48u);
    const mpz_class root = from_be(out[1]);
    if (out[0] == Bytes{1}) {
      ++squares;
      EXPECT_EQ(md(root * root, p), a);
    } else {
      EXPECT_EQ(out[0], Bytes{0});
      EXPECT_EQ(md(root * root, p), md(2 * a, p));
    }
    const HookOutput inv = call(19, to_be(a, 48));
    ASSERT_EQ(inv.size(), 1u);
    EXPECT_EQ(md(from_be(inv[0]) * a, p), 1);
  }
  EXPECT_GT(squares, 5);
  EXPECT_LT(squares, 35);
  EXPECT_EQ(call(18, Bytes(48, 0)), (HookOutput{{1}, Bytes(48, 0)}));
  EXPECT_EQ(from_be(call(18, to_be(4, 48))[1]), p - 2);  // SP1's root of 4 is 4^((p+1)/4) = -2
  EXPECT_THROW(call(18, Bytes(47, 1)), PrecompileError);
  EXPECT_THROW(call(19, Bytes(48, 0)), PrecompileError);
  EXPECT_THROW(call(19, Bytes(10, 1)), PrecompileError);
}

Bytes fp_input(size_t len, std::initializer_list<mpz_class> values) {
  Bytes out = be32(uint32_t(len));
  for (const auto& v : values) {
    const Bytes b = to_be(v, len);
    out.insert(out.end(), b.begin(), b.end());
  }
  return out;
}

TEST(FpHooks, SqrtOnPrimesThreeAndOneMod4) {
  struct Prime {
    mpz_class p, nqr;
    size_t len;
  };
  const Prime primes[] = {
      {bn254_fp().p, 3, 32},                          // 3 mod 4
      {ed25519().field.p, 2, 32},                     // 1 mod 4 (2-adicity 2)
      {from_hex("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001"), 5,
       32},                                           // BN254 Fr: 1 mod 4, 2-adicity 28
      {bls12_381_fp().p, 2, 48},
  };
  gmp_randclass rng(gmp_randinit_default);
  rng.seed(6);
  for (const Prime& pr : primes) {
    ASSERT_EQ(pow_mod(pr.nqr, (pr.p - 1) / 2, pr.p), pr.p - 1);
    for (int iter = 0; iter < 30; ++iter) {
      const mpz_class a = rng.get_z_range(pr.p - 1) + 1;
      const HookOutput out = call(20, fp_input(pr.len, {a, pr.p, pr.nqr}));
      ASSERT_EQ(out.size(), 2u);
      ASSERT_EQ(out[1].size(), pr.len);
      const mpz_class root = from_be(out[1]);
      const bool square = pow_mod(a, (pr.p - 1) / 2, pr.p) == 1;
      EXPECT_EQ(out[0], Bytes{uint8_t(square)});
      EXPECT_EQ(md(root * root, pr.p), square ? a : md(a * pr.nqr, pr.p));
      const HookOutput inv = call(21, fp_input(pr.len, {a, pr.p}));
      EXPECT_EQ(md(from_be(inv[0]) * a, pr.p), 1);
    }
    EXPECT_EQ(call(20, fp_input(pr.len, {0, pr.p, pr.nqr})),
              (HookOutput{{1}, Bytes(pr.len, 0)}));
  }
}

TEST(FpHooks, FailWhereSp1Panics) {
  const mpz_class& p = bn254_fp().p;
  EXPECT_THROW(call(20, Bytes{0, 0}), PrecompileError);
  EXPECT_THROW(call(20, fp_input(32, {1, p})), PrecompileError);          // 2 of 3 values
  EXPECT_THROW(call(20, fp_input(32, {p, p, 3})), PrecompileError);       // a >= m
  EXPECT_THROW(call(20, fp_input(32, {1, p, p + 1})), PrecompileError);   // nqr >= m
  EXPECT_THROW(call(21, fp_input(32, {0, p})), PrecompileError);          // inverse of 0
  EXPECT_THROW(call(21, fp_input(32, {1, p, 3})), PrecompileError);       // 3 values
  EXPECT_THROW(call(21, fp_input(4, {1, 1})), PrecompileError);           // m < 2
  // An even modulus where SP1's Tonelli-Shanks would square forever: mod 14, a = 9 has
  // order 3, passes the Legendre test (9^6 = 1), and its repeated squares never reach 1.
  EXPECT_THROW(call(20, fp_input(1, {9, 14, 3})), PrecompileError);
}

}  // namespace
}  // namespace zkgpu::zkvm
