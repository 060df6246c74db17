// Byte <-> integer conversions and the modular helpers shared by the precompiles
// and hooks. Integers are GMP's mpz_class; the guest's byte orders are explicit
// in the names (SP1's precompiles use little-endian, most hooks big-endian).
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace zkgpu::zkvm::precompiles {

mpz_class from_le(std::span<const uint8_t> bytes);
mpz_class from_be(std::span<const uint8_t> bytes);

// `x` as exactly `len` bytes, zero-padded. Precondition: 0 <= x < 2^(8 len).
std::vector<uint8_t> to_le(const mpz_class& x, size_t len);
std::vector<uint8_t> to_be(const mpz_class& x, size_t len);

// A constant written in hexadecimal (no prefix).
mpz_class from_hex(const char* hex);

// base^exp mod m for m > 0 (GMP's mpz_powm; base may be any non-negative integer).
mpz_class pow_mod(const mpz_class& base, const mpz_class& exp, const mpz_class& m);

// x^(p-2) mod p for prime p: the inverse of x, and 0 for x = 0 mod p (SP1 computes
// inverses this way and so never fails on zero; callers that must fail check first).
// Computed with the extended gcd, which gives the same value faster.
mpz_class inverse_mod_prime(const mpz_class& x, const mpz_class& p);

// x mod m in [0, m) for m > 0, also for negative x.
mpz_class mod(const mpz_class& x, const mpz_class& m);

}  // namespace zkgpu::zkvm::precompiles
