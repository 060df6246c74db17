#pragma once
// Device arithmetic for the 256-bit Montgomery fields (field.hpp): the same
// values as the host code, computed on 8 x 32-bit words with the GPU's carry
// chains (PTX add.cc / madc), which the 64-bit host formulation (64-bit
// products emulated, carries found by comparisons) leaves unused.
//
// Words are the 64-bit limbs split low half first, so a uint64_t[4] and a
// uint32_t[8] hold the same integer. The carry flag lives only inside one
// straight-line sequence of asm statements with nothing in between that could
// clobber it (the usual practice for multi-word PTX arithmetic); in the product
// each carry chain is a single asm statement.
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

// acc[0..8] += (x0 + x1 2^64 + x2 2^128 + x3 2^192) * y: four products on the
// disjoint word pairs (0,1), (2,3), (4,5), (6,7) of one carry chain (each pair one
// 64-bit multiply-add with carry), the carry out into acc[8]. The caller's bounds
// keep the sum below 2^288.
__device__ __forceinline__ void mad_pairs(uint32_t (&acc)[9], uint32_t x0, uint32_t x1, uint32_t x2, uint32_t x3,
                                          uint32_t y) {
  asm("mad.lo.cc.u32 %0, %9, %13, %0;\n\t"
      "madc.hi.cc.u32 %1, %9, %13, %1;\n\t"
      "madc.lo.cc.u32 %2, %10, %13, %2;\n\t"
      "madc.hi.cc.u32 %3, %10, %13, %3;\n\t"
      "madc.lo.cc.u32 %4, %11, %13, %4;\n\t"
      "madc.hi.cc.u32 %5, %11, %13, %5;\n\t"
      "madc.lo.cc.u32 %6, %12, %13, %6;\n\t"
      "madc.hi.cc.u32 %7, %12, %13, %7;\n\t"
      "addc.u32 %8, %8, 0;"
      : "+r"(acc[0]), "+r"(acc[1]), "+r"(acc[2]), "+r"(acc[3]), "+r"(acc[4]), "+r"(acc[5]), "+r"(acc[6]),
        "+r"(acc[7]), "+r"(acc[8])
      : "r"(x0), "r"(x1), "r"(x2), "r"(x3), "r"(y));
}

