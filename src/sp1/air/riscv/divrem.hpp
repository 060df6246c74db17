// SP1 v6.4's DivRem chip (crates/core/machine/src/alu/divrem/mod.rs): DIV, DIVU,
// REM, REMU and their W forms. The quotient and remainder are witnessed and
// checked by b = c * quotient + remainder over 128 bits (two MulOperations: the
// low 8 bytes as MUL, the high 8 as MULH/MULHU), |remainder| < max(|c|, 1), the
// remainder taking b's sign, division by zero giving all ones, and the one signed
// overflow (b = the minimum, c = -1) giving quotient b and remainder 0. W forms
// compute on sign- (signed) or zero-extended (unsigned) operands; their results
// are sign-extended from bit 31.
//
// Columns: CPUState 6 + RTypeReader 22 + a, b, c 12 + quotient, quotient_comp,
// remainder_comp, remainder, abs_remainder, abs_c, max_abs_c_or_1 28 +
// c_times_quotient 8 + 2 MulOperation 90 + 2 AddOperation 8 + LtOperationUnsigned
// 8 + carry 8 + IsZeroWordOperation 11 + 8 flags + is_overflow + 2
// IsEqualWordOperation 22 + 4 U16MSBOperation + 10 = 246 (SP1's
// NUM_DIVREM_COLS_SUPERVISOR; rv64im_costs.json's DivRem; User adds one).
#pragma once

#include "sp1/air/riscv/is_zero.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/mul.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct DivRemCols {
  CPUState<T> state;
  RTypeReader<T> adapter;
  Word<T> a;
  Word<T> b;  // b sign- or zero-extended from 32 bits for a W form
  Word<T> c;
  Word<T> quotient;
  Word<T> quotient_comp;   // quotient, its low half only for DIVUW/REMUW
  Word<T> remainder_comp;  // remainder, its low half only for DIVUW/REMUW
  Word<T> remainder;
  Word<T> abs_remainder;
  Word<T> abs_c;
  Word<T> max_abs_c_or_1;
  std::array<T, 8> c_times_quotient;
  MulOperation<T> c_times_quotient_lower;
  MulOperation<T> c_times_quotient_upper;
  AddOperation<T> c_neg_operation;
  AddOperation<T> rem_neg_operation;
  LtOperationUnsigned<T> remainder_lt_operation;
  std::array<T, 8> carry;
  IsZeroWordOperation<T> is_c_0;
  T is_div;
  T is_divu;
  T is_rem;
  T is_remu;
  T is_divw;
  T is_remw;
  T is_divuw;
  T is_remuw;
  T is_overflow;
  IsEqualWordOperation<T> is_overflow_b;
  IsEqualWordOperation<T> is_overflow_c;
  U16MSBOperation<T> b_msb;
  U16MSBOperation<T> rem_msb;
  U16MSBOperation<T> c_msb;
  U16MSBOperation<T> quot_msb;
  T b_neg;
  T b_neg_not_overflow;
  T b_not_neg_not_overflow;
  T is_real_not_word;
  T rem_neg;
  T c_neg;
  T abs_c_alu_event;
  T abs_rem_alu_event;
  T is_real;
  T remainder_check_multiplicity;
};

// The opcodes in the order of SP1's flag sums (divu, remu, div, rem, divw, remw,
// divuw, remuw).
inline constexpr std::array<Opcode, 8> kDivRemOpcodes{Opcode::DIVU, Opcode::REMU, Opcode::DIV,   Opcode::REM,
                                                      Opcode::DIVW, Opcode::REMW, Opcode::DIVUW, Opcode::REMUW};

template <TrustMode M, Features F>
struct DivRemChip : AluChipBase<DivRemCols, M, F> {
  static constexpr const char* kName = chip_name<M>("DivRem", "DivRemUser");
  using Base = AluChipBase<DivRemCols, M, F>;

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> one = b.constant(1), zero = b.constant(0), u16_max = b.constant(0xFFFF);
    const E<B> divu = b.main(c.is_divu), remu = b.main(c.is_remu), div = b.main(c.is_div), rem = b.main(c.is_rem),
               divw = b.main(c.is_divw), remw = b.main(c.is_remw), divuw = b.main(c.is_divuw),
               remuw = b.main(c.is_remuw);
    const E<B> is_real = b.main(c.is_real), is_real_not_word = b.main(c.is_real_not_word);
    const E<B> is_word = divw + remw + divuw + remuw;
    const E<B> is_not_word = divu + remu + div + rem;
    const E<B> is_signed_word = divw + remw;
    const E<B> is_unsigned_word = divuw + remuw;
    const E<B> is_signed_type = div + rem + divw + remw;
    const E<B> b_neg = b.main(c.b_neg), c_neg = b.main(c.c_neg), rem_neg = b.main(c.rem_neg);
    const E<B> is_overflow = b.main(c.is_overflow);
    const Word<E<B>> a = main_word(b, c.a), x = main_word(b, c.b), y = main_word(b, c.c);
    const Word<E<B>> in_b = main_word(b, c.adapter.op_b_memory.prev_value);
    const Word<E<B>> in_c = main_word(b, c.adapter.op_c_memory.prev_value);
    const Word<E<B>> quotient = main_word(b, c.quotient), quotient_comp = main_word(b, c.quotient_comp);
    const Word<E<B>> remainder = main_word(b, c.remainder), remainder_comp = main_word(b, c.remainder_comp);
    const Word<E<B>> abs_c = main_word(b, c.abs_c), abs_remainder = main_word(b, c.abs_remainder);
    std::array<E<B>, 8> ctq, carry;
    for (size_t i = 0; i < 8; ++i) {
      ctq[i] = b.main(c.c_times_quotient[i]);
      carry[i] = b.main(c.carry[i]);
    }

