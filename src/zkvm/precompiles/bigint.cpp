#include "zkvm/precompiles/bigint.hpp"

#include <algorithm>
#include <stdexcept>

namespace zkgpu::zkvm::precompiles {

namespace {

// GMP moves whole 64-bit words much faster than single bytes, so lengths that are
// a multiple of 8 (every precompile operand) go as words.
size_t word_size(size_t len) { return len % 8 == 0 ? 8 : 1; }

}  // namespace

mpz_class from_le(std::span<const uint8_t> bytes) {
  mpz_class x;
  const size_t w = word_size(bytes.size());
  if (!bytes.empty()) mpz_import(x.get_mpz_t(), bytes.size() / w, -1, w, -1, 0, bytes.data());
  return x;
}

mpz_class from_be(std::span<const uint8_t> bytes) {
  mpz_class x;
  const size_t w = word_size(bytes.size());
  if (!bytes.empty()) mpz_import(x.get_mpz_t(), bytes.size() / w, 1, w, 1, 0, bytes.data());
  return x;
}

std::vector<uint8_t> to_le(const mpz_class& x, size_t len) {
  if (sgn(x) < 0 || (sgn(x) != 0 && mpz_sizeinbase(x.get_mpz_t(), 256) > len))
    throw std::logic_error("to_le: integer does not fit the byte length");
  std::vector<uint8_t> out(len, 0);
  const size_t w = word_size(len);
  mpz_export(out.data(), nullptr, -1, w, -1, 0, x.get_mpz_t());
  return out;
}

std::vector<uint8_t> to_be(const mpz_class& x, size_t len) {
  std::vector<uint8_t> out = to_le(x, len);
  std::reverse(out.begin(), out.end());
  return out;
}

mpz_class from_hex(const char* hex) { return mpz_class(hex, 16); }

mpz_class pow_mod(const mpz_class& base, const mpz_class& exp, const mpz_class& m) {
  mpz_class r;
  mpz_powm(r.get_mpz_t(), base.get_mpz_t(), exp.get_mpz_t(), m.get_mpz_t());
  return r;
}

mpz_class inverse_mod_prime(const mpz_class& x, const mpz_class& p) {
  mpz_class r;
  if (mpz_invert(r.get_mpz_t(), x.get_mpz_t(), p.get_mpz_t()) == 0) r = 0;
  return r;
}

mpz_class mod(const mpz_class& x, const mpz_class& m) {
  mpz_class r;
  mpz_mod(r.get_mpz_t(), x.get_mpz_t(), m.get_mpz_t());
  return r;
}

}  // namespace zkgpu::zkvm::precompiles
