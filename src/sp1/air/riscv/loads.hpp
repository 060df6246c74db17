// SP1 v6.4's load chips (crates/core/machine/src/memory/instructions/load/):
//   LoadByte   LB, LBU    the byte at offset bits 0-2, sign-extended for LB (its msb
//                         by the byte table's MSB lookup)
//   LoadHalf   LH, LHU    the u16 limb at offset bits 1-2, sign-extended for LH
//   LoadWord   LW, LWU    the 32-bit half at offset bit 2, sign-extended for LW
//   LoadDouble LD         the whole word (8-aligned)
//   LoadX0     any load into x0: only the access, rd keeps 0
// rd != x0 in all but LoadX0 (op_a_0 = 0; LoadX0's rows have op_a_0 = is_real).
//
// Columns: the frame (CPUState 6, ITypeReader 19, AddressOperation 4,
// MemoryAccessCols 9) 38, then LoadByte offset_bit 3, selected_limb,
// selected_limb_low_byte, selected_byte, msb, is_lb, is_lbu = 47; LoadHalf
// offset_bit 2, selected_half, msb, is_lh, is_lhu = 44; LoadWord offset_bit,
// selected_word 2, msb, is_lw, is_lwu = 44; LoadDouble is_real = 39; LoadX0
// offset_bit 3 and 7 opcode flags = 48 (SP1's NUM_LOAD_*_COLS_SUPERVISOR,
// rv64im_costs.json; User adds one).
#pragma once

#include "sp1/air/riscv/memory_instruction.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct LoadByteCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  std::array<T, 3> offset_bit;
  T selected_limb;
  T selected_limb_low_byte;
  T selected_byte;
  T msb;
  T is_lb;
  T is_lbu;
};

template <class T>
struct LoadHalfCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  std::array<T, 2> offset_bit;  // address bits 1 and 2
  T selected_half;
  U16MSBOperation<T> msb;
  T is_lh;
  T is_lhu;
};

template <class T>
struct LoadWordCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  T offset_bit;  // address bit 2
  std::array<T, 2> selected_word;
  U16MSBOperation<T> msb;
  T is_lw;
  T is_lwu;
};

template <class T>
struct LoadDoubleCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  T is_real;
};

template <class T>
struct LoadX0Cols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  std::array<T, 3> offset_bit;
  T is_lb;
  T is_lbu;
  T is_lh;
  T is_lhu;
  T is_lw;
  T is_lwu;
  T is_ld;
};

inline constexpr std::array<Opcode, 7> kLoadX0Opcodes{Opcode::LB, Opcode::LBU, Opcode::LH, Opcode::LHU,
                                                       Opcode::LW, Opcode::LWU, Opcode::LD};

// What LoadByte, LoadHalf and LoadWord assert first: their two opcode flags (bits,
// and so their sum is_real), the address with the access's offset bits, the
// word's read, rd != x0.
template <class B>
struct LoadHead {
  E<B> opcode;
  std::array<E<B>, 4> consts;
  E<B> is_real;
  std::array<E<B>, 3> addr;
};

template <class B, class Cols>
LoadHead<B> eval_load_head(B& b, const Cols& c, const std::array<E<B>, 2>& flags, const std::array<Opcode, 2>& ops,
                           const std::array<E<B>, 3>& offset_bits) {
  LoadHead<B> h{opcode_by_flags(b, flags, ops), field_consts_by_flags(b, flags, ops), flags[0] + flags[1], {}};
  assert_bool(b, flags[0]);
  assert_bool(b, flags[1]);
  assert_bool(b, h.is_real);
  h.addr = eval_instruction_address(b, c, offset_bits, h.is_real);
  eval_memory_read(b, b.main(c.state.clk_high), memory_clk(b, c.state), h.addr, c.memory_access, h.is_real);
  b.assert_zero(b.main(c.adapter.op_a_0));
  return h;
}

template <TrustMode M, Features F>
struct LoadByteChip : AluChipBase<LoadByteCols, M, F> {
  static constexpr const char* kName = chip_name<M>("LoadByte", "LoadByteUser");
  using Base = AluChipBase<LoadByteCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 2> flags{b.main(c.is_lb), b.main(c.is_lbu)};
    const std::array<E<B>, 3> bits{b.main(c.offset_bit[0]), b.main(c.offset_bit[1]), b.main(c.offset_bit[2])};
    const LoadHead<B> h = eval_load_head(b, c, flags, {Opcode::LB, Opcode::LBU}, bits);
    const E<B> limb = b.main(c.selected_limb), byte0 = b.main(c.selected_limb_low_byte);
    assert_selected_limb(b, limb, main_word(b, c.memory_access.prev_value), bits[1], bits[2]);
    const E<B> byte1 = (limb - byte0) * b.constant(inverse_of(1u << 8));
    range_check_u8(b, std::array<E<B>, 2>{byte0, byte1}, h.is_real);
    const E<B> byte = b.main(c.selected_byte), msb = b.main(c.msb);
    b.assert_zero(byte - (bits[0] * byte1 + (b.constant(1) - bits[0]) * byte0));
    b.assert_zero(flags[1] * msb);
    send_byte(b, ByteOpcode::MSB, msb, byte, b.constant(0), flags[0]);
    const E<B> ext = b.constant(0xFFFF) * msb;
    eval_memory_instruction_tail(b, M, F, c, Base::kIsTrusted, h.is_real, h.opcode, h.consts, h.addr, kProtRead,
                                 Word<E<B>>{byte + b.constant(0xFF00) * msb, ext, ext, ext});
  }
};

