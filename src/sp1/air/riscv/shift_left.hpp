// SP1 v6.4's ShiftLeft chip (crates/core/machine/src/alu/sll/mod.rs): SLL and
// SLLW, register or immediate shift amount. The amount's low 6 bits are columns;
// v_0123 = 2^(amount mod 16) is built from them; each u16 limb of b splits into
// the bits that stay (lower_limb, shifted by v_0123) and the bits that carry into
// the next limb (higher_limb); shift_u16 selects the whole-limb shift.
//
// Columns: CPUState 6 + ALUTypeReader 26 + a 4 + c_bits 6 + v_01, v_012, v_0123 3 +
// shift_u16 4 + lower_limb 4 + higher_limb 4 + limb_result 4 + sllw_msb 1 + is_sll,
// is_sllw, is_sllw_imm 3 = 65 (SP1's NUM_SHIFT_LEFT_COLS_SUPERVISOR; User adds one).
//
// Unlike the other ALU chips, ShiftLeft asserts op_a_0 = 0 after its CPU state and
// trust checks, right before the reader.
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct ShiftLeftCols {
  CPUState<T> state;
  ALUTypeReader<T> adapter;
  Word<T> a;
  std::array<T, 6> c_bits;
  T v_01;
  T v_012;
  T v_0123;
  Word<T> shift_u16;
  Word<T> lower_limb;
  Word<T> higher_limb;
  Word<T> limb_result;
  U16MSBOperation<T> sllw_msb;
  T is_sll;
  T is_sllw;
  T is_sllw_imm;
};

template <TrustMode M, Features F>
struct ShiftLeftChip : AluChipBase<ShiftLeftCols, M, F> {
  static constexpr const char* kName = chip_name<M>("ShiftLeft", "ShiftLeftUser");
  using Base = AluChipBase<ShiftLeftCols, M, F>;

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> is_sll = b.main(c.is_sll), is_sllw = b.main(c.is_sllw), imm_c = b.main(c.adapter.imm_c);
    const E<B> is_real = is_sll + is_sllw;
    assert_bool(b, is_real);
    assert_bool(b, is_sll);
    assert_bool(b, is_sllw);
    std::array<E<B>, 6> bits;
    for (size_t i = 0; i < 6; ++i) {
      bits[i] = b.main(c.c_bits[i]);
      assert_bool(b, bits[i]);
    }
    E<B> low6 = b.constant(0), bit_shift = b.constant(0);
    for (size_t i = 0; i < 6; ++i) {
      low6 = low6 + bits[i] * b.constant(1u << i);
      if (i == 3) bit_shift = low6;
    }
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value);
    const E<B> c0 = b.main(c.adapter.op_c_memory.prev_value[0]);
    // The amount's bits above the sixth: (c0 - low6) / 64 < 2^10.
    send_byte(b, ByteOpcode::Range, (c0 - low6) * b.constant(inverse_of(64)), b.constant(10), b.constant(0), is_real);

    const Word<E<B>> shift = main_word(b, c.shift_u16);
    for (size_t i = 0; i < 4; ++i) {
      b.assert_zero(shift[i] * (bits[4] + bits[5] * b.constant(2) * is_sll - b.constant(uint32_t(i))));
      assert_bool(b, shift[i]);
    }
    b.assert_zero(is_real * (shift[0] + shift[1] + shift[2] + shift[3] - b.constant(1)));

    const E<B> v01 = b.main(c.v_01), v012 = b.main(c.v_012), v0123 = b.main(c.v_0123);
    b.assert_zero(v01 - (bits[0] + b.constant(1)) * (bits[1] * b.constant(3) + b.constant(1)));
    b.assert_zero(v012 - v01 * (bits[2] * b.constant(15) + b.constant(1)));
    b.assert_zero(v0123 - v012 * (bits[3] * b.constant(255) + b.constant(1)));

    const Word<E<B>> lower = main_word(b, c.lower_limb), higher = main_word(b, c.higher_limb);
    for (size_t i = 0; i < 4; ++i) {
      send_byte(b, ByteOpcode::Range, lower[i], b.constant(16) - bit_shift, b.constant(0), is_real);
      send_byte(b, ByteOpcode::Range, higher[i], bit_shift, b.constant(0), is_real);
      b.assert_zero(x[i] * v0123 - (higher[i] * b.constant(1u << 16) + lower[i] * v0123));
    }
    const Word<E<B>> limb_result = main_word(b, c.limb_result);
    for (size_t i = 0; i < 4; ++i) {
      E<B> r = lower[i] * v0123;
      if (i != 0) r = r + higher[i - 1];
      b.assert_zero(limb_result[i] - r);
    }
    const Word<E<B>> a = main_word(b, c.a);
    for (size_t i = 0; i < 4; ++i)
      for (size_t j = 0; j < 4; ++j)
        b.assert_zero(is_sll * (shift[i] * (j < i ? a[j] : a[j] - limb_result[j - i])));
    for (size_t i = 0; i < 2; ++i)
      for (size_t j = 0; j < 2; ++j)
        b.assert_zero(is_sllw * (shift[i] * (j < i ? a[j] : a[j] - limb_result[j - i])));
    const E<B> msb = b.main(c.sllw_msb.msb);
    for (size_t i = 2; i < 4; ++i) b.assert_zero(is_sllw * (msb * b.constant((1u << 16) - 1) - a[i]));
    eval_msb(b, a[1], c.sllw_msb, is_sllw);

    const E<B> opcode = is_sll * b.constant(uint32_t(Opcode::SLL)) + is_sllw * b.constant(uint32_t(Opcode::SLLW));
    const OpcodeFields sll = alu_fields(Opcode::SLL), sllw = alu_fields(Opcode::SLLW);
    const E<B> funct3 = is_sll * b.constant(sll.funct3) + is_sllw * b.constant(sllw.funct3);
    const E<B> funct7 = is_sll * b.constant(sll.funct7) + is_sllw * b.constant(sllw.funct7);
    const E<B> base = is_sll * b.constant(sll.base) + is_sllw * b.constant(sllw.base) -
                      b.constant(sll.base - sll.base_imm) * imm_c;
    // SLLW's immediate form is ITypeShamt32, one below SLL's ITypeShamt.
    const E<B> is_sllw_imm = b.main(c.is_sllw_imm);
    b.assert_zero(is_sllw_imm - is_sllw * imm_c);
    const E<B> type = is_sll * b.constant(uint32_t(sll.type)) + is_sllw * b.constant(uint32_t(sllw.type)) -
                      (b.constant(uint32_t(sll.type) - sll.type_imm) * imm_c +
                       b.constant(sll.type_imm - sllw.type_imm) * is_sllw_imm);

    eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
    const E<B> is_trusted = eval_trust(b, M, F, Base::kIsTrusted, c.state, instruction_of(b, c.adapter, opcode),
                                       {type, base, funct3, funct7}, is_real);
    b.assert_zero(b.main(c.adapter.op_a_0));
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode, a, c.adapter, is_real,
                is_trusted);
  }
};

}  // namespace zkgpu::sp1::air::riscv
