// What SP1 v6.4's single-opcode ALU chips (Add, Addi, Addw, Sub, Subw; crates/core/
// machine/src/alu/add_sub/*.rs) have in common: a layout of
//   state: CPUState, adapter: a reader, <the operation's columns>, is_real,
//   adapter_cols: the trust mode's (User: is_trusted)
// and an eval that asserts, in this order: is_real is a bit; rd is not x0 (those
// rows go to AluX0); the operation; the CPU state (pc + 4, clk + 8); the trust
// mode's checks; the reader with the operation's result as rd's new value.
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <TrustMode M>
constexpr const char* chip_name(const char* supervisor, const char* user) {
  return M == TrustMode::User ? user : supervisor;
}

// `eval_operation()` emits the operation's constraints; `result` is rd's value.
template <class B, class Cols, class EvalOperation>
void eval_single_opcode_alu(B& b, TrustMode mode, Features features, const Cols& c, size_t is_trusted_col, Opcode op,
                            const std::array<E<B>, 4>& consts, EvalOperation&& eval_operation,
                            const Word<E<B>>& result) {
  const E<B> is_real = b.main(c.is_real);
  assert_bool(b, is_real);
  b.assert_zero(b.main(c.adapter.op_a_0));
  eval_operation(is_real);
  eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
  const E<B> opcode = b.constant(uint32_t(op));
  const E<B> is_trusted =
      eval_trust(b, mode, features, is_trusted_col, c.state, instruction_of(b, c.adapter, opcode), consts, is_real);
  eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode, result, c.adapter, is_real,
              is_trusted);
}

}  // namespace zkgpu::sp1::air::riscv
