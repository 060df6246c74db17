// Univariate polynomials by coefficients, constant term first
// (slop/crates/algebra UnivariatePolynomial).
#pragma once

#include <span>

namespace zkgpu::sp1::multilinear {

// Horner's rule.
template <class T>
T eval_univariate(std::span<const T> coeffs, const T& x) {
  T acc = T::zero();
  for (size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

// p(0) + p(1): twice the constant term plus every other coefficient
// (eval_one_plus_eval_zero; zero for the empty polynomial).
template <class T>
T eval_zero_plus_one(std::span<const T> coeffs) {
  if (coeffs.empty()) return T::zero();
  T acc = coeffs[0];
  for (const T& c : coeffs) acc = acc + c;
  return acc;
}

}  // namespace zkgpu::sp1::multilinear