    b.assert_zero(is_real_not_word - is_real * (one - is_word));

    // b, remainder and c are negative exactly when signed with their msb set.
    b.assert_zero(b.main(c.b_msb.msb) * is_signed_type - b_neg);
    b.assert_zero(b.main(c.rem_msb.msb) * is_signed_type - rem_neg);
    b.assert_zero(b.main(c.c_msb.msb) * is_signed_type - c_neg);

    // The computational b and c: the read values, extended from 32 bits for W forms.
    for (size_t i = 0; i < 2; ++i) {
      b.assert_zero(in_b[i] - x[i]);
      b.assert_zero(in_c[i] - y[i]);
    }
    for (size_t i = 2; i < 4; ++i) {
      b.assert_zero(x[i] - (in_b[i] * (one - is_word) + b_neg * is_word * u16_max));
      b.assert_zero(y[i] - (in_c[i] * (one - is_word) + c_neg * is_word * u16_max));
    }

    // quotient_comp and remainder_comp: the result, zero-extended for the unsigned
    // W forms; a W result itself is sign-extended.
    const auto comp = [&](const Word<E<B>>& value, const Word<E<B>>& value_comp, const E<B>& msb) {
      for (size_t i = 0; i < 2; ++i) b.assert_zero(value_comp[i] - value[i]);
      for (size_t i = 2; i < 4; ++i) {
        b.assert_zero(is_unsigned_word * (value_comp[i] - zero));
        b.assert_zero(is_signed_word * (value_comp[i] - msb * u16_max));
        b.assert_zero(is_word * (value[i] - msb * u16_max));
        b.assert_zero(is_not_word * (value_comp[i] - value[i]));
      }
    };
    comp(quotient, quotient_comp, b.main(c.quot_msb.msb));
    comp(remainder, remainder_comp, b.main(c.rem_msb.msb));

    // c * quotient over 16 bytes: the low half by MUL, the high half by MULH (signed)
    // or MULHU (unsigned), 64-bit forms only.
    eval_mul(b, Word<E<B>>{ctq[0], ctq[1], ctq[2], ctq[3]}, quotient_comp, y, c.c_times_quotient_lower, is_real,
             {is_real, zero, zero, zero, zero});
    eval_mul(b, Word<E<B>>{ctq[4], ctq[5], ctq[6], ctq[7]}, quotient_comp, y, c.c_times_quotient_upper,
             is_real_not_word, {zero, div + rem, divu + remu, zero, zero});

