// SECP256K1_, SECP256R1_, BN254_ and BLS12381_ ADD and DOUBLE: affine short
// Weierstrass point operations in place (SP1 v6,
// crates/core/executor/src/minimal/precompiles/ec.rs and crates/curves/src/weierstrass/).
// A point in guest memory is x then y, each field.bytes little-endian bytes; ADD
// takes P at a0 and Q at a1 and writes P + Q over P; DOUBLE writes 2P over P at a0.
//
// SP1 computes secp256k1 through the k256 crate and the other curves with
// unsigned big-integer formulas, and the two fail differently:
//  - secp256k1 rejects coordinates >= p and points off the curve, adds P + P as
//    2P, and fails when P + Q is the point at infinity (Q = -P);
//  - the others accept any coordinates and never check the curve; ADD fails on
//    P = Q (same coordinates), and an unsigned subtraction in the formulas fails
//    for non-reduced inputs that make it negative. Q = -P or a zero y in DOUBLE
//    gives a slope of 0 (the inverse of 0 is taken as 0), not an error.
#include <array>
#include <string>

#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/handlers.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

// a - b where SP1's unsigned arithmetic would panic for a negative result.
mpz_class checked_sub(const mpz_class& a, const mpz_class& b, std::string_view name) {
  if (a < b) fail(name, "a non-reduced coordinate makes SP1's unsigned point formula negative");
  return a - b;
}

// The chord/tangent step shared by the formulas: R = (s^2 - x1 - x2, s (x1 - x3) - y1),
// evaluated as SP1 does, with p added before each subtraction.
AffinePoint finish(const WeierstrassCurve& c, const mpz_class& slope, const AffinePoint& p1,
                   const mpz_class& x2, std::string_view name) {
  const mpz_class& p = c.field.p;
  const mpz_class x3 = mod(checked_sub(slope * slope + 2 * p, p1.x + x2, name), p);
  const mpz_class y3 = mod(checked_sub(slope * (p + p1.x - x3) + p, p1.y, name), p);
  return {x3, y3};
}

bool on_curve(const WeierstrassCurve& c, const AffinePoint& pt) {
  const mpz_class& p = c.field.p;
  return pt.x < p && pt.y < p && mod(pt.y * pt.y - pt.x * pt.x * pt.x - c.a * pt.x - c.b, p) == 0;
}

}  // namespace

AffinePoint weierstrass_double(const WeierstrassCurve& c, const AffinePoint& pt,
                               std::string_view name) {
  const mpz_class& p = c.field.p;
  if (c.sp1_uses_k256 && !on_curve(c, pt)) fail(name, "P is not a point on the curve");
  const mpz_class slope =
      mod(mod(c.a + 3 * pt.x * pt.x, p) * inverse_mod_prime(mod(2 * pt.y, p), p), p);
  return finish(c, slope, pt, pt.x, name);
}

AffinePoint weierstrass_add(const WeierstrassCurve& c, const AffinePoint& p1,
                            const AffinePoint& p2, std::string_view name) {
  const mpz_class& p = c.field.p;
  if (c.sp1_uses_k256) {
    if (!on_curve(c, p1)) fail(name, "P is not a point on the curve");
    if (!on_curve(c, p2)) fail(name, "Q is not a point on the curve");
    if (p1.x == p2.x) {
      if (p1.y != p2.y) fail(name, "P + Q is the point at infinity (Q = -P)");
      return weierstrass_double(c, p1, name);
    }
  } else if (p1.x == p2.x && p1.y == p2.y) {
    fail(name, "P and Q are the same point (SP1 requires DOUBLE for 2P)");
  }
  const mpz_class num = mod(checked_sub(p + p2.y, p1.y, name), p);
  const mpz_class den = mod(checked_sub(p + p2.x, p1.x, name), p);
  return finish(c, mod(num * inverse_mod_prime(den, p), p), p1, p2.x, name);
}

namespace {

AffinePoint read_point(GuestMemory& mem, uint64_t addr, size_t bytes) {
  return {read_uint(mem, addr, bytes), read_uint(mem, addr + bytes, bytes)};
}

void write_point(GuestMemory& mem, uint64_t addr, const AffinePoint& pt, size_t bytes) {
  write_uints(mem, addr, {&pt.x, &pt.y}, bytes);
}

template <const WeierstrassCurve& (*Curve)()>
void add_assign(GuestMemory& mem, const SyscallArgs& args) {
  const WeierstrassCurve& c = Curve();
  static const std::string name = std::string(c.field.name) + "_ADD";
  require_aligned(name, "P", args.a0);
  require_aligned(name, "Q", args.a1);
  const AffinePoint q = read_point(mem, args.a1, c.field.bytes);
  const AffinePoint p = read_point(mem, args.a0, c.field.bytes);
  write_point(mem, args.a0, weierstrass_add(c, p, q, name), c.field.bytes);
}

template <const WeierstrassCurve& (*Curve)()>
void double_assign(GuestMemory& mem, const SyscallArgs& args) {
  const WeierstrassCurve& c = Curve();
  static const std::string name = std::string(c.field.name) + "_DOUBLE";
  require_aligned(name, "P", args.a0);
  const AffinePoint p = read_point(mem, args.a0, c.field.bytes);
  write_point(mem, args.a0, weierstrass_double(c, p, name), c.field.bytes);
}

// Codes: SP1 v6 crates/core/executor/src/syscall_code.rs.
constexpr std::array kWeierstrassPrecompiles{
    Precompile{0x00'01'01'0A, "SECP256K1_ADD", add_assign<secp256k1>},
    Precompile{0x00'00'01'0B, "SECP256K1_DOUBLE", double_assign<secp256k1>},
    Precompile{0x00'01'01'0E, "BN254_ADD", add_assign<bn254_g1>},
    Precompile{0x00'00'01'0F, "BN254_DOUBLE", double_assign<bn254_g1>},
    Precompile{0x00'01'01'1E, "BLS12381_ADD", add_assign<bls12_381_g1>},
    Precompile{0x00'00'01'1F, "BLS12381_DOUBLE", double_assign<bls12_381_g1>},
    Precompile{0x00'01'01'2C, "SECP256R1_ADD", add_assign<secp256r1>},
    Precompile{0x00'00'01'2D, "SECP256R1_DOUBLE", double_assign<secp256r1>},
};

}  // namespace

std::span<const Precompile> weierstrass_precompiles() { return kWeierstrassPrecompiles; }

}  // namespace zkgpu::zkvm::precompiles
