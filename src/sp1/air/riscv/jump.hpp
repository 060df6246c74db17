// SP1 v6.4's Jal and Jalr chips (crates/core/machine/src/control_flow/jal/
// {columns,air}.rs, jalr/{columns,air}.rs), each in both trust modes ("Jal" /
// "JalUser", "Jalr" / "JalrUser") and for both builds.
//   Jal:  next_pc = pc + offset (JTypeReader: op_b = the offset, op_c = 0);
//   Jalr: next_pc = (rs1 + imm) with bit 0 cleared (ITypeReader: rs1 read, the
//         immediate in op_c), lsb the cleared bit;
// both write rd = pc + 4 (op_a_operation; 0 for rd = x0) and check next_pc's
// fourth limb zero and its low limb 4-aligned.
//
// Columns: Jal  = CPUState 6 + JTypeReader 16 + AddOperation 4 x 2 + is_real 1 = 31;
//          Jalr = CPUState 6 + ITypeReader 19 + is_real 1 + AddOperation 4 x 2 +
//                 lsb 1 = 35
// (SP1's NUM_JAL_COLS_SUPERVISOR, NUM_JALR_COLS_SUPERVISOR; User adds one).
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct JalCols {
  CPUState<T> state;
  JTypeReader<T> adapter;
  AddOperation<T> add_operation;
  AddOperation<T> op_a_operation;
  T is_real;
};

template <class T>
struct JalrCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  T is_real;
  AddOperation<T> add_operation;
  AddOperation<T> op_a_operation;
  T lsb;
};

// The link value rd = pc + 4, computed unless rd = x0 (then it must be 0), as
// both chips constrain it; rd = x0 only on real rows.
template <class B>
void eval_link(B& b, const CPUState<size_t>& state, const AddOperation<size_t>& op_a_operation, size_t op_a_0_col,
               const E<B>& is_real) {
  const E<B> op_a_0 = b.main(op_a_0_col);
  b.assert_zero((is_real - b.constant(1)) * op_a_0);
  eval_add(b, pc_word(b, state), Word<E<B>>{b.constant(kPcInc), b.constant(0), b.constant(0), b.constant(0)},
           op_a_operation, is_real - op_a_0, false);
  b.assert_zero(b.main(op_a_operation.value[3]));
  for (size_t i = 0; i < 3; ++i) b.assert_zero(op_a_0 * b.main(op_a_operation.value[i]));
}

// next_pc's low limb (lsb cleared) / 4 is a 14-bit value.
template <class B>
void send_next_pc_alignment(B& b, const E<B>& low_limb, const E<B>& is_real) {
  send_byte(b, ByteOpcode::Range, low_limb * b.constant(inverse_of(4)), b.constant(14), b.constant(0), is_real);
}

template <TrustMode M, Features F>
struct JalChip : AluChipBase<JalCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Jal", "JalUser");
  using Base = AluChipBase<JalCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> is_real = b.main(c.is_real);
    assert_bool(b, is_real);
    const E<B> opcode = b.constant(uint32_t(Opcode::JAL));

    eval_add(b, pc_word(b, c.state), main_word(b, c.adapter.op_b_imm), c.add_operation, is_real, false);
    const Word<E<B>> next_pc = main_word(b, c.add_operation.value);
    b.assert_zero(next_pc[3]);
    send_next_pc_alignment(b, next_pc[0], is_real);
    eval_cpu_state(b, c.state, {next_pc[0], next_pc[1], next_pc[2]}, b.constant(kClkInc), is_real);

    eval_link(b, c.state, c.op_a_operation, c.adapter.op_a_0, is_real);

    const E<B> is_trusted = eval_trust(b, M, F, Base::kIsTrusted, c.state, instruction_of(b, c.adapter, opcode),
                                       field_consts(b, Opcode::JAL), is_real);
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode,
                main_word(b, c.op_a_operation.value), c.adapter, is_real, is_trusted);
  }
};

template <TrustMode M, Features F>
struct JalrChip : AluChipBase<JalrCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Jalr", "JalrUser");
  using Base = AluChipBase<JalrCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> is_real = b.main(c.is_real);
    assert_bool(b, is_real);
    const E<B> opcode = b.constant(uint32_t(Opcode::JALR));

    eval_add(b, main_word(b, c.adapter.op_b_memory.prev_value), main_word(b, c.adapter.op_c_imm), c.add_operation,
             is_real, false);
    const Word<E<B>> next_pc = main_word(b, c.add_operation.value);
    b.assert_zero(next_pc[3]);
    const E<B> lsb = b.main(c.lsb);
    assert_bool(b, lsb);
    send_next_pc_alignment(b, next_pc[0] - lsb, is_real);
    eval_cpu_state(b, c.state, {next_pc[0] - lsb, next_pc[1], next_pc[2]}, b.constant(kClkInc), is_real);

    const E<B> is_trusted = eval_trust(b, M, F, Base::kIsTrusted, c.state, instruction_of(b, c.adapter, opcode),
                                       field_consts(b, Opcode::JALR), is_real);
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode,
                main_word(b, c.op_a_operation.value), c.adapter, is_real, is_trusted);

    eval_link(b, c.state, c.op_a_operation, c.adapter.op_a_0, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
