#include "sp1/riscv/field_gadgets_populate.hpp"

#include <stdexcept>
#include <string>

namespace zkgpu::sp1::riscv {
namespace {

using zkvm::precompiles::inverse_mod_prime;
using zkvm::precompiles::mod;
using zkvm::precompiles::to_le;

std::vector<uint8_t> limbs_of(const mpz_class& x, size_t limbs, const char* what) {
  if (x < 0 || mpz_sizeinbase(x.get_mpz_t(), 2) > 8 * limbs)
    throw std::invalid_argument(std::string("field gadget: ") + what + " does not fit in " + std::to_string(limbs) +
                                " limbs");
  return to_le(x, limbs);
}

// v += x y as polynomials in 2^8 (limb products).
void add_product(std::vector<int64_t>& v, const std::vector<uint8_t>& x, const std::vector<uint8_t>& y, int64_t k) {
  for (size_t i = 0; i < x.size(); ++i)
    for (size_t j = 0; j < y.size(); ++j) v[i + j] += k * int64_t(x[i]) * y[j];
}

// The result and carry limbs, then the vanishing polynomial v (which must vanish
// at 2^8) divided by (X - 2^8), each quotient limb plus the offset a u16.
void fill_result_carry_witness(Row row, const FieldShape& f, std::span<const size_t> result_cols,
                               std::span<const size_t> carry_cols, std::span<const size_t> witness_cols,
                               const std::vector<uint8_t>& result, const std::vector<uint8_t>& carry,
                               std::vector<int64_t> v) {
  int64_t acc = v.back();
  for (size_t i = v.size() - 1; i-- > 0;) {
    const int64_t vi = v[i];
    v[i] = acc;
    acc = vi + acc * 256;
  }
  if (acc != 0) throw std::logic_error("field gadget: the vanishing polynomial has no root at 2^8");
  for (size_t i = 0; i < f.limbs; ++i) {
    put(row, result_cols[i], result[i]);
    put(row, carry_cols[i], carry[i]);
  }
  for (size_t i = 0; i < f.witness_limbs; ++i) {
    const int64_t w = v[i] + f.witness_offset;
    if (w < 0 || w > 0xFFFF) throw std::logic_error("field gadget: a witness limb does not fit in 16 bits");
    put(row, witness_cols[i], uint64_t(w));
  }
}

}  // namespace

mpz_class fill_field_den(Row row, const FieldShape& f, std::span<const size_t> result, std::span<const size_t> carry,
                         std::span<const size_t> witness, const mpz_class& a, const mpz_class& b, bool sign) {
  const mpz_class& p = f.p;
  const mpz_class denominator = mod(sign ? mpz_class(b + 1) : mpz_class(p - b + 1), p);
  if (denominator == 0) throw std::invalid_argument("field gadget: division by zero");
  const mpz_class r = mod(a * inverse_mod_prime(denominator, p), p);
  const mpz_class lhs = sign ? mpz_class(b * r + r) : mpz_class(b * r + a);
  const mpz_class q = (lhs - (sign ? a : r)) / p;
  const std::vector<uint8_t> al = limbs_of(a, f.limbs, "an operand"), bl = limbs_of(b, f.limbs, "an operand");
  const std::vector<uint8_t> rl = limbs_of(r, f.limbs, "the result"), cl = limbs_of(q, f.limbs, "the carry");
  const std::vector<uint8_t> modulus(f.modulus.begin(), f.modulus.end());
  std::vector<int64_t> v(f.witness_limbs + 1, 0);
  add_product(v, bl, rl, 1);
  add_product(v, cl, modulus, -1);
  for (size_t i = 0; i < f.limbs; ++i) v[i] += sign ? int64_t(rl[i]) - al[i] : int64_t(al[i]) - rl[i];
  fill_result_carry_witness(row, f, result, carry, witness, rl, cl, std::move(v));
  return r;
}

mpz_class fill_field_inner_product(Row row, const FieldShape& f, std::span<const size_t> result,
                                   std::span<const size_t> carry, std::span<const size_t> witness,
                                   const std::vector<mpz_class>& a, const std::vector<mpz_class>& b) {
  if (a.size() != b.size()) throw std::invalid_argument("field gadget: inner product of vectors of two lengths");
  mpz_class sum = 0;
  std::vector<int64_t> v(f.witness_limbs + 1, 0);
  for (size_t i = 0; i < a.size(); ++i) {
    sum += a[i] * b[i];
    add_product(v, limbs_of(a[i], f.limbs, "an operand"), limbs_of(b[i], f.limbs, "an operand"), 1);
  }
  const mpz_class r = mod(sum, f.p), q = (sum - r) / f.p;
  const std::vector<uint8_t> rl = limbs_of(r, f.limbs, "the result"), cl = limbs_of(q, f.limbs, "the carry");
  const std::vector<uint8_t> modulus(f.modulus.begin(), f.modulus.end());
  for (size_t i = 0; i < f.limbs; ++i) v[i] -= rl[i];
  add_product(v, cl, modulus, -1);
  fill_result_carry_witness(row, f, result, carry, witness, rl, cl, std::move(v));
  return r;
}

}  // namespace zkgpu::sp1::riscv
