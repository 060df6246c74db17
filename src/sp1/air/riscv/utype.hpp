// SP1 v6.4's UType chip (crates/core/machine/src/utype/mod.rs): LUI and AUIPC,
// rd = addend + imm with addend = pc for AUIPC and 0 for LUI, through the
// JTypeReader (op_b = op_c = the immediate), in both trust modes ("UType" /
// "UTypeUser") and for both builds.
//
// Columns: CPUState 6 + JTypeReader 16 + addend 3 + AddOperation 4 + is_auipc 1 +
// is_real 1 = 31 (SP1's NUM_UTYPE_COLS_SUPERVISOR; User adds one).
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct UTypeCols {
  CPUState<T> state;
  JTypeReader<T> adapter;
  std::array<T, 3> addend;
  AddOperation<T> add_operation;
  T is_auipc;
  T is_real;
};

// flag * x + (1 - flag) * y, SP1's if_else (crates/hypercube/src/air/builder.rs).
template <class B>
E<B> if_else(B& b, const E<B>& flag, const E<B>& x, const E<B>& y) {
  return flag * x + (b.constant(1) - flag) * y;
}

template <TrustMode M, Features F>
struct UTypeChip : AluChipBase<UTypeCols, M, F> {
  static constexpr const char* kName = chip_name<M>("UType", "UTypeUser");
  using Base = AluChipBase<UTypeCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const E<B> is_real = b.main(c.is_real), is_auipc = b.main(c.is_auipc);
    assert_bool(b, is_real);
    assert_bool(b, is_auipc);
    const E<B> is_lui = b.constant(1) - is_auipc;
    const E<B> opcode =
        is_auipc * b.constant(uint32_t(Opcode::AUIPC)) + is_lui * b.constant(uint32_t(Opcode::LUI));
    const OpcodeFields auipc = control_fields(Opcode::AUIPC), lui = control_fields(Opcode::LUI);
    auto pick = [&](uint32_t x, uint32_t y) { return is_auipc * b.constant(x) + is_lui * b.constant(y); };
    const std::array<E<B>, 4> consts{pick(uint32_t(auipc.type), uint32_t(lui.type)), pick(auipc.base, lui.base),
                                     pick(auipc.funct3, lui.funct3), pick(auipc.funct7, lui.funct7)};

    eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);

    // addend = is_auipc ? pc : 0, limb by limb (select_word, then assert_word_eq).
    const Word<E<B>> addend{b.main(c.addend[0]), b.main(c.addend[1]), b.main(c.addend[2]), b.constant(0)};
    const Word<E<B>> pc = pc_word(b, c.state);
    for (size_t i = 0; i < 4; ++i) b.assert_zero(addend[i] - if_else(b, is_auipc, pc[i], b.constant(0)));

    // rd = x0 (no value to compute) only on real rows.
    const E<B> op_a_0 = b.main(c.adapter.op_a_0);
    b.assert_zero((is_real - b.constant(1)) * op_a_0);
    eval_add(b, addend, main_word(b, c.adapter.op_b_imm), c.add_operation, is_real - op_a_0, false);

    const E<B> is_trusted =
        eval_trust(b, M, F, Base::kIsTrusted, c.state, instruction_of(b, c.adapter, opcode), consts, is_real);
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode,
                main_word(b, c.add_operation.value), c.adapter, is_real, is_trusted);
  }
};

}  // namespace zkgpu::sp1::air::riscv