    // The overflow case: b the minimum and c = -1, compared on 64 or 32 bits.
    const auto constant_word = [&](uint64_t v) {
      const Word<uint16_t> l = u16_limbs(v);
      return Word<E<B>>{b.constant(l[0]), b.constant(l[1]), b.constant(l[2]), b.constant(l[3])};
    };
    eval_is_equal_word(b, in_b, constant_word(uint64_t(1) << 63), c.is_overflow_b, is_real_not_word);
    eval_is_equal_word(b, in_c, constant_word(~uint64_t(0)), c.is_overflow_c, is_real_not_word);
    eval_is_equal_word(b, Word<E<B>>{in_b[0], in_b[1], zero, zero}, constant_word(uint64_t(1) << 31), c.is_overflow_b,
                       is_word);
    eval_is_equal_word(b, Word<E<B>>{in_c[0], in_c[1], zero, zero}, constant_word(0xFFFF'FFFF), c.is_overflow_c,
                       is_word);
    b.assert_zero(is_overflow - b.main(c.is_overflow_b.is_diff_zero.result) *
                                    b.main(c.is_overflow_c.is_diff_zero.result) * is_signed_type);
    b.assert_zero(b.main(c.b_neg_not_overflow) - b_neg * (one - is_overflow));
    b.assert_zero(b.main(c.b_not_neg_not_overflow) - (one - b_neg) * (one - is_overflow));
    for (size_t i = 0; i < 4; ++i) {
      b.assert_zero(is_overflow * (quotient[i] - x[i]));
      b.assert_zero(is_overflow * (remainder[i] - zero));
    }

    // b = c * quotient + remainder (sign-extended to 128 bits), limb by limb with
    // bit carries, unless overflow.
    std::array<E<B>, 8> sum;
    const E<B> sign_extension = rem_neg * u16_max;
    for (size_t i = 0; i < 8; ++i) {
      sum[i] = ctq[i] + (i < 4 ? remainder_comp[i] : sign_extension) - carry[i] * b.constant(1u << 16);
      if (i > 0) sum[i] = sum[i] + carry[i - 1];
    }
    for (size_t i = 0; i < 8; ++i)
      b.assert_zero((is_overflow - one) * ((i < 4 ? x[i] : b_neg * u16_max) - sum[i]));
    range_check_u16(b, sum, is_real);

    // rd gets the quotient or the remainder.
    for (size_t i = 0; i < 4; ++i) {
      b.assert_zero((divu + div + divw + divuw) * (quotient[i] - a[i]));
      b.assert_zero((remu + rem + remw + remuw) * (remainder[i] - a[i]));
    }

    // The remainder takes b's sign: negative only if b is, positive only if b is not.
    const E<B> rem_limb_sum = zero + remainder[0] + remainder[1] + remainder[2] + remainder[3];
    b.assert_zero(rem_neg * (b_neg - one));
    b.assert_zero(rem_limb_sum * (one - rem_neg) * b_neg);

    // Division by zero: quotient all ones, remainder b.
    const E<B> c_is_0 = b.main(c.is_c_0.result);
    eval_is_zero_word(b, y, c.is_c_0, is_real);
    for (size_t i = 0; i < 4; ++i) b.assert_zero(c_is_0 * (quotient[i] - u16_max));
    for (size_t i = 0; i < 4; ++i) b.assert_zero(c_is_0 * (remainder_comp[i] - x[i]));

    // |remainder| < max(|c|, 1): the absolute values equal the values when not
    // negative, and add up to zero with them when negative.
    for (size_t i = 0; i < 4; ++i) {
      b.assert_zero((c_neg - one) * (y[i] - abs_c[i]));
      b.assert_zero((rem_neg - one) * (remainder_comp[i] - abs_remainder[i]));
    }
    const E<B> abs_c_event = b.main(c.abs_c_alu_event), abs_rem_event = b.main(c.abs_rem_alu_event);
    eval_add(b, y, abs_c, c.c_neg_operation, abs_c_event, false);
    range_check_u16(b, abs_c, is_real);
    assert_word_eq_when(b, abs_c_event, zero_word(b), main_word(b, c.c_neg_operation.value));
    eval_add(b, remainder_comp, abs_remainder, c.rem_neg_operation, abs_rem_event, false);
    range_check_u16(b, abs_remainder, is_real);
    assert_word_eq_when(b, abs_rem_event, zero_word(b), main_word(b, c.rem_neg_operation.value));
    b.assert_zero(abs_c_event - c_neg * is_real);
    b.assert_zero(abs_rem_event - rem_neg * is_real);
    const Word<E<B>> max_abs_c_or_1 = main_word(b, c.max_abs_c_or_1);
    b.assert_zero(max_abs_c_or_1[0] - (c_is_0 * one + (one - c_is_0) * abs_c[0]));
    for (size_t i = 1; i < 4; ++i) b.assert_zero(max_abs_c_or_1[i] - (one - c_is_0) * abs_c[i]);
    const E<B> check_mult = b.main(c.remainder_check_multiplicity);
    b.assert_zero((one - c_is_0) * is_real - check_mult);
    eval_lt_unsigned(b, abs_remainder, max_abs_c_or_1, c.remainder_lt_operation, check_mult);
    b.assert_zero(check_mult * (one - b.main(c.remainder_lt_operation.u16_compare_operation.bit)));

    // The msbs: of the top limb for 64-bit forms, of limb 1 for W forms.
    eval_msb(b, in_b[3], c.b_msb, is_real_not_word);
    eval_msb(b, in_c[3], c.c_msb, is_real_not_word);
    eval_msb(b, remainder[3], c.rem_msb, is_real_not_word);
    eval_msb(b, in_b[1], c.b_msb, is_word);
    eval_msb(b, in_c[1], c.c_msb, is_word);
    eval_msb(b, remainder[1], c.rem_msb, is_word);
    eval_msb(b, quotient[1], c.quot_msb, is_word);

    range_check_u16(b, quotient, is_real);
    range_check_u16(b, remainder, is_real);
    for (const E<B>& k : carry) assert_bool(b, k);
    range_check_u16(b, ctq, is_real);

    for (const E<B>& flag : {div, divu, rem, remu, divw, remw, divuw, remuw, is_overflow, is_real_not_word, b_neg,
                             b.main(c.b_neg_not_overflow), b.main(c.b_not_neg_not_overflow), rem_neg, c_neg, is_real,
                             abs_c_event, abs_rem_event})
      assert_bool(b, flag);

    const std::array<E<B>, 8> flags{divu, remu, div, rem, divw, remw, divuw, remuw};
    b.assert_zero(one - (divu + remu + div + rem + divw + remw + divuw + remuw));
    eval_rtype_tail(b, M, F, c, Base::kIsTrusted, flags, kDivRemOpcodes, is_real, a);
  }
};

}  // namespace zkgpu::sp1::air::riscv
