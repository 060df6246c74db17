// The field hooks (SP1 v6 crates/core/executor/src/hook.rs, modules bls and fp_ops):
// square roots and inverses the guest then checks. Byte strings are big-endian.
// The square-root algorithms, and so which of the two roots comes back, are SP1's:
// a^((m+1)/4) for m = 3 mod 4, otherwise Tonelli-Shanks with the caller's
// non-square as generator.
#include <cstdint>
#include <optional>
#include <string>

#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/guest_io.hpp"
#include "zkvm/precompiles/hook_fns.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

constexpr std::string_view kFpSqrt = "FD_FP_SQRT";

// Tonelli-Shanks as SP1 runs it, also on a modulus that is not prime (m - 1 = q 2^s).
// a != 0.
std::optional<mpz_class> tonelli_shanks(const mpz_class& a, const mpz_class& m,
                                        const mpz_class& nqr) {
  if (pow_mod(a, (m - 1) / 2, m) != 1) return std::nullopt;
  unsigned long s = 0;
  mpz_class q = m - 1;
  while (mpz_even_p(q.get_mpz_t())) {
    q /= 2;
    ++s;
  }
  mpz_class c = pow_mod(nqr, q, m);
  mpz_class r = pow_mod(a, (q + 1) / 2, m);
  mpz_class t = pow_mod(a, q, m);
  unsigned long rounds = s;
  while (t != 1) {
    unsigned long i = 0;
    for (mpz_class tt = t; tt != 1;) {
      tt = mod(tt * tt, m);
      if (++i == rounds) return std::nullopt;
      // Only an even modulus (s = 0) gets here: SP1 would square forever.
      if (i > mpz_sizeinbase(m.get_mpz_t(), 2))
        fail(kFpSqrt, "Tonelli-Shanks does not terminate for this (even) modulus");
    }
    mpz_class exponent;
    mpz_ui_pow_ui(exponent.get_mpz_t(), 2, rounds - i - 1);
    const mpz_class b = pow_mod(c, exponent, m);
    r = mod(r * b, m);
    c = mod(b * b, m);
    t = mod(t * c, m);
    rounds = i;
  }
  return r;
}

std::optional<mpz_class> sqrt_mod(const mpz_class& a, const mpz_class& m, const mpz_class& nqr) {
  if (mod(m, 4) == 3) {
    mpz_class root = pow_mod(a, (m + 1) / 4, m);
    if (mod(root * root, m) == a) return root;
    return std::nullopt;
  }
  if (a == 0) fail(kFpSqrt, "Tonelli-Shanks reached zero (the non-residue is zero)");
  return tonelli_shanks(a, m, nqr);
}

// The u32 big-endian length that starts FD_FP_SQRT / FD_FP_INV inputs, checked
// against the input size: 4 + count * len bytes in all.
size_t element_length(std::span<const uint8_t> in, size_t count, std::string_view name) {
  if (in.size() < 4) fail(name, "input shorter than its 4-byte length");
  const size_t len = (size_t{in[0]} << 24) | (size_t{in[1]} << 16) | (size_t{in[2]} << 8) | in[3];
  if (in.size() != 4 + count * len)
    fail(name, "input is " + std::to_string(in.size()) + " bytes, expected 4 + " +
                   std::to_string(count) + " * " + std::to_string(len));
  return len;
}

constexpr size_t kBlsBytes = 48;

mpz_class bls_element(std::span<const uint8_t> in, std::string_view name) {
  if (in.size() < kBlsBytes) fail(name, "input must hold a 48-byte field element");
  return from_be(in.first(kBlsBytes));
}

}  // namespace

HookOutput hook_fp_sqrt(std::span<const uint8_t> in) {
  const size_t len = element_length(in, 3, kFpSqrt);
  const auto body = in.subspan(4);
  const mpz_class a = from_be(body.first(len));
  const mpz_class m = from_be(body.subspan(len, len));
  const mpz_class nqr = from_be(body.subspan(2 * len, len));
  if (a >= m) fail(kFpSqrt, "the element is not below the modulus");
  if (nqr >= m) fail(kFpSqrt, "the non-residue is not below the modulus");
  if (a == 0) return {{1}, std::vector<uint8_t>(len, 0)};
  if (const auto root = sqrt_mod(a, m, nqr)) return {{1}, to_be(*root, len)};
  const auto root = sqrt_mod(mod(nqr * a, m), m, nqr);
  if (!root) fail(kFpSqrt, "neither the element nor its product with the non-residue is a square");
  return {{0}, to_be(*root, len)};
}

HookOutput hook_fp_inverse(std::span<const uint8_t> in) {
  constexpr std::string_view name = "FD_FP_INV";
  const size_t len = element_length(in, 2, name);
  const auto body = in.subspan(4);
  const mpz_class a = from_be(body.first(len));
  const mpz_class m = from_be(body.subspan(len, len));
  if (a == 0) fail(name, "inverse of zero");
  if (m < 2) fail(name, "the modulus is below 2");
  return {to_be(pow_mod(a, m - 2, m), len)};
}

HookOutput hook_bls12_381_sqrt(std::span<const uint8_t> in) {
  constexpr std::string_view name = "FD_BLS12_381_SQRT";
  constexpr unsigned kNonSquare = 2;
  const mpz_class a = bls_element(in, name);
  if (a == 0) return {{1}, std::vector<uint8_t>(kBlsBytes, 0)};
  const mpz_class& p = bls12_381_fp().p;
  const mpz_class exponent = (p + 1) / 4;
  const mpz_class root = pow_mod(a, exponent, p);
  if (mod(root * root, p) == a) return {{1}, to_be(root, kBlsBytes)};
  const mpz_class qr = mod(kNonSquare * a, p);
  const mpz_class qr_root = pow_mod(qr, exponent, p);
  if (mod(qr_root * qr_root, p) != qr) fail(name, "neither a nor 2 a is a square (a >= p?)");
  return {{0}, to_be(qr_root, kBlsBytes)};
}

HookOutput hook_bls12_381_inverse(std::span<const uint8_t> in) {
  constexpr std::string_view name = "FD_BLS12_381_INVERSE";
  const mpz_class a = bls_element(in, name);
  if (a == 0) fail(name, "inverse of zero");
  return {to_be(inverse_mod_prime(a, bls12_381_fp().p), kBlsBytes)};
}

}  // namespace zkgpu::zkvm::precompiles
