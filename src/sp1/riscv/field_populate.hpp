// Trace values of the field gadgets (sp1/air/riscv/field_op.hpp) as SP1 v6.4's
// populate functions write them (crates/core/machine/src/operations/field/):
//   FieldOpCols::populate   field_op.rs  Sub as (p + a - b) mod p checked as an
//                                        addition, Div as a b^(p-2) mod p checked as a
//                                        multiplication; the carry is the quotient by
//                                        p; the witness limbs are the vanishing
//                                        polynomial's quotient by (x - 2^8) plus
//                                        WITNESS_OFFSET
//   FieldLtCols::populate   range.rs     the most significant limb where lhs < rhs
// on GMP integers. Any FieldParameters; the core runs on the field's sizes at run time.
#pragma once

#include <gmpxx.h>

#include <span>

#include "sp1/air/riscv/field_op.hpp"
#include "sp1/riscv/populate.hpp"
#include "zkvm/precompiles/bigint.hpp"

namespace zkgpu::sp1::riscv {

// A field's limb counts and modulus.
struct FieldShape {
  size_t limbs, witness_limbs;
  uint32_t witness_offset;
  std::span<const uint8_t> modulus;
  mpz_class p;
};

// The little-endian u64 words' integer (SP1's BigUint::from_slice of the words' bytes).
mpz_class from_le_words(std::span<const uint64_t> words);

template <rv::FieldParameters P>
const FieldShape& field_shape() {
  static const FieldShape s{P::kLimbs, P::kWitnessLimbs, P::kWitnessOffset, P::kModulus,
                            zkvm::precompiles::from_le(P::kModulus)};
  return s;
}

// FieldOpCols::populate: writes the result, carry and witness columns of a op b;
// returns the result. Throws on division by zero mod p and on limbs that do not
// fit (operands not below 2^(8 limbs)).
mpz_class fill_field_op(Row row, const FieldShape& f, std::span<const size_t> result, std::span<const size_t> carry,
                        std::span<const size_t> witness, const mpz_class& a, const mpz_class& b,
                        rv::FieldOperation op);

template <rv::FieldParameters P>
mpz_class fill_field_op(Row row, const rv::FieldOpCols<size_t, P>& c, const mpz_class& a, const mpz_class& b,
                        rv::FieldOperation op) {
  return fill_field_op(row, field_shape<P>(), c.result, c.carry, c.witness, a, b, op);
}

// FieldLtCols::populate for lhs < rhs (else throws).
void fill_field_lt(Row row, size_t limbs, std::span<const size_t> byte_flags, size_t lhs_col, size_t rhs_col,
                   const mpz_class& lhs, const mpz_class& rhs);

template <rv::FieldParameters P>
void fill_field_lt(Row row, const rv::FieldLtCols<size_t, P>& c, const mpz_class& lhs, const mpz_class& rhs) {
  fill_field_lt(row, P::kLimbs, c.byte_flags, c.lhs_comparison_byte, c.rhs_comparison_byte, lhs, rhs);
}

}  // namespace zkgpu::sp1::riscv
