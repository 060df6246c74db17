// SP1 v6.4's Lt chip (crates/core/machine/src/alu/lt/mod.rs): SLT and SLTU,
// register or immediate op_c, through LtOperationSigned (operations/slt.rs: the
// sign bits flip into an unsigned comparison), LtOperationUnsigned (the most
// significant differing u16 limb, chosen by one-hot flags, with an inverse proving
// it differs) and U16CompareOperation (operations/u16_compare.rs). Also here:
// SP1FieldWordRangeChecker (a U16CompareOperation of a word's top limb), which the
// ECALL and Poseidon2 chips use.
//
// Columns: CPUState 6 + ALUTypeReader 26 + is_slt, is_sltu 2 + LtOperationSigned
// (LtOperationUnsigned: bit 1, u16_flags 4, not_eq_inv 1, comparison_limbs 2;
// b_msb 1, c_msb 1) 10 = 44 (SP1's NUM_LT_COLS_SUPERVISOR; User adds one).
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct U16CompareOperation {
  T bit;
};

template <class T>
struct LtOperationUnsigned {
  U16CompareOperation<T> u16_compare_operation;
  Word<T> u16_flags;
  T not_eq_inv;
  std::array<T, 2> comparison_limbs;
};

template <class T>
struct LtOperationSigned {
  LtOperationUnsigned<T> result;
  U16MSBOperation<T> b_msb;
  U16MSBOperation<T> c_msb;
};

template <class T>
struct LtCols {
  CPUState<T> state;
  ALUTypeReader<T> adapter;
  T is_slt;
  T is_sltu;
  LtOperationSigned<T> lt_operation;
};

// U16CompareOperation::eval_compare_u16: bit = (x < y) for u16 x, y, since
// x - y + bit 2^16 is a u16 only for the right bit.
template <class B>
void eval_compare_u16(B& b, const E<B>& x, const E<B>& y, const U16CompareOperation<size_t>& cols,
                      const E<B>& is_real) {
  const E<B> bit = b.main(cols.bit);
  assert_bool(b, is_real);
  assert_bool(b, bit);
  send_byte(b, ByteOpcode::Range, x - y + bit * b.constant(1u << 16), b.constant(16), b.constant(0), is_real);
}

// SP1FieldWordRangeChecker (operations/sp1_field_word.rs): a word that is a
// canonical KoalaBear element: limbs 2 and 3 zero, limb 1 below the modulus's top
// limb (p - 1 = 0x7f00 * 2^16), or equal to it with limb 0 zero.
template <class T>
struct FieldWordRangeChecker {
  U16CompareOperation<T> most_sig_limb_lt_top_limb;
};

inline constexpr uint32_t kKoalaBearTopLimb = 0x7f00;

template <class B>
void eval_field_word_range(B& b, const Word<E<B>>& value, const FieldWordRangeChecker<size_t>& c,
                           const E<B>& is_real) {
  assert_bool(b, is_real);
  b.assert_zero(is_real * value[2]);
  b.assert_zero(is_real * value[3]);
  eval_compare_u16(b, value[1], b.constant(kKoalaBearTopLimb), c.most_sig_limb_lt_top_limb, is_real);
  const E<B> not_less = b.main(c.most_sig_limb_lt_top_limb.bit) - b.constant(1);  // when_not(bit)
  b.assert_zero(is_real * not_less * (value[1] - b.constant(kKoalaBearTopLimb)));
  b.assert_zero(is_real * not_less * value[0]);
}

// LtOperationUnsigned::eval_lt_unsigned.
template <class B>
void eval_lt_unsigned(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const LtOperationUnsigned<size_t>& cols,
                      const E<B>& is_real) {
  assert_bool(b, is_real);
  const Word<E<B>> flags = main_word(b, cols.u16_flags);
  const E<B> sum_flags = flags[0] + flags[1] + flags[2] + flags[3];
  for (const auto& f : flags) assert_bool(b, f);
  assert_bool(b, sum_flags);
  const E<B> is_comp_eq = b.constant(1) - sum_flags;
  // From the most significant limb down: equal until the flagged limb.
  E<B> visited = b.constant(0), x_limb = b.constant(0), y_limb = b.constant(0);
  for (size_t k = 4; k-- > 0;) {
    visited = visited + flags[k];
    b.assert_zero((is_real - visited) * (x[k] - y[k]));
    x_limb = x_limb + x[k] * flags[k];
    y_limb = y_limb + y[k] * flags[k];
  }
  const E<B> x_comp = b.main(cols.comparison_limbs[0]), y_comp = b.main(cols.comparison_limbs[1]);
  b.assert_zero(x_limb - x_comp);
  b.assert_zero(y_limb - y_comp);
  // when_not(is_comp_eq): the factor is is_comp_eq - 1.
  b.assert_zero((is_comp_eq - b.constant(1)) * (b.main(cols.not_eq_inv) * (x_comp - y_comp) - is_real));
  eval_compare_u16(b, x_comp, y_comp, cols.u16_compare_operation, is_real);
}

// LtOperationSigned::eval_lt_signed.
template <class B>
void eval_lt_signed(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const LtOperationSigned<size_t>& cols,
                    const E<B>& is_signed, const E<B>& is_real) {
  assert_bool(b, is_signed);
  assert_bool(b, is_real);
  b.assert_zero((is_real - b.constant(1)) * is_signed);
  eval_msb(b, x[3], cols.b_msb, is_signed);
  eval_msb(b, y[3], cols.c_msb, is_signed);
  const E<B> x_msb = b.main(cols.b_msb.msb), y_msb = b.main(cols.c_msb.msb);
  b.assert_zero((is_signed - b.constant(1)) * x_msb);
  b.assert_zero((is_signed - b.constant(1)) * y_msb);
  // x ^ 2^63 when signed: + 2^15 - msb 2^16 in the top limb.
  Word<E<B>> xc = x, yc = y;
  xc[3] = x[3] + is_signed * b.constant(1u << 15) - b.constant(1u << 16) * x_msb;
  yc[3] = y[3] + is_signed * b.constant(1u << 15) - b.constant(1u << 16) * y_msb;
  eval_lt_unsigned(b, xc, yc, cols.result, is_real);
}

template <TrustMode M, Features F>
struct LtChip : AluChipBase<LtCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Lt", "LtUser");
  using Base = AluChipBase<LtCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 2> flags{b.main(c.is_slt), b.main(c.is_sltu)};
    const E<B> is_real = flags[0] + flags[1];
    assert_bool(b, flags[0]);
    assert_bool(b, flags[1]);
    assert_bool(b, is_real);
    const E<B> opcode = select_by_flags<B, 2>(b, flags, {uint32_t(Opcode::SLT), uint32_t(Opcode::SLTU)});
    const auto consts = alu_field_consts<B, 2>(b, flags, {Opcode::SLT, Opcode::SLTU}, b.main(c.adapter.imm_c));
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_memory.prev_value);
    eval_alu_body(
        b, M, F, c, Base::kIsTrusted, is_real, opcode, consts,
        [&] { eval_lt_signed(b, x, y, c.lt_operation, flags[0], is_real); },
        extend_word(b, b.main(c.lt_operation.result.u16_compare_operation.bit)));
  }
};

}  // namespace zkgpu::sp1::air::riscv
