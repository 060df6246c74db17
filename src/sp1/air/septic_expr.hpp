// SP1's septic extension F_p[z] / (z^7 - 3z - 5) and curve y^2 = x^3 + 45x + 41z^3
// over any builder's expressions (crates/hypercube/src/{septic_extension.rs,
// septic_curve.rs}): what a chip asserts about septic points. septic_curve.hpp
// computes the same on values.
#pragma once

#include <array>

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air::septic_expr {

template <class B>
using Septic = std::array<ExprOf<B>, 7>;

template <class B>
Septic<B> add(const Septic<B>& a, const Septic<B>& b) {
  Septic<B> r;
  for (size_t i = 0; i < 7; ++i) r[i] = a[i] + b[i];
  return r;
}

template <class B>
Septic<B> sub(const Septic<B>& a, const Septic<B>& b) {
  Septic<B> r;
  for (size_t i = 0; i < 7; ++i) r[i] = a[i] - b[i];
  return r;
}

// The product reduced by z^7 = 3z + 5.
template <class B>
Septic<B> mul(B& b, const Septic<B>& x, const Septic<B>& y) {
  std::array<ExprOf<B>, 13> t;
  for (size_t k = 0; k < 13; ++k) t[k] = b.constant(0);
  for (size_t i = 0; i < 7; ++i)
    for (size_t j = 0; j < 7; ++j) t[i + j] = t[i + j] + x[i] * y[j];
  Septic<B> r;
  for (size_t i = 0; i < 7; ++i) r[i] = t[i];
  for (size_t k = 7; k < 13; ++k) {
    r[k - 7] = r[k - 7] + t[k] * b.constant(5);
    r[k - 6] = r[k - 6] + t[k] * b.constant(3);
  }
  return r;
}

// x^3 + 45x + 41z^3.
template <class B>
Septic<B> curve_formula(B& b, const Septic<B>& x) {
  Septic<B> r = mul(b, mul(b, x, x), x);
  for (size_t i = 0; i < 7; ++i) r[i] = r[i] + x[i] * b.constant(45);
  r[3] = r[3] + b.constant(41);
  return r;
}

// Zero when p3.x is (p1 + p2).x: (x1 + x2 + x3)(x2 - x1)^2 - (y2 - y1)^2.
template <class B>
Septic<B> sum_checker_x(B& b, const Septic<B>& x1, const Septic<B>& y1, const Septic<B>& x2, const Septic<B>& y2,
                        const Septic<B>& x3) {
  const Septic<B> dx = sub<B>(x2, x1), dy = sub<B>(y2, y1);
  return sub<B>(mul(b, add<B>(add<B>(x1, x2), x3), mul(b, dx, dx)), mul(b, dy, dy));
}

// Zero when p3.y is (p1 + p2).y: (y1 + y3)(x2 - x1) - (y2 - y1)(x1 - x3).
template <class B>
Septic<B> sum_checker_y(B& b, const Septic<B>& x1, const Septic<B>& y1, const Septic<B>& x2, const Septic<B>& y2,
                        const Septic<B>& x3, const Septic<B>& y3) {
  return sub<B>(mul(b, add<B>(y1, y3), sub<B>(x2, x1)), mul(b, sub<B>(y2, y1), sub<B>(x1, x3)));
}

}  // namespace zkgpu::sp1::air::septic_expr
