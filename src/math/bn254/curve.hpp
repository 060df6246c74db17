#pragma once
// BN254 groups G1 (over Fq) and G2 (over Fq2, the sextic D-twist), both
// y^2 = x^3 + b with a = 0, in three representations sharing one template:
//  - Affine<F>   (x, y); the point at infinity is encoded (0, 0), as snarkjs does
//                (0, 0) is not on either curve since b != 0.
//  - Jacobian<F> (X, Y, Z): x = X/Z^2, y = Y/Z^3; infinity iff Z = 0.
//  - Xyzz<F>     (X, Y, ZZ, ZZZ): x = X/ZZ, y = Y/ZZZ with ZZ^3 = ZZZ^2;
//                infinity iff ZZ = 0. Cheapest for bucket accumulation.
// Formulas from the Explicit-Formulas Database (hyperelliptic.org/EFD,
// g1p/shortw-jacobian-0 and shortw-xyzz), with the exceptional cases (equal
// points, opposite points, infinity) handled explicitly.
// Constants: b = 3 for G1 and b' = 3 / (9 + u) for G2 (EIP-197); generators
// G1 = (1, 2) and G2 from EIP-197, stored here in Montgomery form (checked
// against the decimal values by the unit tests).
#include "math/bn254/fields.hpp"
#include "math/hd.hpp"

// Point additions and doublings are out-of-line on the device: inlining every
// one into every kernel multiplies compile time. A translation unit whose hot
// loops are point additions (the MSM) defines ZK_BN254_INLINE_POINT_OPS before
// including this header to have them inlined there.
#if defined(__CUDACC__) && defined(ZK_BN254_INLINE_POINT_OPS)
#define ZK_HD_POINT_OP __host__ __device__ __forceinline__
#elif defined(__CUDACC__)
#define ZK_HD_POINT_OP __host__ __device__ __noinline__
#else
#define ZK_HD_POINT_OP inline
#endif

namespace zkgpu::bn254 {

template <class F>
struct CurveB;

template <>
struct CurveB<Fq> {  // 3
  ZK_HD static Fq b() {
    return Fq{{0x7a17caa950ad28d7, 0x1f6ac17ae15521b9, 0x334bea4e696bd284, 0x2a1f6744ce179d8e}};
  }
};

template <>
struct CurveB<Fq2> {  // 3 / (9 + u)
  ZK_HD static Fq2 b() {
    return Fq2{Fq{{0x3bf938e377b802a8, 0x020b1b273633535d, 0x26b7edf049755260, 0x2514c6324384a86d}},
               Fq{{0x38e7ecccd1dcff67, 0x65f0b37d93ce0d3e, 0xd749d0dd22ac00aa, 0x0141b9ce4a688d4d}}};
  }
};

template <class F>
struct Affine {
  F x, y;

  ZK_HD static Affine infinity() { return {F::zero(), F::zero()}; }
  ZK_HD bool is_infinity() const { return x.is_zero() && y.is_zero(); }
  ZK_HD Affine operator-() const { return is_infinity() ? *this : Affine{x, -y}; }
  friend ZK_HD bool operator==(const Affine& a, const Affine& b) { return a.x == b.x && a.y == b.y; }
  friend ZK_HD bool operator!=(const Affine& a, const Affine& b) { return !(a == b); }
  // y^2 = x^3 + b (infinity counts as on the curve).
  ZK_HD bool is_on_curve() const { return is_infinity() || y.sqr() == x.sqr() * x + CurveB<F>::b(); }
};

template <class F>
struct Jacobian {
  F x, y, z;

  ZK_HD static Jacobian infinity() { return {F::one(), F::one(), F::zero()}; }
  ZK_HD static Jacobian from_affine(const Affine<F>& a) {
    return a.is_infinity() ? infinity() : Jacobian{a.x, a.y, F::one()};
  }
  ZK_HD bool is_infinity() const { return z.is_zero(); }
  ZK_HD Jacobian operator-() const { return {x, -y, z}; }

