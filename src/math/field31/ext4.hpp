#pragma once
// Degree-4 binomial extension F[x] / (x^4 - W) of a Monty31 field, elements
// c0 + c1 x + c2 x^2 + c3 x^3. For KoalaBear W = 3: SP1's SP1ExtensionField =
// BinomialExtensionField<KoalaBear, 4> (succinctlabs/sp1 crates/primitives/src/lib.rs)
// with W from Plonky3/Plonky3 koala-bear/src/koala_bear.rs
// (BinomialExtensionData<4>::W = 3).
#include "math/field31/monty31.hpp"

namespace zkgpu::f31 {

template <class F, uint32_t W>
struct Ext4 {
  F c[4];

  static ZK_HD F w() { return F::from_canonical(W); }
  static ZK_HD Ext4 zero() { return Ext4{{F::zero(), F::zero(), F::zero(), F::zero()}}; }
  static ZK_HD Ext4 one() { return Ext4{{F::one(), F::zero(), F::zero(), F::zero()}}; }

  ZK_HD bool is_zero() const { return c[0].is_zero() && c[1].is_zero() && c[2].is_zero() && c[3].is_zero(); }
  ZK_HD friend bool operator==(const Ext4& a, const Ext4& b) {
    return a.c[0] == b.c[0] && a.c[1] == b.c[1] && a.c[2] == b.c[2] && a.c[3] == b.c[3];
  }
  ZK_HD friend Ext4 operator+(const Ext4& a, const Ext4& b) {
    return Ext4{{a.c[0] + b.c[0], a.c[1] + b.c[1], a.c[2] + b.c[2], a.c[3] + b.c[3]}};
  }
  ZK_HD friend Ext4 operator-(const Ext4& a, const Ext4& b) {
    return Ext4{{a.c[0] - b.c[0], a.c[1] - b.c[1], a.c[2] - b.c[2], a.c[3] - b.c[3]}};
  }
  // Schoolbook product; terms of degree 4..6 fold back with x^4 = W.
  ZK_HD friend Ext4 operator*(const Ext4& a, const Ext4& b) {
    const F wv = w();
    const F* x = a.c;
    const F* y = b.c;
    Ext4 r;
    r.c[0] = x[0] * y[0] + wv * (x[1] * y[3] + x[2] * y[2] + x[3] * y[1]);
    r.c[1] = x[0] * y[1] + x[1] * y[0] + wv * (x[2] * y[3] + x[3] * y[2]);
    r.c[2] = x[0] * y[2] + x[1] * y[1] + x[2] * y[0] + wv * (x[3] * y[3]);
    r.c[3] = x[0] * y[3] + x[1] * y[2] + x[2] * y[1] + x[3] * y[0];
    return r;
  }
  ZK_HD Ext4 scale(F s) const { return Ext4{{c[0] * s, c[1] * s, c[2] * s, c[3] * s}}; }

  // Inverse by two norm steps: a(x) * a(-x) = e0 + e1 y with y = x^2 (y^2 = W), and
  // (e0 + e1 y)(e0 - e1 y) = e0^2 - W e1^2 = N in the base field. So
  // a^-1 = a(-x) * (e0 - e1 x^2) / N. The inverse of 0 is 0.
  ZK_HD Ext4 inverse() const {
    const F wv = w();
    const F two = F::one() + F::one();
    const F e0 = c[0].square() + wv * c[2].square() - two * wv * c[1] * c[3];
    const F e1 = two * c[0] * c[2] - c[1].square() - wv * c[3].square();
    const F n_inv = (e0.square() - wv * e1.square()).inverse();
    const Ext4 conj{{c[0], -c[1], c[2], -c[3]}};
    const Ext4 e_inv{{e0 * n_inv, F::zero(), -(e1 * n_inv), F::zero()}};
    return conj * e_inv;
  }
};

}  // namespace zkgpu::f31
