// SP1 v6.4's FieldDenCols (crates/core/machine/src/operations/field/field_den.rs)
// over any FieldParameters: result = a / (1 + b) (sign) or a / (1 - b) (not sign)
// mod p, shown by the vanishing at 2^8 of
//   sign:      b result + result - a - carry p
//   not sign:  b result + a - result - carry p
// with the result's and carry's u8 limbs and the quotient's u16 witness limbs as
// in FieldOpCols (field_op.hpp). The denominator is assumed nonzero (the caller's
// concern).
#pragma once

#include "sp1/air/riscv/field_op.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T, FieldParameters P>
struct FieldDenCols {
  std::array<T, P::kLimbs> result;
  std::array<T, P::kLimbs> carry;
  std::array<T, P::kWitnessLimbs> witness;
};

// FieldDenCols::eval: the vanishing polynomial's coefficients, then the u8 checks
// of result and carry and the u16 checks of the witness where is_real. Returns the
// result's limbs.
template <FieldParameters P, class B>
Poly<B> eval_field_den(B& b, const FieldDenCols<size_t, P>& c, const Poly<B>& a, const Poly<B>& den, bool sign,
                       const E<B>& is_real) {
  const Poly<B> result = main_poly(b, c.result);
  const Poly<B> product = poly_mul<B>(den, result);
  const Poly<B> lhs = sign ? poly_add<B>(product, result) : poly_add<B>(product, a);
  const Poly<B> vanishing = poly_sub(b, poly_sub(b, lhs, sign ? a : result),
                                     poly_mul<B>(main_poly(b, c.carry), constant_poly(b, P::kModulus)));
  eval_field_vanishing<P>(b, vanishing, c.witness);
  range_check_u8(b, main_exprs(b, c.result), is_real);
  range_check_u8(b, main_exprs(b, c.carry), is_real);
  range_check_u16(b, main_exprs(b, c.witness), is_real);
  return result;
}

}  // namespace zkgpu::sp1::air::riscv
