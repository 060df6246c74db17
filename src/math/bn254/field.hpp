#pragma once
// A 256-bit prime field in Montgomery form (R = 2^256), generic over a
// parameters struct:
//   ZK_HD_CONSTEXPR static U256 modulus();    p
//   ZK_HD_CONSTEXPR static U256 r2();         R^2 mod p
//   ZK_HD_CONSTEXPR static U256 one();        R mod p (Montgomery 1)
//   static constexpr uint64_t inv;            -p^-1 mod 2^64
// Requires p < 2^254 (true for both BN254 fields), so sums of two reduced
// values never overflow 256 bits. Values are always fully reduced (< p), which
// makes the limb representation unique: equality is limb equality.
#include <cstdint>

#include "math/bn254/mont_device.hpp"
#include "math/bn254/u256.hpp"
#include "math/hd.hpp"

namespace zkgpu::bn254 {

template <class P>
struct Fp {
  uint64_t limbs[4];

  using Params = P;

  ZK_HD_CONSTEXPR static Fp zero() { return Fp{{0, 0, 0, 0}}; }
  ZK_HD_CONSTEXPR static Fp one() {
    const U256 o = P::one();
    return Fp{{o.limbs[0], o.limbs[1], o.limbs[2], o.limbs[3]}};
  }

  ZK_HD bool is_zero() const { return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0; }
  friend ZK_HD bool operator==(const Fp& a, const Fp& b) {
    return ((a.limbs[0] ^ b.limbs[0]) | (a.limbs[1] ^ b.limbs[1]) | (a.limbs[2] ^ b.limbs[2]) |
            (a.limbs[3] ^ b.limbs[3])) == 0;
  }
  friend ZK_HD bool operator!=(const Fp& a, const Fp& b) { return !(a == b); }

  // True when v < p (a valid canonical encoding).
  ZK_HD static bool is_canonical(const U256& v) { return detail::lt(v, P::modulus()); }

  // Canonical integer -> Montgomery form. Any 256-bit input is accepted and
  // reduced mod p (callers validate with is_canonical where that matters); it
  // is the second factor, which mont_mul allows to be >= p.
  ZK_HD static Fp from_canonical(const U256& v) {
    const U256 r2 = P::r2();
    return mont_mul(Fp{{r2.limbs[0], r2.limbs[1], r2.limbs[2], r2.limbs[3]}},
                    Fp{{v.limbs[0], v.limbs[1], v.limbs[2], v.limbs[3]}});
  }
  ZK_HD static Fp from_u64(uint64_t v) { return from_canonical(U256{{v, 0, 0, 0}}); }
  // Montgomery limbs taken as they are (e.g. snarkjs files store Montgomery form).
  ZK_HD static Fp from_montgomery(const U256& m) { return Fp{{m.limbs[0], m.limbs[1], m.limbs[2], m.limbs[3]}}; }

  ZK_HD U256 to_canonical() const {
    const Fp r = mont_mul(*this, Fp{{1, 0, 0, 0}});
    return U256{{r.limbs[0], r.limbs[1], r.limbs[2], r.limbs[3]}};
  }
  ZK_HD U256 montgomery() const { return U256{{limbs[0], limbs[1], limbs[2], limbs[3]}}; }

  friend ZK_HD Fp operator+(const Fp& a, const Fp& b) {
#if defined(__CUDA_ARCH__)
    return from_words(mont_device::add(words(a), words(b), words_p()));
#else
    Fp r;
    uint64_t c = 0;
ZK_BN254_UNROLL
    for (int i = 0; i < 4; ++i) r.limbs[i] = detail::adc(a.limbs[i], b.limbs[i], c);
    return r.reduce_once();
#endif
  }

  friend ZK_HD Fp operator-(const Fp& a, const Fp& b) {
#if defined(__CUDA_ARCH__)
    return from_words(mont_device::sub(words(a), words(b), words_p()));
#else
    Fp r;
    uint64_t borrow = 0;
ZK_BN254_UNROLL
    for (int i = 0; i < 4; ++i) r.limbs[i] = detail::sbb(a.limbs[i], b.limbs[i], borrow);
    // Add p back when the subtraction wrapped; mask instead of branch.
    const U256 p = P::modulus();
    const uint64_t mask = 0 - borrow;
    uint64_t c = 0;
ZK_BN254_UNROLL
    for (int i = 0; i < 4; ++i) r.limbs[i] = detail::adc(r.limbs[i], p.limbs[i] & mask, c);
    return r;
#endif
  }

