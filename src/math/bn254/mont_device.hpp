#pragma once
// Device arithmetic for the 256-bit Montgomery fields (field.hpp): the same
// values as the host code, computed on 8 x 32-bit words with the GPU's carry
// chains (PTX add.cc / madc), which the 64-bit host formulation (64-bit
// products emulated, carries found by comparisons) leaves unused.
//
// Words are the 64-bit limbs split low half first, so a uint64_t[4] and a
// uint32_t[8] hold the same integer. The carry flag lives only inside one
// straight-line sequence of asm statements with nothing in between that could
// clobber it (the usual practice for multi-word PTX arithmetic).
#if defined(__CUDA_ARCH__)
#include <cstdint>

namespace zkgpu::bn254::mont_device {

struct Words {
  uint32_t w[8];
};

__device__ __forceinline__ Words split(const uint64_t (&l)[4]) {
  Words r;
#pragma unroll
  for (int i = 0; i < 4; ++i) {
    r.w[2 * i] = uint32_t(l[i]);
    r.w[2 * i + 1] = uint32_t(l[i] >> 32);
  }
  return r;
}

__device__ __forceinline__ void join(const Words& r, uint64_t (&l)[4]) {
#pragma unroll
  for (int i = 0; i < 4; ++i) l[i] = uint64_t(r.w[2 * i]) | (uint64_t(r.w[2 * i + 1]) << 32);
}

// r = x - p when that does not borrow, else x (x < 2p).
__device__ __forceinline__ Words reduce_once(const Words& x, const Words& p) {
  Words s;
  uint32_t borrow;
  asm volatile("sub.cc.u32 %0, %1, %2;" : "=r"(s.w[0]) : "r"(x.w[0]), "r"(p.w[0]));
#pragma unroll
  for (int i = 1; i < 8; ++i) asm volatile("subc.cc.u32 %0, %1, %2;" : "=r"(s.w[i]) : "r"(x.w[i]), "r"(p.w[i]));
  asm volatile("subc.u32 %0, 0, 0;" : "=r"(borrow));
  Words r;
#pragma unroll
  for (int i = 0; i < 8; ++i) r.w[i] = borrow ? x.w[i] : s.w[i];
  return r;
}

// (a + b) mod p for a, b < p < 2^254 (the sum cannot carry out of 256 bits).
__device__ __forceinline__ Words add(const Words& a, const Words& b, const Words& p) {
  Words s;
  asm volatile("add.cc.u32 %0, %1, %2;" : "=r"(s.w[0]) : "r"(a.w[0]), "r"(b.w[0]));
#pragma unroll
  for (int i = 1; i < 7; ++i) asm volatile("addc.cc.u32 %0, %1, %2;" : "=r"(s.w[i]) : "r"(a.w[i]), "r"(b.w[i]));
  asm volatile("addc.u32 %0, %1, %2;" : "=r"(s.w[7]) : "r"(a.w[7]), "r"(b.w[7]));
  return reduce_once(s, p);
}

// (a - b) mod p for a, b < p: p is added back when the difference borrows.
__device__ __forceinline__ Words sub(const Words& a, const Words& b, const Words& p) {
  Words d;
  uint32_t borrow;
  asm volatile("sub.cc.u32 %0, %1, %2;" : "=r"(d.w[0]) : "r"(a.w[0]), "r"(b.w[0]));
#pragma unroll
  for (int i = 1; i < 8; ++i) asm volatile("subc.cc.u32 %0, %1, %2;" : "=r"(d.w[i]) : "r"(a.w[i]), "r"(b.w[i]));
  asm volatile("subc.u32 %0, 0, 0;" : "=r"(borrow));
  Words q;
#pragma unroll
  for (int i = 0; i < 8; ++i) q.w[i] = p.w[i] & borrow;
  asm volatile("add.cc.u32 %0, %0, %1;" : "+r"(d.w[0]) : "r"(q.w[0]));
#pragma unroll
  for (int i = 1; i < 7; ++i) asm volatile("addc.cc.u32 %0, %0, %1;" : "+r"(d.w[i]) : "r"(q.w[i]));
  asm volatile("addc.u32 %0, %0, %1;" : "+r"(d.w[7]) : "r"(q.w[7]));
  return d;
}

// t[0..8] += x * y (t[8] takes the carries; the caller's bounds keep them in it).
__device__ __forceinline__ void mul_row(uint32_t (&t)[9], const Words& x, uint32_t y) {
  asm volatile("mad.lo.cc.u32 %0, %1, %2, %0;" : "+r"(t[0]) : "r"(x.w[0]), "r"(y));
#pragma unroll
  for (int j = 1; j < 8; ++j) asm volatile("madc.lo.cc.u32 %0, %1, %2, %0;" : "+r"(t[j]) : "r"(x.w[j]), "r"(y));
  asm volatile("addc.u32 %0, %0, 0;" : "+r"(t[8]));
  asm volatile("mad.hi.cc.u32 %0, %1, %2, %0;" : "+r"(t[1]) : "r"(x.w[0]), "r"(y));
#pragma unroll
  for (int j = 1; j < 7; ++j) asm volatile("madc.hi.cc.u32 %0, %1, %2, %0;" : "+r"(t[j + 1]) : "r"(x.w[j]), "r"(y));
  asm volatile("madc.hi.u32 %0, %1, %2, %0;" : "+r"(t[8]) : "r"(x.w[7]), "r"(y));
}

// Montgomery product a * b / 2^256 mod p (CIOS over 32-bit words), with
// inv = -p^-1 mod 2^32. Requires a < p < 2^254 (b may be any 256-bit value):
// then the running sum stays below 2 (a + p) 2^32 < 2^288 and fits t[0..8],
// and the result before the final subtraction is below a + p < 2p.
__device__ __forceinline__ Words mul(const Words& a, const Words& b, const Words& p, uint32_t inv) {
  uint32_t t[9] = {0, 0, 0, 0, 0, 0, 0, 0, 0};
#pragma unroll
  for (int i = 0; i < 8; ++i) {
    mul_row(t, a, b.w[i]);
    mul_row(t, p, t[0] * inv);  // makes t[0] zero
#pragma unroll
    for (int j = 0; j < 8; ++j) t[j] = t[j + 1];
    t[8] = 0;
  }
  Words r;
#pragma unroll
  for (int j = 0; j < 8; ++j) r.w[j] = t[j];
  return reduce_once(r, p);
}

}  // namespace zkgpu::bn254::mont_device
#endif
