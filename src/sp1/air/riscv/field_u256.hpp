// SP1 v6.4's U256Field (crates/curves/src/uint256.rs): 256-bit integers as 32
// little-endian u8 limbs, reduced by a modulus given at run time (UINT256_MUL,
// where 0 stands for 2^256) or by 2^256 itself (UINT256_ADD_CARRY and _MUL_CARRY).
// It is not a field of field_params.hpp's shape: its modulus 2^256 takes one limb
// more than an element (MODULUS_LIMBS = 33), and so does the quotient polynomial
// of a product less carry * 2^256 (NB_WITNESS_LIMBS = 63, not 2 * 32 - 2). Its
// operation columns and their vanishing check are here; the limb comparison
// (FieldLtCols, field_op.hpp) sees only the element's 32 limbs, through U256Limbs.
#pragma once

#include "sp1/air/riscv/field_op.hpp"

namespace zkgpu::sp1::air::riscv {

struct U256Field {
  static constexpr size_t kLimbs = 32;
  static constexpr size_t kModulusLimbs = 33;
  static constexpr size_t kWitnessLimbs = 63;
  static constexpr uint32_t kWitnessOffset = 1u << 14;
};

// U256's elements as the comparison gadget needs them (32 limbs); its modulus
// bytes are unused (the bound is an operand).
struct U256Limbs {
  static constexpr size_t kLimbs = U256Field::kLimbs;
  static constexpr size_t kWitnessLimbs = 2 * kLimbs - 2;
  static constexpr uint32_t kWitnessOffset = U256Field::kWitnessOffset;
  static constexpr std::array<uint8_t, kLimbs> kModulus{};
};

// FieldOpCols<T, U256Field>.
template <class T>
struct U256FieldOpCols {
  std::array<T, U256Field::kLimbs> result;
  std::array<T, U256Field::kLimbs> carry;
  std::array<T, U256Field::kWitnessLimbs> witness;
};

// 2^256 as a polynomial in 2^8 (33 coefficients).
template <class B>
Poly<B> two_pow_256_poly(B& b) {
  Poly<B> out(U256Field::kModulusLimbs, b.constant(0));
  out.back() = b.constant(1);
  return out;
}

// eval_with_polynomials over U256Field: op - result - carry modulus vanishes at 2^8
// (one constraint a coefficient of vanishing - (w - offset) (x - 2^8)); result
// and carry limbs u8, witness limbs u16, where is_real.
template <class B>
void eval_u256_polynomials(B& b, const U256FieldOpCols<size_t>& c, const Poly<B>& op, const Poly<B>& modulus,
                           const E<B>& is_real) {
  const Poly<B> result = main_poly(b, c.result);
  const Poly<B> vanishing = poly_sub(b, poly_sub(b, op, result), poly_mul<B>(main_poly(b, c.carry), modulus));
  constexpr size_t W = U256Field::kWitnessLimbs;
  const size_t n = std::max(vanishing.size(), W + 1);
  const E<B> offset = b.constant(U256Field::kWitnessOffset), limb = b.constant(1u << 8);
  for (size_t k = 0; k < n; ++k) {
    E<B> v = k < vanishing.size() ? vanishing[k] : b.constant(0);
    if (k < W) v = v + (b.main(c.witness[k]) - offset) * limb;
    if (k >= 1 && k - 1 < W) v = v - (b.main(c.witness[k - 1]) - offset);
    b.assert_zero(v);
  }
  range_check_u8(b, main_exprs(b, c.result), is_real);
  range_check_u8(b, main_exprs(b, c.carry), is_real);
  range_check_u16(b, main_exprs(b, c.witness), is_real);
}

}  // namespace zkgpu::sp1::air::riscv