template <TrustMode M, Features F>
struct LoadHalfChip : AluChipBase<LoadHalfCols, M, F> {
  static constexpr const char* kName = chip_name<M>("LoadHalf", "LoadHalfUser");
  using Base = AluChipBase<LoadHalfCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 2> flags{b.main(c.is_lh), b.main(c.is_lhu)};
    const E<B> bit1 = b.main(c.offset_bit[0]), bit2 = b.main(c.offset_bit[1]);
    const LoadHead<B> h = eval_load_head(b, c, flags, {Opcode::LH, Opcode::LHU}, {b.constant(0), bit1, bit2});
    const E<B> half = b.main(c.selected_half), msb = b.main(c.msb.msb);
    assert_selected_limb(b, half, main_word(b, c.memory_access.prev_value), bit1, bit2);
    b.assert_zero(flags[1] * msb);
    eval_msb(b, half, c.msb, flags[0]);
    const E<B> ext = b.constant(0xFFFF) * msb;
    eval_memory_instruction_tail(b, M, F, c, Base::kIsTrusted, h.is_real, h.opcode, h.consts, h.addr, kProtRead,
                                 Word<E<B>>{half, ext, ext, ext});
  }
};

template <TrustMode M, Features F>
struct LoadWordChip : AluChipBase<LoadWordCols, M, F> {
  static constexpr const char* kName = chip_name<M>("LoadWord", "LoadWordUser");
  using Base = AluChipBase<LoadWordCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 2> flags{b.main(c.is_lw), b.main(c.is_lwu)};
    const E<B> bit2 = b.main(c.offset_bit), one = b.constant(1);
    const LoadHead<B> h =
        eval_load_head(b, c, flags, {Opcode::LW, Opcode::LWU}, {b.constant(0), b.constant(0), bit2});
    const Word<E<B>> word = main_word(b, c.memory_access.prev_value);
    const E<B> low = b.main(c.selected_word[0]), high = b.main(c.selected_word[1]), msb = b.main(c.msb.msb);
    b.assert_zero((bit2 - one) * (low - word[0]));
    b.assert_zero((bit2 - one) * (high - word[1]));
    b.assert_zero(bit2 * (low - word[2]));
    b.assert_zero(bit2 * (high - word[3]));
    eval_msb(b, high, c.msb, flags[0]);
    b.assert_zero((flags[0] - one) * msb);
    const E<B> ext = b.constant(0xFFFF) * msb;
    eval_memory_instruction_tail(b, M, F, c, Base::kIsTrusted, h.is_real, h.opcode, h.consts, h.addr, kProtRead,
                                 Word<E<B>>{low, high, ext, ext});
  }
};

template <TrustMode M, Features F>
struct LoadDoubleChip : AluChipBase<LoadDoubleCols, M, F> {
  static constexpr const char* kName = chip_name<M>("LoadDouble", "LoadDoubleUser");
  using Base = AluChipBase<LoadDoubleCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> is_real = b.main(c.is_real), zero = b.constant(0);
    assert_bool(b, is_real);
    const auto addr = eval_instruction_address(b, c, {zero, zero, zero}, is_real);
    eval_memory_read(b, b.main(c.state.clk_high), memory_clk(b, c.state), addr, c.memory_access, is_real);
    b.assert_zero(b.main(c.adapter.op_a_0));
    eval_memory_instruction_tail(b, M, F, c, Base::kIsTrusted, is_real, b.constant(uint32_t(Opcode::LD)),
                                 field_consts(b, Opcode::LD), addr, kProtRead,
                                 main_word(b, c.memory_access.prev_value));
  }
};

template <TrustMode M, Features F>
struct LoadX0Chip : AluChipBase<LoadX0Cols, M, F> {
  static constexpr const char* kName = chip_name<M>("LoadX0", "LoadX0User");
  using Base = AluChipBase<LoadX0Cols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 7> flags{b.main(c.is_lb), b.main(c.is_lbu), b.main(c.is_lh), b.main(c.is_lhu),
                                    b.main(c.is_lw), b.main(c.is_lwu), b.main(c.is_ld)};
    const E<B> opcode = opcode_by_flags(b, flags, kLoadX0Opcodes);
    const auto consts = field_consts_by_flags(b, flags, kLoadX0Opcodes);
    E<B> is_real = flags[0];
    for (size_t k = 1; k < 7; ++k) is_real = is_real + flags[k];
    for (const E<B>& f : flags) assert_bool(b, f);
    assert_bool(b, is_real);
    const std::array<E<B>, 3> bits{b.main(c.offset_bit[0]), b.main(c.offset_bit[1]), b.main(c.offset_bit[2])};
    const auto addr = eval_instruction_address(b, c, bits, is_real);
    // The access's alignment: LD 8 bytes, LW/LWU 4, LH/LHU 2.
    const E<B> &lh = flags[2], &lhu = flags[3], &lw = flags[4], &lwu = flags[5], &ld = flags[6];
    b.assert_zero(ld * bits[2]);
    b.assert_zero((lw + lwu + ld) * bits[1]);
    b.assert_zero((lh + lhu + lw + lwu + ld) * bits[0]);
    eval_memory_read(b, b.main(c.state.clk_high), memory_clk(b, c.state), addr, c.memory_access, is_real);
    const E<B> op_a_0 = b.main(c.adapter.op_a_0);
    b.assert_zero(is_real * (op_a_0 - b.constant(1)));
    b.assert_zero((is_real - b.constant(1)) * op_a_0);
    eval_memory_instruction_tail(b, M, F, c, Base::kIsTrusted, is_real, opcode, consts, addr, kProtRead,
                                 main_word(b, c.adapter.op_a_memory.prev_value));
  }
};

}  // namespace zkgpu::sp1::air::riscv
