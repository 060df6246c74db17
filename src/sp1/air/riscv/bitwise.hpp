// SP1 v6.4's Bitwise chip (crates/core/machine/src/alu/bitwise/mod.rs): XOR, OR
// and AND, register or immediate op_c, one byte-table lookup per result byte
// (operations/bitwise_u16.rs, bitwise.rs, u16_operation.rs: each u16 limb of b
// and c splits into its low byte, a column, and its high byte, (limb - low) / 2^8).
//
// Columns: CPUState 6 + ALUTypeReader 26 + BitwiseU16Operation (b_low_bytes 4,
// c_low_bytes 4, result 8) 16 + is_xor, is_or, is_and 3 = 51 (SP1's
// NUM_BITWISE_COLS_SUPERVISOR; User adds one).
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/u16_to_u8.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct BitwiseU16Operation {
  U16toU8Operation<T> b_low_bytes;
  U16toU8Operation<T> c_low_bytes;
  std::array<T, 8> result;  // BitwiseOperation: the result's bytes
};

template <class T>
struct BitwiseCols {
  CPUState<T> state;
  ALUTypeReader<T> adapter;
  BitwiseU16Operation<T> bitwise_operation;
  T is_xor;
  T is_or;
  T is_and;
};

// The result word of BitwiseU16Operation: its bytes as u16 limbs.
template <class B>
Word<E<B>> bitwise_result(B& b, const BitwiseU16Operation<size_t>& cols) {
  Word<E<B>> out;
  for (size_t i = 0; i < 4; ++i)
    out[i] = b.main(cols.result[2 * i]) + b.main(cols.result[2 * i + 1]) * b.constant(1u << 8);
  return out;
}

// BitwiseU16Operation::eval.
template <class B>
void eval_bitwise_u16(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const BitwiseU16Operation<size_t>& cols,
                      const E<B>& byte_opcode, const E<B>& is_real) {
  assert_bool(b, is_real);
  const auto xb = word_bytes(b, x, cols.b_low_bytes), yb = word_bytes(b, y, cols.c_low_bytes);
  for (size_t i = 0; i < 8; ++i) {
    const std::array<E<B>, 4> values{byte_opcode, b.main(cols.result[i]), xb[i], yb[i]};
    b.interact(Direction::Send, InteractionKind::Byte, std::span<const E<B>>(values), is_real);
  }
}

template <TrustMode M, Features F>
struct BitwiseChip : AluChipBase<BitwiseCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Bitwise", "BitwiseUser");
  using Base = AluChipBase<BitwiseCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 3> flags{b.main(c.is_xor), b.main(c.is_or), b.main(c.is_and)};
    const E<B> is_real = flags[0] + flags[1] + flags[2];
    for (const auto& f : flags) assert_bool(b, f);
    assert_bool(b, is_real);
    const E<B> byte_opcode = select_by_flags<B, 3>(
        b, flags, {uint32_t(ByteOpcode::XOR), uint32_t(ByteOpcode::OR), uint32_t(ByteOpcode::AND)});
    const E<B> opcode =
        select_by_flags<B, 3>(b, flags, {uint32_t(Opcode::XOR), uint32_t(Opcode::OR), uint32_t(Opcode::AND)});
    const auto consts = alu_field_consts<B, 3>(b, flags, {Opcode::XOR, Opcode::OR, Opcode::AND}, b.main(c.adapter.imm_c));
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_memory.prev_value);
    eval_alu_body(
        b, M, F, c, Base::kIsTrusted, is_real, opcode, consts,
        [&] { eval_bitwise_u16(b, x, y, c.bitwise_operation, byte_opcode, is_real); },
        bitwise_result(b, c.bitwise_operation));
  }
};

}  // namespace zkgpu::sp1::air::riscv