  ZK_HD Fp operator-() const { return zero() - *this; }
  friend ZK_HD Fp operator*(const Fp& a, const Fp& b) { return mont_mul(a, b); }
  ZK_HD Fp& operator+=(const Fp& b) { return *this = *this + b; }
  ZK_HD Fp& operator-=(const Fp& b) { return *this = *this - b; }
  ZK_HD Fp& operator*=(const Fp& b) { return *this = mont_mul(*this, b); }

  ZK_HD Fp sqr() const { return mont_mul(*this, *this); }
  ZK_HD Fp dbl() const { return *this + *this; }

  // this^e for a plain 256-bit exponent (square-and-multiply, MSB first).
  ZK_HD Fp pow(const U256& e) const {
    Fp r = one();
    for (int i = 255; i >= 0; --i) {
      r = r.sqr();
      if (e.bit(unsigned(i))) r = r * *this;
    }
    return r;
  }
  ZK_HD Fp pow(uint64_t e) const { return pow(U256{{e, 0, 0, 0}}); }

  // Multiplicative inverse by Fermat (this^(p-2)); the inverse of 0 is 0, so
  // callers that must reject 0 check is_zero() first.
  ZK_HD Fp inverse() const {
    U256 e = P::modulus();
    e.limbs[0] -= 2;  // the low limb of both moduli is > 2: no borrow
    return pow(e);
  }

  // Montgomery product a * b * R^-1 mod p (CIOS; 4 x 64-bit limbs on the host,
  // 8 x 32-bit words on the device). a < p; b may be any 256-bit value.
  ZK_HD static Fp mont_mul(const Fp& a, const Fp& b) {
#if defined(__CUDA_ARCH__)
    return from_words(mont_device::mul(words(a), words(b), words_p(), uint32_t(P::inv)));
#else
    const U256 p = P::modulus();
    uint64_t t[6] = {0, 0, 0, 0, 0, 0};
ZK_BN254_UNROLL
    for (int i = 0; i < 4; ++i) {
      uint64_t c = 0;
ZK_BN254_UNROLL
      for (int j = 0; j < 4; ++j) t[j] = detail::mac(t[j], a.limbs[j], b.limbs[i], c);
      uint64_t c2 = 0;
      t[4] = detail::adc(t[4], c, c2);
      t[5] = c2;
      const uint64_t m = t[0] * P::inv;
      c = 0;
      (void)detail::mac(t[0], m, p.limbs[0], c);
ZK_BN254_UNROLL
      for (int j = 1; j < 4; ++j) t[j - 1] = detail::mac(t[j], m, p.limbs[j], c);
      c2 = 0;
      t[3] = detail::adc(t[4], c, c2);
      t[4] = t[5] + c2;
    }
    Fp r{{t[0], t[1], t[2], t[3]}};
    return r.reduce_once();
#endif
  }

 private:
#if defined(__CUDA_ARCH__)
  __device__ __forceinline__ static mont_device::Words words(const Fp& a) { return mont_device::split(a.limbs); }
  __device__ __forceinline__ static mont_device::Words words_p() {
    constexpr U256 p = P::modulus();
    return mont_device::split(p.limbs);
  }
  __device__ __forceinline__ static Fp from_words(const mont_device::Words& w) {
    Fp r;
    mont_device::join(w, r.limbs);
    return r;
  }
#endif

  // this - p if this >= p (inputs < 2p).
  ZK_HD Fp reduce_once() const {
    const U256 p = P::modulus();
    Fp s;
    uint64_t borrow = 0;
ZK_BN254_UNROLL
    for (int i = 0; i < 4; ++i) s.limbs[i] = detail::sbb(limbs[i], p.limbs[i], borrow);
    return borrow ? *this : s;
  }
};

}  // namespace zkgpu::bn254