// Montgomery product a * b / 2^256 mod p (CIOS over 32-bit words), with
// inv = -p^-1 mod 2^32. Requires a < p < 2^254; b may be any 256-bit value.
//
// Why it is laid out this way: the GPU has no multiply-add that both takes and
// gives a carry on one 32-bit word, so a chain of separate mad.lo.cc / mad.hi.cc
// rows costs a multiply and a carry add per word. A product whose low and high
// halves go to two adjacent words of the same carry chain is one 64-bit
// multiply-add with carry in and out (IMAD.WIDE.U32.X). So every row x * y is
// split by the parity of the word index: the even-indexed words of x land on
// disjoint word pairs of one accumulator B (absolute words 0..8), the
// odd-indexed ones on disjoint pairs of a second accumulator C (absolute words
// 1..9). Absolute word 0 lies only in B, so the reduction factor m reads B[0]
// alone; after the division by 2^32, C is word-aligned and becomes the next B,
// and B's upper words are left over as L (absolute 0..7), which the next row
// takes as the addends of its odd chain (L[0], at absolute 0, is added to B[0]
// and its carry enters the odd chain at absolute 1). The running sum stays the
// usual CIOS value (below 2^288 before each division, below 2p at the end), so
// B's top word and C's carry word never overflow.
__device__ __forceinline__ Words mul(const Words& a, const Words& b, const Words& p, uint32_t inv) {
  uint32_t B[9], C[9], L[8];
  // Row 0 on empty accumulators: the products alone, no carries.
#pragma unroll
  for (int k = 0; k < 4; ++k) {
    asm("mul.lo.u32 %0, %2, %3;\n\t"
        "mul.hi.u32 %1, %2, %3;\n\t"
        : "=r"(B[2 * k]), "=r"(B[2 * k + 1])
        : "r"(a.w[2 * k]), "r"(b.w[0]));
    asm("mul.lo.u32 %0, %2, %3;\n\t"
        "mul.hi.u32 %1, %2, %3;\n\t"
        : "=r"(C[2 * k]), "=r"(C[2 * k + 1])
        : "r"(a.w[2 * k + 1]), "r"(b.w[0]));
  }
  B[8] = 0;
#pragma unroll
  for (int i = 0; i < 8; ++i) {
    if (i > 0) {
      const uint32_t bi = b.w[i];
      // L[0] into B[0], its carry and L[1..7] into the odd chain (a fresh C).
      asm("add.cc.u32 %0, %0, %9;\n\t"
          "madc.lo.cc.u32 %1, %17, %21, %10;\n\t"
          "madc.hi.cc.u32 %2, %17, %21, %11;\n\t"
          "madc.lo.cc.u32 %3, %18, %21, %12;\n\t"
          "madc.hi.cc.u32 %4, %18, %21, %13;\n\t"
          "madc.lo.cc.u32 %5, %19, %21, %14;\n\t"
          "madc.hi.cc.u32 %6, %19, %21, %15;\n\t"
          "madc.lo.cc.u32 %7, %20, %21, %16;\n\t"
          "madc.hi.u32 %8, %20, %21, 0;"
          : "+r"(B[0]), "=r"(C[0]), "=r"(C[1]), "=r"(C[2]), "=r"(C[3]), "=r"(C[4]), "=r"(C[5]), "=r"(C[6]),
            "=r"(C[7])
          : "r"(L[0]), "r"(L[1]), "r"(L[2]), "r"(L[3]), "r"(L[4]), "r"(L[5]), "r"(L[6]), "r"(L[7]),
            "r"(a.w[1]), "r"(a.w[3]), "r"(a.w[5]), "r"(a.w[7]), "r"(bi));
      // The even chain into B.
      mad_pairs(B, a.w[0], a.w[2], a.w[4], a.w[6], bi);
    }
    C[8] = 0;
    const uint32_t m = B[0] * inv;
    // B += even words of p times m (B[0] becomes 0), C += the odd ones.
    mad_pairs(B, p.w[0], p.w[2], p.w[4], p.w[6], m);
    mad_pairs(C, p.w[1], p.w[3], p.w[5], p.w[7], m);
    // Divide by 2^32: B[0] is zero.
#pragma unroll
    for (int k = 0; k < 8; ++k) L[k] = B[k + 1];
#pragma unroll
    for (int k = 0; k < 9; ++k) B[k] = C[k];
  }
  // t = B + L < 2p < 2^256: B[8] is zero and the sum has no carry out.
  Words r;
  asm("add.cc.u32 %0, %8, %16;\n\t"
      "addc.cc.u32 %1, %9, %17;\n\t"
      "addc.cc.u32 %2, %10, %18;\n\t"
      "addc.cc.u32 %3, %11, %19;\n\t"
      "addc.cc.u32 %4, %12, %20;\n\t"
      "addc.cc.u32 %5, %13, %21;\n\t"
      "addc.cc.u32 %6, %14, %22;\n\t"
      "addc.u32 %7, %15, %23;"
      : "=r"(r.w[0]), "=r"(r.w[1]), "=r"(r.w[2]), "=r"(r.w[3]), "=r"(r.w[4]), "=r"(r.w[5]), "=r"(r.w[6]),
        "=r"(r.w[7])
      : "r"(B[0]), "r"(B[1]), "r"(B[2]), "r"(B[3]), "r"(B[4]), "r"(B[5]), "r"(B[6]), "r"(B[7]), "r"(L[0]),
        "r"(L[1]), "r"(L[2]), "r"(L[3]), "r"(L[4]), "r"(L[5]), "r"(L[6]), "r"(L[7]));
  return reduce_once(r, p);
}

}  // namespace zkgpu::bn254::mont_device
#endif
