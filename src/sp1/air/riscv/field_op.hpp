// SP1 v6.4's big-integer field gadgets (crates/core/machine/src/operations/field/),
// over any FieldParameters (field_params.hpp):
//   FieldOpCols   field_op.rs, util_air.rs  a + b, a - b, a * b or a / b mod p: the
//                                           result's and the quotient's (carry's) u8
//                                           limbs, and the u16 witness limbs that
//                                           show op - result - carry p vanishes at 2^8
//   FieldLtCols   range.rs                  lhs < rhs limb-wise: the most significant
//                                           differing limb flagged, LTU-looked-up
// Elements are polynomials in 2^8 whose coefficients are the limbs (SP1's
// Polynomial, sp1_primitives::polynomial): sums keep the longer length, products
// have len(x) + len(y) - 1 coefficients, and each coefficient of the vanishing
// polynomial less (witness - offset) (x - 2^8) is one constraint, lowest first.
#pragma once

#include <algorithm>
#include <vector>

#include "sp1/air/riscv/field_params.hpp"
#include "sp1/air/riscv/page_prot.hpp"

namespace zkgpu::sp1::air::riscv {

// SP1's FieldOperation (crates/core/executor/src/events/precompiles/mod.rs).
enum class FieldOperation : uint8_t { Add, Mul, Sub, Div };

template <class T, FieldParameters P>
struct FieldOpCols {
  std::array<T, P::kLimbs> result;
  std::array<T, P::kLimbs> carry;
  std::array<T, P::kWitnessLimbs> witness;
};

template <class T, FieldParameters P>
struct FieldLtCols {
  std::array<T, P::kLimbs> byte_flags;
  T lhs_comparison_byte;
  T rhs_comparison_byte;
};

// A polynomial's coefficients, lowest first.
template <class B>
using Poly = std::vector<E<B>>;

template <class B, size_t N>
std::array<E<B>, N> main_exprs(B& b, const std::array<size_t, N>& cols) {
  std::array<E<B>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = b.main(cols[i]);
  return out;
}

template <class B, size_t N>
Poly<B> main_poly(B& b, const std::array<size_t, N>& cols) {
  const std::array<E<B>, N> x = main_exprs(b, cols);
  return Poly<B>(x.begin(), x.end());
}

// Constant limbs (SP1's to_limbs_field of a constant, or modulus_field_iter).
template <class B, size_t N>
Poly<B> constant_poly(B& b, const std::array<uint8_t, N>& bytes) {
  Poly<B> out;
  out.reserve(N);
  for (uint8_t x : bytes) out.push_back(b.constant(x));
  return out;
}

// x as P::kLimbs constant limbs.
template <FieldParameters P, class B>
Poly<B> small_constant_poly(B& b, uint32_t x) {
  std::array<uint8_t, P::kLimbs> bytes{};
  for (size_t i = 0; i < 4; ++i) bytes[i] = uint8_t(x >> (8 * i));
  return constant_poly(b, bytes);
}

// x + y and x - y coefficient-wise, the shorter one extended by zeros.
template <class B>
Poly<B> poly_add(const Poly<B>& x, const Poly<B>& y) {
  Poly<B> out(std::max(x.size(), y.size()));
  for (size_t i = 0; i < out.size(); ++i) {
    if (i < x.size() && i < y.size()) out[i] = x[i] + y[i];
    else out[i] = i < x.size() ? x[i] : y[i];
  }
  return out;
}

template <class B>
Poly<B> poly_sub(B& b, const Poly<B>& x, const Poly<B>& y) {
  Poly<B> out(std::max(x.size(), y.size()));
  for (size_t i = 0; i < out.size(); ++i) {
    if (i < x.size() && i < y.size()) out[i] = x[i] - y[i];
    else if (i < x.size()) out[i] = x[i];
    else out[i] = b.constant(0) - y[i];
  }
  return out;
}

template <class B>
Poly<B> poly_mul(const Poly<B>& x, const Poly<B>& y) {
  Poly<B> out(x.size() + y.size() - 1);
  std::vector<bool> set(out.size(), false);
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t j = 0; j < y.size(); ++j) {
      const E<B> term = x[i] * y[j];
      out[i + j] = set[i + j] ? out[i + j] + term : term;
      set[i + j] = true;
    }
  return out;
}

