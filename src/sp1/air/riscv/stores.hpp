// SP1 v6.4's store chips (crates/core/machine/src/memory/instructions/store/):
// the memory word is written with op_a's low byte (SB), u16 limb (SH) or 32-bit
// half (SW) at the address's offset bits, the rest of the word as it was; SD
// writes op_a's whole value. op_a (rs2) is read and kept (ITypeReaderImmutable);
// any register, x0 included, may be stored.
//
// Columns: the frame (CPUState 6, ITypeReader 19, AddressOperation 4,
// MemoryAccessCols 9) 38, then StoreByte offset_bit 3, mem_limb,
// mem_limb_low_byte, register_low_byte, increment, store_value 4, is_real = 50;
// StoreHalf offset_bit 2, store_value 4, is_real = 45; StoreWord offset_bit,
// store_value 4, is_real = 44; StoreDouble is_real = 39 (SP1's
// NUM_STORE_*_COLS_SUPERVISOR, rv64im_costs.json; User adds one).
#pragma once

#include "sp1/air/riscv/memory_instruction.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct StoreByteCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  std::array<T, 3> offset_bit;
  T mem_limb;
  T mem_limb_low_byte;
  T register_low_byte;
  T increment;
  Word<T> store_value;
  T is_real;
};

template <class T>
struct StoreHalfCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  std::array<T, 2> offset_bit;  // address bits 1 and 2
  Word<T> store_value;
  T is_real;
};

template <class T>
struct StoreWordCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  T offset_bit;  // address bit 2
  Word<T> store_value;
  T is_real;
};

template <class T>
struct StoreDoubleCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddressOperation<T> address_operation;
  MemoryAccessCols<T> memory_access;
  T is_real;
};

// is_real, the address and the write of store_value (or, for SD, op_a's value):
// what every store does before its own checks. Returns the aligned address.
template <class B, class Cols>
std::array<E<B>, 3> eval_store_head(B& b, const Cols& c, const std::array<E<B>, 3>& offset_bits,
                                    const Word<E<B>>& new_value) {
  const E<B> is_real = b.main(c.is_real);
  assert_bool(b, is_real);
  const auto addr = eval_instruction_address(b, c, offset_bits, is_real);
  eval_memory_access(b, b.main(c.state.clk_high), memory_clk(b, c.state), addr, c.memory_access, new_value, is_real);
  return addr;
}

template <class B, class Chip>
void eval_store_tail(B& b, const Chip&, Opcode op, const std::array<E<B>, 3>& addr) {
  const auto& c = Chip::kMain;
  eval_memory_instruction_tail(b, Chip::kMode, Chip::kFeatures, c, Chip::kIsTrusted, b.main(c.is_real),
                               b.constant(uint32_t(op)), field_consts(b, op), addr, kProtWrite,
                               main_word(b, c.adapter.op_a_memory.prev_value));
}

template <TrustMode M, Features F>
struct StoreByteChip : AluChipBase<StoreByteCols, M, F> {
  static constexpr const char* kName = chip_name<M>("StoreByte", "StoreByteUser");
  using Base = AluChipBase<StoreByteCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 3> bits{b.main(c.offset_bit[0]), b.main(c.offset_bit[1]), b.main(c.offset_bit[2])};
    const Word<E<B>> store = main_word(b, c.store_value);
    const auto addr = eval_store_head(b, c, bits, store);
    const E<B> is_real = b.main(c.is_real), one = b.constant(1), inv256 = b.constant(inverse_of(1u << 8));
    const Word<E<B>> prev = main_word(b, c.memory_access.prev_value);
    const E<B> mem_limb = b.main(c.mem_limb), mem_low = b.main(c.mem_limb_low_byte);
    const E<B> reg_low = b.main(c.register_low_byte), increment = b.main(c.increment);
    assert_selected_limb(b, mem_limb, prev, bits[1], bits[2]);
    const E<B> reg_high = (b.main(c.adapter.op_a_memory.prev_value[0]) - reg_low) * inv256;
    range_check_u8(b, std::array<E<B>, 2>{reg_low, reg_high}, is_real);
    const E<B> mem_high = (mem_limb - mem_low) * inv256;
    range_check_u8(b, std::array<E<B>, 2>{mem_low, mem_high}, is_real);
    b.assert_zero(increment - ((reg_low - mem_low) * (one - bits[0]) +
                               b.constant(1u << 8) * (reg_low - mem_high) * bits[0]));
    b.assert_zero(store[0] - (increment * (one - bits[1]) * (one - bits[2]) + prev[0]));
    b.assert_zero(store[1] - (increment * bits[1] * (one - bits[2]) + prev[1]));
    b.assert_zero(store[2] - (increment * (one - bits[1]) * bits[2] + prev[2]));
    b.assert_zero(store[3] - (increment * bits[1] * bits[2] + prev[3]));
    eval_store_tail(b, *this, Opcode::SB, addr);
  }
};

