// SP1 v6.4's ShiftRight chip (crates/core/machine/src/alu/sr/mod.rs): SRL, SRA,
// SRLW, SRAW, register or immediate amount. As ShiftLeft, mirrored: v_0123 =
// 2^(16 - amount mod 16); each limb of b splits into the bits shifted out below
// (lower_limb) and the bits that stay (higher_limb); the sign fills from b_msb
// (SRA: b's top bit, SRAW: bit 31) and a W result sign-extends from srw_msb.
//
// Columns: CPUState 6 + ALUTypeReader 26 + a 4 + b_msb 1 + srw_msb 1 + c_bits 6 +
// sra_msb_v0123 1 + v_0123, v_012, v_01 3 + lower_limb 4 + higher_limb 4 +
// limb_result 4 + shift_u16 4 + is_srl, is_sra, is_srlw, is_sraw 4 + is_w_imm 1 =
// 69 (SP1's NUM_SHIFT_RIGHT_COLS_SUPERVISOR; User adds one).
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct ShiftRightCols {
  CPUState<T> state;
  ALUTypeReader<T> adapter;
  Word<T> a;
  U16MSBOperation<T> b_msb;
  U16MSBOperation<T> srw_msb;
  std::array<T, 6> c_bits;
  T sra_msb_v0123;
  T v_0123;
  T v_012;
  T v_01;
  Word<T> lower_limb;
  Word<T> higher_limb;
  Word<T> limb_result;
  Word<T> shift_u16;
  T is_srl;
  T is_sra;
  T is_srlw;
  T is_sraw;
  T is_w_imm;
};

template <TrustMode M, Features F>
struct ShiftRightChip : AluChipBase<ShiftRightCols, M, F> {
  static constexpr const char* kName = chip_name<M>("ShiftRight", "ShiftRightUser");
  using Base = AluChipBase<ShiftRightCols, M, F>;

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 4> flags{b.main(c.is_srl), b.main(c.is_sra), b.main(c.is_srlw), b.main(c.is_sraw)};
    const E<B> is_real = flags[0] + flags[1] + flags[2] + flags[3];
    for (const auto& f : flags) assert_bool(b, f);
    assert_bool(b, is_real);
    const E<B> one = b.constant(1);
    const E<B> is_word = flags[2] + flags[3], not_word = flags[0] + flags[1];
    const E<B> imm_c = b.main(c.adapter.imm_c);

    const std::array<Opcode, 4> ops{Opcode::SRL, Opcode::SRA, Opcode::SRLW, Opcode::SRAW};
    std::array<uint32_t, 4> code{}, type{}, base{}, funct3{}, funct7{};
    for (size_t k = 0; k < 4; ++k) {
      const OpcodeFields f = alu_fields(ops[k]);
      code[k] = uint32_t(ops[k]);
      type[k] = uint32_t(f.type);
      base[k] = f.base;
      funct3[k] = f.funct3;
      funct7[k] = f.funct7;
    }
    const OpcodeFields srl = alu_fields(Opcode::SRL), srlw = alu_fields(Opcode::SRLW);
    const E<B> opcode = select_by_flags(b, flags, code);
    const E<B> f3 = select_by_flags(b, flags, funct3), f7 = select_by_flags(b, flags, funct7);
    const E<B> base_opcode = select_by_flags(b, flags, base) - b.constant(srl.base - srl.base_imm) * imm_c;
    // The W forms' immediate type (ITypeShamt32) is one below ITypeShamt.
    const E<B> is_w_imm = b.main(c.is_w_imm);
    b.assert_zero(is_w_imm - (flags[2] + flags[3]) * imm_c);
    const E<B> instr_type = select_by_flags(b, flags, type) - (b.constant(uint32_t(srl.type) - srl.type_imm) * imm_c +
                                                               b.constant(srl.type_imm - srlw.type_imm) * is_w_imm);

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
    send_byte(b, ByteOpcode::Range, (b.main(c.adapter.op_c_memory.prev_value[0]) - low6) * b.constant(inverse_of(64)),
              b.constant(10), b.constant(0), is_real);
    const Word<E<B>> shift = main_word(b, c.shift_u16);
    for (size_t i = 0; i < 4; ++i) {
      b.assert_zero(shift[i] * (bits[4] + bits[5] * b.constant(2) * not_word - b.constant(uint32_t(i))));
      assert_bool(b, shift[i]);
    }
    b.assert_zero(is_real * (shift[0] + shift[1] + shift[2] + shift[3] - one));

