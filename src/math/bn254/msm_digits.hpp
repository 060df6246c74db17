#pragma once
// Signed-digit window decomposition of Fr scalars for Pippenger's method,
// shared by the CPU and CUDA MSMs.
//
// With window size c, a scalar s < r < 2^254 is written s = sum_i d_i 2^(c i)
// over window_count(c) = ceil(255 / c) windows, d_i in [-2^(c-1), 2^(c-1)]:
// each window's c bits plus the carry from below, minus 2^c (carry 1 upward)
// when above 2^(c-1). Since bit 254 of s is 0 the top window never carries out.
// A digit d selects bucket |d| (1 .. 2^(c-1)) and the sign of the point.
#include <cstdint>

#include "math/bn254/u256.hpp"
#include "math/hd.hpp"

namespace zkgpu::bn254 {

ZK_HD unsigned msm_window_count(unsigned c) { return (255 + c - 1) / c; }

// Bits [offset, offset + c) of s, c <= 32; bits past 255 read as 0.
ZK_HD uint32_t msm_window_bits(const U256& s, unsigned offset, unsigned c) {
  if (offset >= 256) return 0;
  const unsigned limb = offset >> 6, sh = offset & 63;
  uint64_t v = s.limbs[limb] >> sh;
  if (sh + c > 64 && limb < 3) v |= s.limbs[limb + 1] << (64 - sh);
  return uint32_t(v & ((uint64_t(1) << c) - 1));
}

// Writes the msm_window_count(c) signed digits of s, lowest window first.
ZK_HD void msm_signed_digits(const U256& s, unsigned c, int32_t* digits) {
  const unsigned windows = msm_window_count(c);
  const uint32_t half = uint32_t(1) << (c - 1);
  uint32_t carry = 0;
  for (unsigned w = 0; w < windows; ++w) {
    const uint32_t raw = msm_window_bits(s, w * c, c) + carry;
    carry = raw > half;
    digits[w] = carry ? int32_t(raw) - int32_t(uint32_t(1) << c) : int32_t(raw);
  }
}

// The digit of window w alone (recomputes the carry chain below it).
ZK_HD int32_t msm_signed_digit(const U256& s, unsigned c, unsigned w) {
  const uint32_t half = uint32_t(1) << (c - 1);
  uint32_t carry = 0;
  int32_t d = 0;
  for (unsigned i = 0; i <= w; ++i) {
    const uint32_t raw = msm_window_bits(s, i * c, c) + carry;
    carry = raw > half;
    d = carry ? int32_t(raw) - int32_t(uint32_t(1) << c) : int32_t(raw);
  }
  return d;
}

}  // namespace zkgpu::bn254
