#include "sp1/riscv/field_populate.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace zkgpu::sp1::riscv {
namespace {

using zkvm::precompiles::from_le;
using zkvm::precompiles::inverse_mod_prime;
using zkvm::precompiles::to_le;

std::vector<uint8_t> limbs_of(const mpz_class& x, size_t limbs, const char* what) {
  if (x < 0 || mpz_sizeinbase(x.get_mpz_t(), 2) > 8 * limbs)
    throw std::invalid_argument(std::string("field operation: ") + what + " does not fit in " + std::to_string(limbs) +
                                " limbs");
  return to_le(x, limbs);
}

// populate_carry_and_witness: with result = x op y mod p, its carry (the quotient);
// the vanishing polynomial op - result - carry p divided by (X - 2^8), each
// quotient limb plus the offset a u16.
void fill_carry_and_witness(Row row, const FieldShape& f, std::span<const size_t> carry_cols,
                            std::span<const size_t> witness_cols,
                            const mpz_class& x, const mpz_class& y, bool mul, const mpz_class& result) {
  const mpz_class value = mul ? mpz_class(x * y) : mpz_class(x + y);
  const mpz_class carry = (value - result) / f.p;
  const std::vector<uint8_t> xl = limbs_of(x, f.limbs, "an operand"), yl = limbs_of(y, f.limbs, "an operand");
  const std::vector<uint8_t> rl = limbs_of(result, f.limbs, "the result"), cl = limbs_of(carry, f.limbs, "the carry");
  std::vector<int64_t> v(f.witness_limbs + 1, 0);
  for (size_t i = 0; i < f.limbs; ++i) {
    if (mul) {
      for (size_t j = 0; j < f.limbs; ++j) v[i + j] += int64_t(xl[i]) * yl[j];
    } else {
      v[i] += int64_t(xl[i]) + yl[i];
    }
    v[i] -= rl[i];
    for (size_t j = 0; j < f.modulus.size(); ++j) v[i + j] -= int64_t(cl[i]) * f.modulus[j];
  }
  // v = q (X - 2^8): q's coefficients from the top.
  int64_t acc = v.back();
  for (size_t i = v.size() - 1; i-- > 0;) {
    const int64_t vi = v[i];
    v[i] = acc;
    acc = vi + acc * 256;
  }
  if (acc != 0) throw std::logic_error("field operation: the vanishing polynomial has no root at 2^8");
  for (size_t i = 0; i < f.limbs; ++i) put(row, carry_cols[i], cl[i]);
  for (size_t i = 0; i < f.witness_limbs; ++i) {
    const int64_t w = v[i] + f.witness_offset;
    if (w < 0 || w > 0xFFFF) throw std::logic_error("field operation: a witness limb does not fit in 16 bits");
    put(row, witness_cols[i], uint64_t(w));
  }
}

}  // namespace

mpz_class from_le_words(std::span<const uint64_t> words) {
  std::vector<uint8_t> bytes(8 * words.size());
  for (size_t i = 0; i < bytes.size(); ++i) bytes[i] = uint8_t(words[i / 8] >> (8 * (i % 8)));
  return from_le(bytes);
}

// Sub and Div are checked as the addition and multiplication of their result by b.
mpz_class fill_field_op(Row row, const FieldShape& f, std::span<const size_t> result, std::span<const size_t> carry,
                        std::span<const size_t> witness, const mpz_class& a, const mpz_class& b,
                        rv::FieldOperation op) {
  mpz_class r, x;
  bool mul = false;
  switch (op) {
    case rv::FieldOperation::Add: r = mpz_class(a + b) % f.p, x = a; break;
    case rv::FieldOperation::Mul: r = mpz_class(a * b) % f.p, x = a, mul = true; break;
    case rv::FieldOperation::Sub: r = zkvm::precompiles::mod(f.p + a - b, f.p), x = r; break;
    case rv::FieldOperation::Div:
      if (b % f.p == 0) throw std::invalid_argument("field operation: division by zero");
      r = mpz_class(a * inverse_mod_prime(b, f.p)) % f.p, x = r, mul = true;
      break;
  }
  const mpz_class value = mul ? mpz_class(x * b) : mpz_class(x + b);
  fill_carry_and_witness(row, f, carry, witness, x, b, mul, mpz_class(value % f.p));
  const std::vector<uint8_t> rl = limbs_of(r, f.limbs, "the result");
  for (size_t i = 0; i < f.limbs; ++i) put(row, result[i], rl[i]);
  return r;
}

void fill_field_lt(Row row, size_t limbs, std::span<const size_t> byte_flags, size_t lhs_col, size_t rhs_col,
                   const mpz_class& lhs, const mpz_class& rhs) {
  if (!(lhs < rhs)) throw std::invalid_argument("field comparison: the value is not below the bound");
  const std::vector<uint8_t> l = limbs_of(lhs, limbs, "the value"), r = limbs_of(rhs, limbs, "the bound");
  for (size_t i = limbs; i-- > 0;) {
    if (l[i] == r[i]) continue;
    put(row, byte_flags[i], 1);
    put(row, lhs_col, l[i]);
    put(row, rhs_col, r[i]);
    return;
  }
}

}  // namespace zkgpu::sp1::riscv
