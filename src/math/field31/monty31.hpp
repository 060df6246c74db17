#pragma once
// Montgomery-form arithmetic for 31-bit prime fields, usable from host C++ and
// CUDA device code. The representation follows Plonky3's MontyField31
// (Plonky3/Plonky3 monty-31/src/monty_31.rs): an element x is stored as
// v = x * 2^32 mod p, with 0 <= v < p, so the stored words are bit-identical to
// Plonky3's. Parameters (p, generator, two-adic generators) come from a params
// struct, see params.hpp.
#include <cstdint>

#include "math/hd.hpp"

namespace zkgpu::f31 {

namespace detail {

// p^-1 mod 2^32 by Newton iteration (each step doubles the correct low bits).
ZK_HD_CONSTEXPR uint32_t inverse_mod_2_32(uint32_t p) {
  uint32_t inv = p;  // correct to 3 bits for odd p
  for (int i = 0; i < 5; ++i) inv *= 2u - p * inv;
  return inv;
}

ZK_HD uint32_t umin(uint32_t a, uint32_t b) { return a < b ? a : b; }

ZK_HD uint32_t mulhi(uint32_t a, uint32_t b) {
#if defined(__CUDA_ARCH__)
  return __umulhi(a, b);
#else
  return uint32_t((uint64_t(a) * b) >> 32);
#endif
}

}  // namespace detail

template <class P>
struct Monty31 {
  using Params = P;
  static constexpr uint32_t kP = P::kP;
  // Plonky3's MONTY_MU: p^-1 mod 2^32 (not -p^-1), so the reduction subtracts.
  static constexpr uint32_t kMu = detail::inverse_mod_2_32(P::kP);
  // 2^32 mod p: the Montgomery form of 1.
  static constexpr uint32_t kR = uint32_t((uint64_t(1) << 32) % P::kP);
  // Shoup's quotient of kR: floor(kR * 2^32 / p).
  static constexpr uint32_t kRQuot = uint32_t((uint64_t(kR) << 32) / P::kP);
  static_assert(P::kP < (1u << 31) && (P::kP & 1u), "31-bit odd prime expected");
  static_assert(kMu * P::kP == 1u, "mu must be p^-1 mod 2^32");

  uint32_t v;  // Montgomery form, 0 <= v < p

  // Montgomery reduction of x_hi * 2^32 + x_lo < p * 2^32: returns x * 2^-32 mod p in [0, p).
  // t = x_lo * mu makes t * p agree with x in the low word, so x - t*p is exact
  // in the high word: x_hi - hi(t*p), corrected by +p on borrow.
  static ZK_HD uint32_t reduce(uint32_t x_hi, uint32_t x_lo) {
    const uint32_t t = x_lo * kMu;
    const uint32_t u_hi = detail::mulhi(t, kP);
    const uint32_t r = x_hi - u_hi;
    return x_hi < u_hi ? r + kP : r;
  }
  static ZK_HD uint32_t mont_mul(uint32_t a, uint32_t b) { return reduce(detail::mulhi(a, b), a * b); }

  static ZK_HD Monty31 from_raw(uint32_t mont) { return Monty31{mont}; }
  // x * 2^32 mod p by Shoup's method with the constant kR = 2^32 mod p:
  // q = floor(x * kRQuot / 2^32) is floor(x * kR / p) or one less, so x * kR - q * p
  // lies in [0, 2p) and is exact in 32 bits. One high-word and two low-word
  // multiplies, where a Montgomery product by R^2 needs a full product, a low-word
  // and a high-word one. Correct for any 32-bit x; callers validate untrusted input.
  static ZK_HD Monty31 from_canonical(uint32_t x) {
    const uint32_t r = x * kR - detail::mulhi(x, kRQuot) * kP;
    return Monty31{detail::umin(r, r - kP)};
  }
  ZK_HD uint32_t to_canonical() const { return reduce(0, v); }

  static ZK_HD Monty31 zero() { return Monty31{0}; }
  static ZK_HD Monty31 one() { return Monty31{kR}; }
  static ZK_HD Monty31 generator() { return from_canonical(P::kGenerator); }
  // A generator of the subgroup of order 2^bits; bits <= P::kTwoAdicity.
  static ZK_HD Monty31 two_adic_generator(unsigned bits) { return from_canonical(P::two_adic_generator(bits)); }

  ZK_HD bool is_zero() const { return v == 0; }
  ZK_HD friend bool operator==(Monty31 a, Monty31 b) { return a.v == b.v; }
  ZK_HD friend bool operator!=(Monty31 a, Monty31 b) { return a.v != b.v; }

  // a + b < 2^32 since p < 2^31; min(s, s - p) picks the reduced value
  // (s - p wraps above s when s < p).
  ZK_HD friend Monty31 operator+(Monty31 a, Monty31 b) {
    const uint32_t s = a.v + b.v;
    return Monty31{detail::umin(s, s - kP)};
  }
  // a - b wraps when a < b; then d + p is the (smaller) correct value.
  ZK_HD friend Monty31 operator-(Monty31 a, Monty31 b) {
    const uint32_t d = a.v - b.v;
    return Monty31{detail::umin(d, d + kP)};
  }
  ZK_HD friend Monty31 operator*(Monty31 a, Monty31 b) { return Monty31{mont_mul(a.v, b.v)}; }
  ZK_HD Monty31 operator-() const { return zero() - *this; }
  ZK_HD Monty31& operator+=(Monty31 b) { return *this = *this + b; }
  ZK_HD Monty31& operator-=(Monty31 b) { return *this = *this - b; }
  ZK_HD Monty31& operator*=(Monty31 b) { return *this = *this * b; }

  ZK_HD Monty31 square() const { return *this * *this; }
  ZK_HD Monty31 pow(uint64_t e) const {
    Monty31 base = *this, acc = one();
    while (e) {
      if (e & 1) acc *= base;
      base = base.square();
      e >>= 1;
    }
    return acc;
  }
  // Fermat inverse x^(p-2); the inverse of 0 is 0 (callers reject 0 where it matters).
  ZK_HD Monty31 inverse() const { return pow(kP - 2); }
};

// Montgomery batch inversion: out[i] = in[i]^-1 with one field inversion.
// Every input must be nonzero; in and out must not overlap.
template <class F>
inline void batch_inverse(const F* in, F* out, uint64_t n) {
  if (n == 0) return;
  F acc = F::one();
  for (uint64_t i = 0; i < n; ++i) {
    out[i] = acc;  // product of in[0..i)
    acc *= in[i];
  }
  F inv = acc.inverse();
  for (uint64_t i = n; i-- > 0;) {
    const F x = in[i];
    out[i] *= inv;  // prefix(i) / prefix(i+1) = 1 / in[i]
    inv *= x;
  }
}

}  // namespace zkgpu::f31