template <TrustMode M, Features F>
struct StoreHalfChip : AluChipBase<StoreHalfCols, M, F> {
  static constexpr const char* kName = chip_name<M>("StoreHalf", "StoreHalfUser");
  using Base = AluChipBase<StoreHalfCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> bit1 = b.main(c.offset_bit[0]), bit2 = b.main(c.offset_bit[1]), one = b.constant(1);
    const Word<E<B>> store = main_word(b, c.store_value);
    const auto addr = eval_store_head(b, c, {b.constant(0), bit1, bit2}, store);
    const Word<E<B>> prev = main_word(b, c.memory_access.prev_value);
    const E<B> limb = b.main(c.adapter.op_a_memory.prev_value[0]);
    b.assert_zero(store[0] - (prev[0] + (limb - prev[0]) * (one - bit1) * (one - bit2)));
    b.assert_zero(store[1] - (prev[1] + (limb - prev[1]) * bit1 * (one - bit2)));
    b.assert_zero(store[2] - (prev[2] + (limb - prev[2]) * (one - bit1) * bit2));
    b.assert_zero(store[3] - (prev[3] + (limb - prev[3]) * bit1 * bit2));
    eval_store_tail(b, *this, Opcode::SH, addr);
  }
};

template <TrustMode M, Features F>
struct StoreWordChip : AluChipBase<StoreWordCols, M, F> {
  static constexpr const char* kName = chip_name<M>("StoreWord", "StoreWordUser");
  using Base = AluChipBase<StoreWordCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> bit2 = b.main(c.offset_bit), one = b.constant(1);
    const Word<E<B>> store = main_word(b, c.store_value);
    const auto addr = eval_store_head(b, c, {b.constant(0), b.constant(0), bit2}, store);
    const Word<E<B>> prev = main_word(b, c.memory_access.prev_value);
    const Word<E<B>> value = main_word(b, c.adapter.op_a_memory.prev_value);
    b.assert_zero(store[0] - (prev[0] + (value[0] - prev[0]) * (one - bit2)));
    b.assert_zero(store[1] - (prev[1] + (value[1] - prev[1]) * (one - bit2)));
    b.assert_zero(store[2] - (prev[2] + (value[0] - prev[2]) * bit2));
    b.assert_zero(store[3] - (prev[3] + (value[1] - prev[3]) * bit2));
    eval_store_tail(b, *this, Opcode::SW, addr);
  }
};

template <TrustMode M, Features F>
struct StoreDoubleChip : AluChipBase<StoreDoubleCols, M, F> {
  static constexpr const char* kName = chip_name<M>("StoreDouble", "StoreDoubleUser");
  using Base = AluChipBase<StoreDoubleCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> zero = b.constant(0);
    const auto addr = eval_store_head(b, c, {zero, zero, zero}, main_word(b, c.adapter.op_a_memory.prev_value));
    eval_store_tail(b, *this, Opcode::SD, addr);
  }
};

}  // namespace zkgpu::sp1::air::riscv
