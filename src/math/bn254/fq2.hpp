#pragma once
// Fq2 = Fq[u] / (u^2 + 1), the field of G2's coordinates. c0 + c1 * u.
#include "math/bn254/field.hpp"
#include "math/hd.hpp"

namespace zkgpu::bn254 {

template <class F>
struct QuadExt {
  F c0, c1;

  ZK_HD static QuadExt zero() { return {F::zero(), F::zero()}; }
  ZK_HD static QuadExt one() { return {F::one(), F::zero()}; }
  ZK_HD bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
  friend ZK_HD bool operator==(const QuadExt& a, const QuadExt& b) { return a.c0 == b.c0 && a.c1 == b.c1; }
  friend ZK_HD bool operator!=(const QuadExt& a, const QuadExt& b) { return !(a == b); }

  friend ZK_HD QuadExt operator+(const QuadExt& a, const QuadExt& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
  friend ZK_HD QuadExt operator-(const QuadExt& a, const QuadExt& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
  ZK_HD QuadExt operator-() const { return {-c0, -c1}; }
  // Karatsuba: 3 base multiplications.
  friend ZK_HD QuadExt operator*(const QuadExt& a, const QuadExt& b) {
    const F v0 = a.c0 * b.c0;
    const F v1 = a.c1 * b.c1;
    return {v0 - v1, (a.c0 + a.c1) * (b.c0 + b.c1) - v0 - v1};
  }
  ZK_HD QuadExt& operator+=(const QuadExt& b) { return *this = *this + b; }
  ZK_HD QuadExt& operator-=(const QuadExt& b) { return *this = *this - b; }
  ZK_HD QuadExt& operator*=(const QuadExt& b) { return *this = *this * b; }

  // (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u
  ZK_HD QuadExt sqr() const { return {(c0 + c1) * (c0 - c1), (c0 * c1).dbl()}; }
  ZK_HD QuadExt dbl() const { return {c0.dbl(), c1.dbl()}; }
  ZK_HD QuadExt mul_base(const F& s) const { return {c0 * s, c1 * s}; }
  ZK_HD QuadExt conjugate() const { return {c0, -c1}; }
  // 1 / (c0 + c1 u) = (c0 - c1 u) / (c0^2 + c1^2); the inverse of 0 is 0.
  ZK_HD QuadExt inverse() const {
    const F n = (c0.sqr() + c1.sqr()).inverse();
    return {c0 * n, -(c1 * n)};
  }
};

}  // namespace zkgpu::bn254
