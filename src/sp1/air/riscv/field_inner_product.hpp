// SP1 v6.4's FieldInnerProductCols (crates/core/machine/src/operations/field/
// field_inner_product.rs) over any FieldParameters: result = sum_i a_i b_i mod p,
// shown by the vanishing at 2^8 of sum_i a_i b_i - result - carry p, with the
// result's and carry's u8 limbs and the quotient's u16 witness limbs as in
// FieldOpCols (field_op.hpp). The vector length must keep the vanishing
// polynomial's limbs within the witness offset (two terms for the Edwards chips).
#pragma once

#include "sp1/air/riscv/field_op.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T, FieldParameters P>
struct FieldInnerProductCols {
  std::array<T, P::kLimbs> result;
  std::array<T, P::kLimbs> carry;
  std::array<T, P::kWitnessLimbs> witness;
};

// FieldInnerProductCols::eval: the vanishing polynomial's coefficients, then the
// u8 checks of result and carry and the u16 checks of the witness where is_real.
// Returns the result's limbs.
template <FieldParameters P, class B>
Poly<B> eval_field_inner_product(B& b, const FieldInnerProductCols<size_t, P>& c, const std::vector<Poly<B>>& a,
                                 const std::vector<Poly<B>>& y, const E<B>& is_real) {
  Poly<B> sum{b.constant(0)};
  for (size_t i = 0; i < a.size(); ++i) sum = poly_add<B>(sum, poly_mul<B>(a[i], y[i]));
  const Poly<B> result = main_poly(b, c.result);
  const Poly<B> vanishing = poly_sub(b, poly_sub(b, sum, result),
                                     poly_mul<B>(main_poly(b, c.carry), constant_poly(b, P::kModulus)));
  eval_field_vanishing<P>(b, vanishing, c.witness);
  range_check_u8(b, main_exprs(b, c.result), is_real);
  range_check_u8(b, main_exprs(b, c.carry), is_real);
  range_check_u16(b, main_exprs(b, c.witness), is_real);
  return result;
}

}  // namespace zkgpu::sp1::air::riscv
