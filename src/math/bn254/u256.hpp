#pragma once
// 256-bit unsigned integers as 4 x 64-bit little-endian limbs, and the
// carry-propagating primitives the Montgomery fields are built from. Host code
// uses 128-bit products; device code uses __umul64hi.
#include <cstdint>

#include "math/hd.hpp"

// Full unrolling of the fixed 4-limb loops on the device (host compilers unroll
// these on their own).
#if defined(__CUDACC__)
#define ZK_BN254_UNROLL _Pragma("unroll")
#else
#define ZK_BN254_UNROLL
#endif

namespace zkgpu::bn254 {

// A plain 256-bit integer (limbs[0] least significant). Used for canonical
// (non-Montgomery) field values: scalars, file formats, JSON.
struct U256 {
  uint64_t limbs[4];

  ZK_HD bool is_zero() const { return (limbs[0] | limbs[1] | limbs[2] | limbs[3]) == 0; }
  ZK_HD bool bit(unsigned i) const { return (limbs[i >> 6] >> (i & 63)) & 1; }
  friend ZK_HD bool operator==(const U256& a, const U256& b) {
    return ((a.limbs[0] ^ b.limbs[0]) | (a.limbs[1] ^ b.limbs[1]) | (a.limbs[2] ^ b.limbs[2]) |
            (a.limbs[3] ^ b.limbs[3])) == 0;
  }
  friend ZK_HD bool operator!=(const U256& a, const U256& b) { return !(a == b); }
};

// Canonical scalar-field integer, 0 <= v < r.
using FrRaw = U256;
// Canonical base-field integer, 0 <= v < p.
using FqRaw = U256;

namespace detail {

#if !defined(__CUDA_ARCH__)
__extension__ typedef unsigned __int128 u128;
#endif

// a + b + carry_in; carry_out in {0, 1}.
ZK_HD uint64_t adc(uint64_t a, uint64_t b, uint64_t& carry) {
  const uint64_t s = a + b;
  const uint64_t c1 = s < a;
  const uint64_t r = s + carry;
  carry = c1 | (r < s);
  return r;
}

// a - b - borrow_in; borrow_out in {0, 1}.
ZK_HD uint64_t sbb(uint64_t a, uint64_t b, uint64_t& borrow) {
  const uint64_t d = a - b;
  const uint64_t b1 = a < b;
  const uint64_t r = d - borrow;
  borrow = b1 | (d < borrow);
  return r;
}

// a + b * c + carry_in -> low word; carry = high word (cannot overflow).
ZK_HD uint64_t mac(uint64_t a, uint64_t b, uint64_t c, uint64_t& carry) {
#if defined(__CUDA_ARCH__)
  uint64_t lo = b * c;
  uint64_t hi = __umul64hi(b, c);
  lo += a;
  hi += lo < a;
  lo += carry;
  hi += lo < carry;
  carry = hi;
  return lo;
#else
  const u128 t = u128(b) * c + a + carry;
  carry = uint64_t(t >> 64);
  return uint64_t(t);
#endif
}

// a < b as 256-bit integers.
ZK_HD bool lt(const U256& a, const U256& b) {
  uint64_t borrow = 0;
  for (int i = 0; i < 4; ++i) (void)sbb(a.limbs[i], b.limbs[i], borrow);
  return borrow != 0;
}

}  // namespace detail
}  // namespace zkgpu::bn254
