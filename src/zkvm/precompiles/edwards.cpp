// ED_ADD and ED_DECOMPRESS (SP1 v6, crates/core/executor/src/minimal/precompiles/
// edwards/ and crates/curves/src/edwards/). A point in guest memory is x then y,
// 32 little-endian bytes each.
//  - ED_ADD: P at a0, Q at a1; writes P + Q over P.
//  - ED_DECOMPRESS: a0 points at 64 bytes whose upper half is the compressed y (bit
//    255 ignored), a1 is the sign of x (0 or 1); writes x into the lower half. It
//    fails where no x exists. Unlike RFC 8032, sign 1 with x = 0 is accepted (x stays 0).
#include "zkvm/precompiles/edwards.hpp"

#include <array>

#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/handlers.hpp"

namespace zkgpu::zkvm::precompiles {

AffinePoint edwards_add(const EdwardsCurve& c, const AffinePoint& p1, const AffinePoint& p2) {
  const mpz_class& p = c.field.p;
  const mpz_class dxy = mod(c.d * mod(p1.x * p1.y * p2.x * p2.y, p), p);
  const mpz_class x3 = mod(p1.x * p2.y + p1.y * p2.x, p) * inverse_mod_prime(mod(1 + dxy, p), p);
  const mpz_class y3 = mod(p1.y * p2.y + p1.x * p2.x, p) * inverse_mod_prime(mod(1 - dxy, p), p);
  return {mod(x3, p), mod(y3, p)};
}

std::optional<mpz_class> ed25519_sqrt(const mpz_class& a) {
  const mpz_class& p = ed25519().field.p;
  static const mpz_class exponent = (p + 3) / 8;
  static const mpz_class sqrt_m1 = pow_mod(2, (p - 1) / 4, p);
  mpz_class beta = pow_mod(a, exponent, p);
  const mpz_class beta_squared = mod(beta * beta, p);
  if (beta_squared == p - a) beta = mod(beta * sqrt_m1, p);
  if (beta_squared != a && beta_squared != p - a) return std::nullopt;
  if (mpz_odd_p(beta.get_mpz_t())) beta = mod(p - beta, p);
  return beta;
}

mpz_class ed25519_x_squared(const mpz_class& y) {
  const EdwardsCurve& c = ed25519();
  const mpz_class& p = c.field.p;
  const mpz_class yy = mod(y * y, p);
  return mod(mod(yy - 1, p) * inverse_mod_prime(mod(yy * c.d + 1, p), p), p);
}

namespace {

constexpr size_t kBytes = 32;

void ed_add(GuestMemory& mem, const SyscallArgs& args) {
  constexpr std::string_view name = "ED_ADD";
  require_aligned(name, "P", args.a0);
  require_aligned(name, "Q", args.a1);
  const AffinePoint q{read_uint(mem, args.a1, kBytes), read_uint(mem, args.a1 + kBytes, kBytes)};
  const AffinePoint p{read_uint(mem, args.a0, kBytes), read_uint(mem, args.a0 + kBytes, kBytes)};
  const AffinePoint r = edwards_add(ed25519(), p, q);
  write_uints(mem, args.a0, {&r.x, &r.y}, kBytes);
}

void ed_decompress(GuestMemory& mem, const SyscallArgs& args) {
  constexpr std::string_view name = "ED_DECOMPRESS";
  require_aligned(name, "point", args.a0);
  if (args.a1 > 1) fail(name, "the sign argument must be 0 or 1");
  const mpz_class& p = ed25519().field.p;
  mpz_class y = read_uint(mem, args.a0 + kBytes, kBytes);
  mpz_clrbit(y.get_mpz_t(), 255);
  const std::optional<mpz_class> x = ed25519_sqrt(ed25519_x_squared(y));
  if (!x) fail(name, "y is not the y-coordinate of an Ed25519 point");
  write_uint(mem, args.a0, args.a1 == 1 ? mod(p - *x, p) : *x, kBytes);
}

// Codes: SP1 v6 crates/core/executor/src/syscall_code.rs.
constexpr std::array kEdwardsPrecompiles{
    Precompile{0x00'01'01'07, "ED_ADD", ed_add},
    Precompile{0x00'00'01'08, "ED_DECOMPRESS", ed_decompress},
};

}  // namespace

std::span<const Precompile> edwards_precompiles() { return kEdwardsPrecompiles; }

}  // namespace zkgpu::zkvm::precompiles
