// ED_ADD and ED_DECOMPRESS: RFC 8032's base point and test-vector public key, the
// group order (L G = neutral through the precompile), the curve equation, and the
// failures SP1 has.
#include <gtest/gtest.h>

#include <string>

#include "fake_guest_memory.hpp"
#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/edwards.hpp"

namespace zkgpu::zkvm {
namespace {

using precompiles::AffinePoint;
using precompiles::ed25519;
using precompiles::from_hex;
using precompiles::PrecompileError;
using test::FakeGuestMemory;
constexpr uint64_t P = FakeGuestMemory::kBase, Q = P + 128;

mpz_class md(const mpz_class& x) {
  mpz_class r;
  mpz_fdiv_r(r.get_mpz_t(), x.get_mpz_t(), ed25519().field.p.get_mpz_t());
  return r;
}

bool on_curve(const AffinePoint& pt) {  // -x^2 + y^2 = 1 + d x^2 y^2
  const mpz_class xx = pt.x * pt.x, yy = pt.y * pt.y;
  return md(yy - xx - 1 - ed25519().d * xx * yy) == 0;
}

AffinePoint ed_add(const AffinePoint& a, const AffinePoint& b) {
  FakeGuestMemory mem;
  mem.put(P, a.x, 32);
  mem.put(P + 32, a.y, 32);
  mem.put(Q, b.x, 32);
  mem.put(Q + 32, b.y, 32);
  test::run("ED_ADD", mem, {P, Q});
  return {mem.get(P, 32), mem.get(P + 32, 32)};
}

// Decompresses RFC 8032 bytes: y with the sign of x in bit 255.
mpz_class decompress(const mpz_class& compressed) {
  FakeGuestMemory mem;
  mem.put(P + 32, compressed, 32);
  test::run("ED_DECOMPRESS", mem, {P, static_cast<uint64_t>(mpz_tstbit(compressed.get_mpz_t(), 255))});
  EXPECT_EQ(mem.get(P + 32, 32), compressed);  // the compressed half is left as it was
  return mem.get(P, 32);
}

mpz_class from_le_hex(const char* hex) {
  const mpz_class be = from_hex(hex);
  auto bytes = precompiles::to_le(be, 32);
  return precompiles::from_be(bytes);
}

TEST(Edwards, ConstantsMatchRfc8032) {
  const mpz_class& p = ed25519().field.p;
  EXPECT_EQ(md(ed25519().d * 121666), p - 121665);
  // RFC 8032 section 5.1: B = (15112221349535400772501151409588531511454012693041857206046113283949847762202, 4/5).
  EXPECT_EQ(ed25519().gx,
            mpz_class("15112221349535400772501151409588531511454012693041857206046113283949847762202"));
  EXPECT_EQ(md(ed25519().gy * 5), 4);
  EXPECT_TRUE(on_curve({ed25519().gx, ed25519().gy}));
}

TEST(Edwards, DecompressesTheBasePointAndRfc8032TestKey) {
  // The base point's encoding is 0x58 then 0x66 * 31 (little-endian y, x even).
  EXPECT_EQ(decompress(from_le_hex("5866666666666666666666666666666666666666666666666666666666666666")),
            ed25519().gx);
  // RFC 8032 section 7.1 TEST 1 public key.
  const mpz_class key = from_le_hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  const mpz_class x = decompress(key);
  mpz_class y = key;
  mpz_clrbit(y.get_mpz_t(), 255);
  EXPECT_TRUE(on_curve({x, y}));
  EXPECT_EQ(mpz_odd_p(x.get_mpz_t()) != 0, mpz_tstbit(key.get_mpz_t(), 255) == 1);
}

TEST(Edwards, DecompressInvertsCompressionOnManyPoints) {
  AffinePoint pt{ed25519().gx, ed25519().gy};
  for (int i = 0; i < 50; ++i) {
    pt = ed_add(pt, {ed25519().gx, ed25519().gy});
    mpz_class compressed = pt.y;
    if (mpz_odd_p(pt.x.get_mpz_t())) mpz_setbit(compressed.get_mpz_t(), 255);
    EXPECT_EQ(decompress(compressed), pt.x) << i;
  }
}

TEST(Edwards, AddHasTheNeutralElementInversesAndTheGroupOrder) {
  const AffinePoint g{ed25519().gx, ed25519().gy}, zero{0, 1};
  const mpz_class& p = ed25519().field.p;
  EXPECT_EQ(ed_add(g, zero).x, g.x);
  EXPECT_EQ(ed_add(zero, g).y, g.y);
  const AffinePoint inv = ed_add(g, {p - g.x, g.y});
  EXPECT_EQ(inv.x, 0);
  EXPECT_EQ(inv.y, 1);
  // L G = 0 with L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032), by
  // double-and-add with ED_ADD (which also doubles).
  const mpz_class order = (mpz_class(1) << 252) + mpz_class("27742317777372353535851937790883648493");
  AffinePoint acc = g;
  for (size_t bit = mpz_sizeinbase(order.get_mpz_t(), 2) - 1; bit-- > 0;) {
    acc = ed_add(acc, acc);
    if (mpz_tstbit(order.get_mpz_t(), bit)) acc = ed_add(acc, g);
    ASSERT_TRUE(on_curve(acc));
  }
  EXPECT_EQ(acc.x, 0);
  EXPECT_EQ(acc.y, 1);
}

TEST(Edwards, DecompressSpecialCasesAndFailures) {
  // y = 1 has x = 0; sign 1 keeps x = 0 (SP1 does not reject it).
  mpz_class one_negative = 1;
  mpz_setbit(one_negative.get_mpz_t(), 255);
  EXPECT_EQ(decompress(one_negative), 0);
  // A y with no x: find one the test's own Euler criterion says is not a square.
  const mpz_class& p = ed25519().field.p;
  mpz_class y = 2;
  for (;; ++y) {
    const mpz_class xx = md((y * y - 1) * precompiles::pow_mod(md(ed25519().d * y * y + 1), p - 2, p));
    if (xx != 0 && precompiles::pow_mod(xx, (p - 1) / 2, p) == p - 1) break;
  }
  EXPECT_THROW(decompress(y), PrecompileError);
  FakeGuestMemory mem;
  mem.put(P + 32, 1, 32);
  EXPECT_THROW(test::run("ED_DECOMPRESS", mem, {P, 2}), PrecompileError);      // sign > 1
  EXPECT_THROW(test::run("ED_DECOMPRESS", mem, {P + 4, 0}), PrecompileError);  // misaligned
  EXPECT_THROW(test::run("ED_ADD", mem, {P, Q + 1}), PrecompileError);
  EXPECT_EQ(mem.writes(), 0u);
}

}  // namespace
}  // namespace zkgpu::zkvm
