// What SP1 v6.4's ALU chips for rd != x0 (crates/core/machine/src/alu/**) have in
// common: a layout that starts with state: CPUState and adapter: a reader, and
// ends with the trust mode's columns (User: is_trusted); an eval that asserts,
// after the chip's own flags, in this order: rd is not x0 (those rows go to
// AluX0); the operation; the CPU state (pc + 4, clk + 8); the trust mode's
// checks; the reader with the operation's result as rd's new value.
#pragma once

#include <type_traits>

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <TrustMode M>
constexpr const char* chip_name(const char* supervisor, const char* user) {
  return M == TrustMode::User ? user : supervisor;
}

// The members of a chip whose User layout is a struct of its own (the precompile
// chips with page checks): Supervisor's or User's column map by the mode.
template <template <class> class Supervisor, template <class> class User, TrustMode M, Features F>
struct ModeLayoutChip {
  using Map = std::conditional_t<M == TrustMode::User, User<size_t>, Supervisor<size_t>>;
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<Map>();
  static constexpr size_t kWidth = num_cols<Map>;
  static constexpr size_t kPreprocessedWidth = 0;
};

// The members every ALU chip has (the control-flow, U-type, load and store chips
// share them: the same layout frame and trust-mode column).
template <template <class> class Layout, TrustMode M, Features F>
struct AluChipBase {
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<Layout<size_t>>();
  static constexpr size_t kWidth = width_in<Layout<size_t>>(M);
  static constexpr size_t kIsTrusted = num_cols<Layout<size_t>>;  // User mode only
  static constexpr size_t kPreprocessedWidth = 0;
};

// Everything after the chip's flags. `eval_operation()` emits the operation's
// constraints; `result` is rd's value; `consts` what an untrusted fetch sends.
template <class B, class Cols, class EvalOperation>
void eval_alu_body(B& b, TrustMode mode, Features features, const Cols& c, size_t is_trusted_col, const E<B>& is_real,
                   const E<B>& opcode, const std::array<E<B>, 4>& consts, EvalOperation&& eval_operation,
                   const Word<E<B>>& result) {
  b.assert_zero(b.main(c.adapter.op_a_0));
  eval_operation();
  eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
  const E<B> is_trusted =
      eval_trust(b, mode, features, is_trusted_col, c.state, instruction_of(b, c.adapter, opcode), consts, is_real);
  eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode, result, c.adapter, is_real,
              is_trusted);
}

// The single-opcode chips (Add, Addi, Addw, Sub, Subw): an is_real column.
template <class B, class Cols, class EvalOperation>
void eval_single_opcode_alu(B& b, TrustMode mode, Features features, const Cols& c, size_t is_trusted_col, Opcode op,
                            const std::array<E<B>, 4>& consts, EvalOperation&& eval_operation,
                            const Word<E<B>>& result) {
  const E<B> is_real = b.main(c.is_real);
  assert_bool(b, is_real);
  eval_alu_body(b, mode, features, c, is_trusted_col, is_real, b.constant(uint32_t(op)), consts,
                [&] { eval_operation(is_real); }, result);
}

// A value chosen by one-hot opcode flags: sum flag_k * value_k (SP1 writes the
// opcode, funct3, ... of its multi-opcode chips so).
template <class B, size_t N>
E<B> select_by_flags(B& b, const std::array<E<B>, N>& flags, const std::array<uint32_t, N>& values) {
  E<B> acc = flags[0] * b.constant(values[0]);
  for (size_t k = 1; k < N; ++k) acc = acc + flags[k] * b.constant(values[k]);
  return acc;
}

// The opcode of a multi-opcode chip, chosen by its one-hot flags.
template <class B, size_t N>
E<B> opcode_by_flags(B& b, const std::array<E<B>, N>& flags, const std::array<Opcode, N>& ops) {
  std::array<uint32_t, N> code{};
  for (size_t k = 0; k < N; ++k) code[k] = uint32_t(ops[k]);
  return select_by_flags(b, flags, code);
}

// [instr_type, base_opcode, funct3, funct7] of a multi-opcode chip whose opcodes
// have one form each (the register form for the ALU ones): each chosen by its flag.
template <class B, size_t N>
std::array<E<B>, 4> field_consts_by_flags(B& b, const std::array<E<B>, N>& flags, const std::array<Opcode, N>& ops) {
  std::array<uint32_t, N> type{}, base{}, funct3{}, funct7{};
  for (size_t k = 0; k < N; ++k) {
    const OpcodeFields f = opcode_fields(ops[k]);
    type[k] = uint32_t(f.type);
    base[k] = f.base;
    funct3[k] = f.funct3;
    funct7[k] = f.funct7;
  }
  return {select_by_flags(b, flags, type), select_by_flags(b, flags, base), select_by_flags(b, flags, funct3),
          select_by_flags(b, flags, funct7)};
}

// The tail of the multi-opcode R-type chips (Mul, DivRem), after the operation:
// the CPU state, the trust mode with the opcode's fields chosen by the flags,
// rd != x0, the reader with `result` as rd's new value.
template <class B, class Cols, size_t N>
void eval_rtype_tail(B& b, TrustMode mode, Features features, const Cols& c, size_t is_trusted_col,
                     const std::array<E<B>, N>& flags, const std::array<Opcode, N>& ops, const E<B>& is_real,
                     const Word<E<B>>& result) {
  const E<B> opcode = opcode_by_flags(b, flags, ops);
  eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
  const E<B> is_trusted = eval_trust(b, mode, features, is_trusted_col, c.state, instruction_of(b, c.adapter, opcode),
                                     field_consts_by_flags(b, flags, ops), is_real);
  b.assert_zero(b.main(c.adapter.op_a_0));
  eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode, result, c.adapter, is_real,
              is_trusted);
}

// [instr_type, base_opcode, funct3, funct7] of a multi-opcode chip with the
// ALUTypeReader: each opcode's register-form values chosen by its flag, minus the
// register/immediate difference (equal for all of the chip's opcodes) when imm_c.
template <class B, size_t N>
std::array<E<B>, 4> alu_field_consts(B& b, const std::array<E<B>, N>& flags, const std::array<Opcode, N>& ops,
                                     const E<B>& imm_c) {
  std::array<uint32_t, N> type{}, base{}, funct3{}, funct7{};
  for (size_t k = 0; k < N; ++k) {
    const OpcodeFields f = alu_fields(ops[k]);
    type[k] = uint32_t(f.type);
    base[k] = f.base;
    funct3[k] = f.funct3;
    funct7[k] = f.funct7;
  }
  const OpcodeFields f0 = alu_fields(ops[0]);
  return {select_by_flags(b, flags, type) - b.constant(uint32_t(f0.type) - f0.type_imm) * imm_c,
          select_by_flags(b, flags, base) - b.constant(f0.base - f0.base_imm) * imm_c,
          select_by_flags(b, flags, funct3), select_by_flags(b, flags, funct7)};
}

}  // namespace zkgpu::sp1::air::riscv
