// SP1 v6.4's FieldSqrtCols (crates/core/machine/src/operations/field/field_sqrt.rs)
// over any FieldParameters: a square root of a, below p, of a given parity. The
// root is kept in multiplication.result (SP1's space saving: the product is a,
// which the caller has), so the FieldOpCols shows root * root = a mod p with a's
// limbs in the result's place (and u8-checked as its result); then the root is
// checked below p and its limbs u8; lsb is a bit, equal to is_odd where is_real,
// and is the low limb AND 1 (a Byte lookup).
#pragma once

#include "sp1/air/riscv/field_op.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T, FieldParameters P>
struct FieldSqrtCols {
  FieldOpCols<T, P> multiplication;
  FieldLtCols<T, P> range;
  T lsb;
};

template <size_t N, class B>
std::array<E<B>, N> poly_array(const Poly<B>& x) {
  std::array<E<B>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = x[i];
  return out;
}

// FieldSqrtCols::eval. Returns the root's limbs.
template <FieldParameters P, class B>
Poly<B> eval_field_sqrt(B& b, const FieldSqrtCols<size_t, P>& c, const Poly<B>& a, const E<B>& is_odd,
                        const E<B>& is_real) {
  const Poly<B> root = main_poly(b, c.multiplication.result);
  const Poly<B> vanishing =
      poly_sub(b, poly_sub(b, poly_mul<B>(root, root), a),
               poly_mul<B>(main_poly(b, c.multiplication.carry), constant_poly(b, P::kModulus)));
  eval_field_vanishing<P>(b, vanishing, c.multiplication.witness);
  range_check_u8(b, poly_array<P::kLimbs, B>(a), is_real);
  range_check_u8(b, main_exprs(b, c.multiplication.carry), is_real);
  range_check_u16(b, main_exprs(b, c.multiplication.witness), is_real);

  eval_field_lt<P>(b, c.range, root, constant_poly(b, P::kModulus), is_real);
  range_check_u8(b, main_exprs(b, c.multiplication.result), is_real);
  const E<B> lsb = b.main(c.lsb);
  assert_bool(b, lsb);
  b.assert_zero(is_real * (lsb - is_odd));
  send_byte(b, ByteOpcode::AND, lsb, root[0], b.constant(1), is_real);
  return root;
}

}  // namespace zkgpu::sp1::air::riscv
