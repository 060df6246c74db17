// What SP1 v6.4's load and store chips
// (crates/core/machine/src/memory/instructions/{load,store}/*.rs) share: a layout
// that starts with state: CPUState, adapter: ITypeReader, address_operation and
// memory_access, and ends with the trust mode's column; an eval that computes
// the address b + imm (with the access's offset bits), accesses the word (a store
// writes its new value), checks its own columns, then in this order: the CPU
// state (pc + 4, clk + 8), the trust mode (a User chip also sends the page
// permission the access needs), and the reader with rd's new value (a store's
// and LoadX0's keep op_a).
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/memory_access.hpp"

namespace zkgpu::sp1::air::riscv {

// The memory word's timestamp: the instruction's clk at the memory position.
template <class B>
E<B> memory_clk(B& b, const CPUState<size_t>& s) {
  return clk_low(b, s) + b.constant(kPositionMemory);
}

// AddressOperation on the reader's base (rs1) and immediate.
template <class B, class Cols>
std::array<E<B>, 3> eval_instruction_address(B& b, const Cols& c, const std::array<E<B>, 3>& offset_bits,
                                             const E<B>& is_real) {
  return eval_address(b, main_word(b, c.adapter.op_b_memory.prev_value), main_word(b, c.adapter.op_c_imm),
                      offset_bits, c.address_operation, is_real);
}

// Everything after the chip's own checks.
template <class B, class Cols>
void eval_memory_instruction_tail(B& b, TrustMode mode, Features features, const Cols& c, size_t is_trusted_col,
                                  const E<B>& is_real, const E<B>& opcode, const std::array<E<B>, 4>& consts,
                                  const std::array<E<B>, 3>& addr, uint32_t permission, const Word<E<B>>& rd_value) {
  eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
  const E<B> is_trusted =
      eval_trust(b, mode, features, is_trusted_col, c.state, instruction_of(b, c.adapter, opcode), consts, is_real);
  const E<B> clk_high = b.main(c.state.clk_high);
  if (mode == TrustMode::User) send_page_prot(b, clk_high, memory_clk(b, c.state), addr, permission, is_real);
  eval_reader(b, clk_high, clk_low(b, c.state), pc_of(b, c.state), opcode, rd_value, c.adapter, is_real, is_trusted);
}

// u16 limb k of a word, chosen by the offset bits b1 (bit 1) and b2 (bit 2) of
// the address: the four `when` products SP1 asserts, in its order.
template <class B>
void assert_selected_limb(B& b, const E<B>& selected, const Word<E<B>>& word, const E<B>& b1, const E<B>& b2) {
  const E<B> one = b.constant(1);
  b.assert_zero((b1 - one) * (b2 - one) * (selected - word[0]));
  b.assert_zero(b1 * (b2 - one) * (selected - word[1]));
  b.assert_zero((b1 - one) * b2 * (selected - word[2]));
  b.assert_zero(b1 * b2 * (selected - word[3]));
}

}  // namespace zkgpu::sp1::air::riscv