  // Y^2 = X^3 + b Z^6
  ZK_HD bool is_on_curve() const {
    if (is_infinity()) return true;
    const F z2 = z.sqr();
    const F z6 = z2.sqr() * z2;
    return y.sqr() == x.sqr() * x + CurveB<F>::b() * z6;
  }

  // Same point (projective equality by cross-multiplication).
  friend ZK_HD bool operator==(const Jacobian& a, const Jacobian& b) {
    if (a.is_infinity() || b.is_infinity()) return a.is_infinity() && b.is_infinity();
    const F az2 = a.z.sqr(), bz2 = b.z.sqr();
    return a.x * bz2 == b.x * az2 && a.y * (bz2 * b.z) == b.y * (az2 * a.z);
  }
  friend ZK_HD bool operator!=(const Jacobian& a, const Jacobian& b) { return !(a == b); }

  ZK_HD Affine<F> to_affine() const {
    if (is_infinity()) return Affine<F>::infinity();
    const F zi = z.inverse();
    const F zi2 = zi.sqr();
    return {x * zi2, y * zi2 * zi};
  }

  // dbl-2009-l (a = 0): 2M + 5S
  ZK_HD_POINT_OP Jacobian dbl() const {
    if (is_infinity()) return *this;
    const F a = x.sqr();
    const F b = y.sqr();
    const F c = b.sqr();
    const F d = ((x + b).sqr() - a - c).dbl();
    const F e = a.dbl() + a;
    const F f = e.sqr();
    const F x3 = f - d.dbl();
    const F c8 = c.dbl().dbl().dbl();
    return {x3, e * (d - x3) - c8, (y * z).dbl()};
  }

  // add-2007-bl: 11M + 5S
  friend ZK_HD_POINT_OP Jacobian operator+(const Jacobian& p, const Jacobian& q) {
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    const F z1z1 = p.z.sqr();
    const F z2z2 = q.z.sqr();
    const F u1 = p.x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F r = (s2 - s1).dbl();
    if (h.is_zero()) return r.is_zero() ? p.dbl() : infinity();
    const F i = h.dbl().sqr();
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = r.sqr() - j - v.dbl();
    const F y3 = r * (v - x3) - (s1 * j).dbl();
    const F z3 = ((p.z + q.z).sqr() - z1z1 - z2z2) * h;
    return {x3, y3, z3};
  }
  friend ZK_HD Jacobian operator-(const Jacobian& p, const Jacobian& q) { return p + (-q); }
  ZK_HD Jacobian& operator+=(const Jacobian& q) { return *this = *this + q; }

  // madd-2007-bl (q affine): 7M + 4S
  ZK_HD_POINT_OP Jacobian add_mixed(const Affine<F>& q) const {
    if (q.is_infinity()) return *this;
    if (is_infinity()) return from_affine(q);
    const F z1z1 = z.sqr();
    const F u2 = q.x * z1z1;
    const F s2 = q.y * z * z1z1;
    const F h = u2 - x;
    const F r = (s2 - y).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl() : infinity();
    const F hh = h.sqr();
    const F i = hh.dbl().dbl();
    const F j = h * i;
    const F v = x * i;
    const F x3 = r.sqr() - j - v.dbl();
    const F y3 = r * (v - x3) - (y * j).dbl();
    const F z3 = (z + h).sqr() - z1z1 - hh;
    return {x3, y3, z3};
  }
};

template <class F>
struct Xyzz {
  F x, y, zz, zzz;

  ZK_HD static Xyzz infinity() { return {F::one(), F::one(), F::zero(), F::zero()}; }
  ZK_HD static Xyzz from_affine(const Affine<F>& a) {
    return a.is_infinity() ? infinity() : Xyzz{a.x, a.y, F::one(), F::one()};
  }
  ZK_HD bool is_infinity() const { return zz.is_zero(); }
  ZK_HD Xyzz operator-() const { return {x, -y, zz, zzz}; }