    const E<B> v01 = b.main(c.v_01), v012 = b.main(c.v_012), v0123 = b.main(c.v_0123);
    b.assert_zero(v01 - (((one - bits[0]) + one) * b.constant(2)) * ((one - bits[1]) * b.constant(3) + one));
    b.assert_zero(v012 - v01 * ((one - bits[2]) * b.constant(15) + one));
    b.assert_zero(v0123 - v012 * ((one - bits[3]) * b.constant(255) + one));

    const Word<E<B>> lower = main_word(b, c.lower_limb), higher = main_word(b, c.higher_limb);
    for (size_t i = 0; i < 4; ++i) {
      send_byte(b, ByteOpcode::Range, lower[i], bit_shift, b.constant(0), is_real);
      send_byte(b, ByteOpcode::Range, higher[i], b.constant(16) - bit_shift, b.constant(0), is_real);
      // A W operation reads only b's low half.
      const E<B> shifted = i < 2 ? x[i] * v0123 : x[i] * v0123 * not_word;
      b.assert_zero(shifted - (higher[i] * b.constant(1u << 16) + lower[i] * v0123));
    }
    const Word<E<B>> limb_result = main_word(b, c.limb_result);
    for (size_t i = 0; i < 4; ++i) {
      E<B> r = higher[i];
      if (i != 3) r = r + lower[i + 1] * v0123;
      b.assert_zero(limb_result[i] - r);
    }
    eval_msb(b, x[3], c.b_msb, flags[1]);
    eval_msb(b, x[1], c.b_msb, flags[3]);
    const E<B> b_msb = b.main(c.b_msb.msb), srw_msb = b.main(c.srw_msb.msb), sra_msb_v = b.main(c.sra_msb_v0123);
    b.assert_zero((flags[0] + flags[2]) * b_msb);
    b.assert_zero(sra_msb_v - b_msb * v0123);
    const Word<E<B>> a = main_word(b, c.a);
    eval_msb(b, a[1], c.srw_msb, is_word);
    b.assert_zero((is_word - one) * srw_msb);

    const E<B> base16 = b.constant(1u << 16), u16_max = b.constant((1u << 16) - 1);
    // The top limb of the shifted value with the sign's bits filled in.
    const E<B> top = limb_result[3] + (b_msb * base16 - sra_msb_v);
    for (size_t i = 0; i < 4; ++i) {
      for (size_t j = 0; j + 1 + i < 4; ++j) b.assert_zero(not_word * (shift[i] * (a[j] - limb_result[i + j])));
      b.assert_zero(not_word * (shift[i] * (a[3 - i] - top)));
      for (size_t j = 4 - i; j < 4; ++j) b.assert_zero(not_word * (shift[i] * (a[j] - b_msb * u16_max)));
    }
    const E<B> top_w = limb_result[1] + (b_msb * base16 - sra_msb_v);
    b.assert_zero(is_word * (shift[0] * (a[0] - limb_result[0])));
    b.assert_zero(is_word * (shift[0] * (a[1] - top_w)));
    b.assert_zero(is_word * (shift[1] * (a[0] - top_w)));
    b.assert_zero(is_word * (shift[1] * (a[1] - b_msb * u16_max)));
    for (size_t i = 2; i < 4; ++i) b.assert_zero(is_word * (a[i] - srw_msb * u16_max));

    eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
    const E<B> is_trusted = eval_trust(b, M, F, Base::kIsTrusted, c.state, instruction_of(b, c.adapter, opcode),
                                       {instr_type, base_opcode, f3, f7}, is_real);
    b.assert_zero(b.main(c.adapter.op_a_0));
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode, a, c.adapter, is_real,
                is_trusted);
  }
};

}  // namespace zkgpu::sp1::air::riscv
