// FD_ECRECOVER_HOOK (SP1 v6 crates/core/executor/src/hook.rs, hook_ecrecover): the
// hints that let a guest recover R from a signature's r. SP1 computes with the
// k256 / p256 crates; their square root is alpha^((p+1)/4) (both p = 3 mod 4),
// which fixes which root the non-square branch returns. Failures follow SP1's
// release build: r or alpha >= p, alpha = 0 on secp256k1, and (square branch
// only) r >= n or r = 0, where n is the group order.
#include <string>

#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/hook_fns.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

constexpr std::string_view kName = "FD_ECRECOVER_HOOK";

// 3 is a non-square mod both curves' p (SP1's NQR constant).
constexpr unsigned kNonSquare = 3;

HookOutput recover(const WeierstrassCurve& c, const mpz_class& r, const mpz_class& alpha,
                   bool y_is_odd) {
  const mpz_class& p = c.field.p;
  if (r >= p) fail(kName, "r is not a canonical field element");
  if (alpha >= p) fail(kName, "alpha is not a canonical field element");
  if (alpha == 0 && c.sp1_uses_k256) fail(kName, "alpha is zero");  // p256 only debug-asserts

  const mpz_class exponent = (p + 1) / 4;
  mpz_class y = pow_mod(alpha, exponent, p);
  if (mod(y * y, p) != alpha) return {{0}, to_be(pow_mod(kNonSquare * alpha, exponent, p), 32)};

  if (r >= c.order) fail(kName, "r is not a canonical scalar");
  if (r == 0) fail(kName, "r is zero");
  if ((mpz_odd_p(y.get_mpz_t()) != 0) != y_is_odd) y = mod(p - y, p);
  return {{1}, to_be(y, 32), to_be(inverse_mod_prime(r, c.order), 32)};
}

}  // namespace

HookOutput hook_ecrecover(std::span<const uint8_t> in) {
  if (in.size() != 65)
    fail(kName, "input must be 65 bytes, got " + std::to_string(in.size()));
  const unsigned curve_id = in[0] & 0x7f;
  const bool y_is_odd = (in[0] & 0x80) != 0;
  const mpz_class r = from_be(in.subspan(1, 32));
  const mpz_class alpha = from_be(in.subspan(33, 32));
  switch (curve_id) {
    case 1: return recover(secp256k1(), r, alpha, y_is_odd);
    case 2: return recover(secp256r1(), r, alpha, y_is_odd);
    default: fail(kName, "unsupported curve id " + std::to_string(curve_id));
  }
}

}  // namespace zkgpu::zkvm::precompiles
