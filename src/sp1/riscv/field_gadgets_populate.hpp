// Trace generation of SP1 v6.4's field gadgets beyond FieldOpCols and FieldLtCols
// (field_populate.hpp), on GMP integers (crates/core/machine/src/operations/field/):
//   FieldDenCols::populate           field_den.rs            a / (1 + b) or a / (1 - b)
//   FieldInnerProductCols::populate  field_inner_product.rs  sum_i a_i b_i
//   FieldSqrtCols::populate          field_sqrt.rs           a root of a given root
// each the result's and carry's limbs and the vanishing polynomial's quotient by
// (x - 2^8) plus the witness offset, as for FieldOpCols.
#pragma once

#include <stdexcept>
#include <vector>

#include "sp1/air/riscv/field_den.hpp"
#include "sp1/air/riscv/field_inner_product.hpp"
#include "sp1/air/riscv/field_sqrt.hpp"
#include "sp1/riscv/field_populate.hpp"

namespace zkgpu::sp1::riscv {

// FieldDenCols::populate: writes result = a / (1 + b) (sign) or a / (1 - b), its
// carry and witness; returns the result. Throws on a zero denominator and on
// operands not below 2^(8 limbs).
mpz_class fill_field_den(Row row, const FieldShape& f, std::span<const size_t> result, std::span<const size_t> carry,
                         std::span<const size_t> witness, const mpz_class& a, const mpz_class& b, bool sign);

template <rv::FieldParameters P>
mpz_class fill_field_den(Row row, const rv::FieldDenCols<size_t, P>& c, const mpz_class& a, const mpz_class& b,
                         bool sign) {
  return fill_field_den(row, field_shape<P>(), c.result, c.carry, c.witness, a, b, sign);
}

// FieldInnerProductCols::populate: writes result = sum_i a_i b_i mod p, its carry
// and witness; returns the result.
mpz_class fill_field_inner_product(Row row, const FieldShape& f, std::span<const size_t> result,
                                   std::span<const size_t> carry, std::span<const size_t> witness,
                                   const std::vector<mpz_class>& a, const std::vector<mpz_class>& b);

template <rv::FieldParameters P>
mpz_class fill_field_inner_product(Row row, const rv::FieldInnerProductCols<size_t, P>& c,
                                   const std::vector<mpz_class>& a, const std::vector<mpz_class>& b) {
  return fill_field_inner_product(row, field_shape<P>(), c.result, c.carry, c.witness, a, b);
}

// FieldSqrtCols::populate for a < p and its root `root` (root^2 = a mod p, else
// throws): root * root's carry and witness with the root in the result's place,
// the root checked below p, lsb its low bit. Returns the root.
template <rv::FieldParameters P>
mpz_class fill_field_sqrt(Row row, const rv::FieldSqrtCols<size_t, P>& c, const mpz_class& a,
                          const mpz_class& root) {
  const FieldShape& f = field_shape<P>();
  if (fill_field_op(row, c.multiplication, root, root, rv::FieldOperation::Mul) != a)
    throw std::invalid_argument("field square root: the root's square is not the value");
  const std::vector<uint8_t> limbs = zkvm::precompiles::to_le(root, P::kLimbs);
  for (size_t i = 0; i < P::kLimbs; ++i) put(row, c.multiplication.result[i], limbs[i]);
  fill_field_lt(row, c.range, root, f.p);
  put(row, c.lsb, limbs[0] & 1);
  return root;
}

}  // namespace zkgpu::sp1::riscv