  // Jacobian with Z = ZZ * ZZZ (no inversion): X' = X ZZ ZZZ^2, Y' = Y ZZ^3 ZZZ^2.
  ZK_HD Jacobian<F> to_jacobian() const {
    if (is_infinity()) return Jacobian<F>::infinity();
    const F z = zz * zzz;
    const F zzz2 = zzz.sqr();
    return {x * zz * zzz2, y * zz.sqr() * zz * zzz2, z};
  }
  ZK_HD Affine<F> to_affine() const {
    if (is_infinity()) return Affine<F>::infinity();
    const F zzzi = zzz.inverse();
    const F zi = zzzi * zz;  // 1/Z since ZZZ/ZZ = Z
    return {x * zi.sqr(), y * zzzi};
  }

  // dbl-2008-s-1 (a = 0): 6M + 3S
  ZK_HD_POINT_OP Xyzz dbl() const {
    if (is_infinity()) return *this;
    const F u = y.dbl();
    const F v = u.sqr();
    const F w = u * v;
    const F s = x * v;
    const F xx = x.sqr();
    const F m = xx.dbl() + xx;
    const F x3 = m.sqr() - s.dbl();
    return {x3, m * (s - x3) - w * y, v * zz, w * zzz};
  }

  // mdbl-2008-s-1: doubling of an affine point into XYZZ.
  ZK_HD_POINT_OP static Xyzz dbl_affine(const Affine<F>& a) {
    if (a.is_infinity()) return infinity();
    const F u = a.y.dbl();
    const F v = u.sqr();
    const F w = u * v;
    const F s = a.x * v;
    const F xx = a.x.sqr();
    const F m = xx.dbl() + xx;
    const F x3 = m.sqr() - s.dbl();
    return {x3, m * (s - x3) - w * a.y, v, w};
  }

  // madd-2008-s: 8M + 2S
  ZK_HD_POINT_OP Xyzz add_mixed(const Affine<F>& q) const {
    if (q.is_infinity()) return *this;
    if (is_infinity()) return from_affine(q);
    const F u2 = q.x * zz;
    const F s2 = q.y * zzz;
    const F p = u2 - x;
    const F r = s2 - y;
    if (p.is_zero()) return r.is_zero() ? dbl_affine(q) : infinity();
    const F pp = p.sqr();
    const F ppp = p * pp;
    const F q1 = x * pp;
    const F x3 = r.sqr() - ppp - q1.dbl();
    return {x3, r * (q1 - x3) - y * ppp, zz * pp, zzz * ppp};
  }

  // add-2008-s: 12M + 2S
  friend ZK_HD_POINT_OP Xyzz operator+(const Xyzz& a, const Xyzz& b) {
    if (a.is_infinity()) return b;
    if (b.is_infinity()) return a;
    const F u1 = a.x * b.zz;
    const F u2 = b.x * a.zz;
    const F s1 = a.y * b.zzz;
    const F s2 = b.y * a.zzz;
    const F p = u2 - u1;
    const F r = s2 - s1;
    if (p.is_zero()) return r.is_zero() ? a.dbl() : infinity();
    const F pp = p.sqr();
    const F ppp = p * pp;
    const F q = u1 * pp;
    const F x3 = r.sqr() - ppp - q.dbl();
    return {x3, r * (q - x3) - s1 * ppp, a.zz * b.zz * pp, a.zzz * b.zzz * ppp};
  }
  ZK_HD Xyzz& operator+=(const Xyzz& b) { return *this = *this + b; }
};

// k * P by double-and-add over the 256 bits of k (tests, naive references).
template <class F>
ZK_HD Jacobian<F> scalar_mul(const Jacobian<F>& p, const U256& k) {
  Jacobian<F> r = Jacobian<F>::infinity();
  for (int i = 255; i >= 0; --i) {
    r = r.dbl();
    if (k.bit(unsigned(i))) r += p;
  }
  return r;
}

}  // namespace zkgpu::bn254