// eval_field_operation: with the witness limbs w_k, each coefficient of
// vanishing - (w - offset) (x - 2^8), asserted zero, lowest first.
template <FieldParameters P, class B>
void eval_field_vanishing(B& b, const Poly<B>& vanishing, const std::array<size_t, P::kWitnessLimbs>& witness) {
  const size_t n = std::max(vanishing.size(), P::kWitnessLimbs + 1);
  const E<B> offset = b.constant(P::kWitnessOffset), limb = b.constant(1u << 8);
  for (size_t k = 0; k < n; ++k) {
    E<B> c = k < vanishing.size() ? vanishing[k] : b.constant(0);
    if (k < P::kWitnessLimbs) c = c + (b.main(witness[k]) - offset) * limb;
    if (k >= 1 && k - 1 < P::kWitnessLimbs) c = c - (b.main(witness[k - 1]) - offset);
    b.assert_zero(c);
  }
}

// FieldOpCols::eval_with_polynomials: op - result - carry modulus vanishes at 2^8
// (the witness its quotient); the result and carry limbs are u8, the witness limbs
// u16, where is_real.
template <FieldParameters P, class B>
void eval_field_polynomials(B& b, const FieldOpCols<size_t, P>& c, const Poly<B>& op, const Poly<B>& modulus,
                            const Poly<B>& result, const E<B>& is_real) {
  const Poly<B> vanishing = poly_sub(b, poly_sub(b, op, result), poly_mul<B>(main_poly(b, c.carry), modulus));
  eval_field_vanishing<P>(b, vanishing, c.witness);
  range_check_u8(b, main_exprs(b, c.result), is_real);
  range_check_u8(b, main_exprs(b, c.carry), is_real);
  range_check_u16(b, main_exprs(b, c.witness), is_real);
}

// FieldOpCols::eval_with_modulus: Add and Mul constrain result = a op y; Sub and
// Div constrain a = result + y, a = result * y. Returns the result's limbs.
template <FieldParameters P, class B>
Poly<B> eval_field_op_mod(B& b, const FieldOpCols<size_t, P>& c, const Poly<B>& a, const Poly<B>& y,
                          const Poly<B>& modulus, FieldOperation op, const E<B>& is_real) {
  const Poly<B> result = main_poly(b, c.result);
  const bool inverse = op == FieldOperation::Sub || op == FieldOperation::Div;
  const Poly<B>& x = inverse ? result : a;
  const Poly<B> op_poly =
      op == FieldOperation::Add || op == FieldOperation::Sub ? poly_add<B>(x, y) : poly_mul<B>(x, y);
  eval_field_polynomials<P>(b, c, op_poly, modulus, inverse ? a : result, is_real);
  return result;
}

// FieldOpCols::eval: modulo the field's prime.
template <FieldParameters P, class B>
Poly<B> eval_field_op(B& b, const FieldOpCols<size_t, P>& c, const Poly<B>& a, const Poly<B>& y, FieldOperation op,
                      const E<B>& is_real) {
  return eval_field_op_mod<P>(b, c, a, y, constant_poly(b, P::kModulus), op, is_real);
}

// FieldLtCols::eval: where is_real, the flags are bits with one set; above it the
// limbs agree (each limb from the top, until the flag is passed); the comparison
// bytes are the flagged limbs, and LTU says lhs's is below rhs's.
template <FieldParameters P, class B>
void eval_field_lt(B& b, const FieldLtCols<size_t, P>& c, const Poly<B>& lhs, const Poly<B>& rhs,
                   const E<B>& is_real) {
  E<B> sum = b.constant(0);
  for (size_t flag : c.byte_flags) {
    assert_bool_when(b, is_real, b.main(flag));
    sum = sum + b.main(flag);
  }
  b.assert_zero(is_real * (sum - b.constant(1)));
  E<B> visited = b.constant(0), lhs_byte = b.constant(0), rhs_byte = b.constant(0);
  for (size_t i = P::kLimbs; i-- > 0;) {
    const E<B> flag = b.main(c.byte_flags[i]);
    visited = visited + flag;
    lhs_byte = lhs_byte + lhs[i] * flag;
    rhs_byte = rhs_byte + flag * rhs[i];
    b.assert_zero(is_real * not_cond(b, visited) * (lhs[i] - rhs[i]));
  }
  const E<B> lhs_col = b.main(c.lhs_comparison_byte), rhs_col = b.main(c.rhs_comparison_byte);
  b.assert_zero(is_real * (lhs_col - lhs_byte));
  b.assert_zero(is_real * (rhs_col - rhs_byte));
  send_byte(b, ByteOpcode::LTU, b.constant(1), lhs_col, rhs_col, is_real);
}

}  // namespace zkgpu::sp1::air::riscv
