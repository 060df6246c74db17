// SP1 v6.4's Add, Addi, Addw, Sub and Subw chips (crates/core/machine/src/alu/
// add_sub/{add,addi,addw,sub,subw}.rs), each in both trust modes (names "Add" /
// "AddUser" etc., RiscvAir's name()) and for both builds.
//
// Column counts (SP1's NUM_*_COLS_SUPERVISOR; User adds one):
//   Add  = CPUState 6 + RTypeReader 22 + AddOperation 4 + is_real 1 = 33
//   Addi = 6 + ITypeReader 19 + AddOperation 4 + 1 = 30
//   Addw = 6 + ALUTypeReader 26 + AddwOperation 3 + 1 = 36
//   Sub  = 6 + RTypeReader 22 + SubOperation 4 + 1 = 33
//   Subw = 6 + RTypeReader 22 + SubwOperation 3 + 1 = 32
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct AddCols {
  CPUState<T> state;
  RTypeReader<T> adapter;
  AddOperation<T> add_operation;
  T is_real;
};

template <class T>
struct AddiCols {
  CPUState<T> state;
  ITypeReader<T> adapter;
  AddOperation<T> add_operation;
  T is_real;
};

template <class T>
struct AddwCols {
  CPUState<T> state;
  ALUTypeReader<T> adapter;
  AddwOperation<T> addw_operation;
  T is_real;
};

template <class T>
struct SubCols {
  CPUState<T> state;
  RTypeReader<T> adapter;
  SubOperation<T> sub_operation;
  T is_real;
};

template <class T>
struct SubwCols {
  CPUState<T> state;
  RTypeReader<T> adapter;
  SubwOperation<T> subw_operation;
  T is_real;
};

template <TrustMode M, Features F>
struct AddChip : AluChipBase<AddCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Add", "AddUser");
  using Base = AluChipBase<AddCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_memory.prev_value);
    eval_single_opcode_alu(
        b, M, F, c, Base::kIsTrusted, Opcode::ADD, field_consts(b, Opcode::ADD),
        [&](const E<B>& is_real) { eval_add(b, x, y, c.add_operation, is_real, false); },
        main_word(b, c.add_operation.value));
  }
};

template <TrustMode M, Features F>
struct AddiChip : AluChipBase<AddiCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Addi", "AddiUser");
  using Base = AluChipBase<AddiCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_imm);
    eval_single_opcode_alu(
        b, M, F, c, Base::kIsTrusted, Opcode::ADDI, field_consts(b, Opcode::ADDI),
        [&](const E<B>& is_real) { eval_add(b, x, y, c.add_operation, is_real, false); },
        main_word(b, c.add_operation.value));
  }
};

template <TrustMode M, Features F>
struct AddwChip : AluChipBase<AddwCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Addw", "AddwUser");
  using Base = AluChipBase<AddwCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_memory.prev_value);
    // ADDW and ADDIW share the chip: the instruction type and base opcode the
    // untrusted fetch sends follow imm_c (register form minus the difference).
    const OpcodeFields f = alu_fields(Opcode::ADDW);
    const E<B> imm_c = b.main(c.adapter.imm_c);
    const std::array<E<B>, 4> consts{
        b.constant(uint32_t(f.type)) - b.constant(uint32_t(f.type) - f.type_imm) * imm_c,
        b.constant(f.base) - b.constant(f.base - f.base_imm) * imm_c, b.constant(f.funct3), b.constant(f.funct7)};
    eval_single_opcode_alu(
        b, M, F, c, Base::kIsTrusted, Opcode::ADDW, consts,
        [&](const E<B>& is_real) { eval_addw(b, x, y, c.addw_operation, is_real, false); },
        sign_extended_w(b, c.addw_operation));
  }
};

template <TrustMode M, Features F>
struct SubChip : AluChipBase<SubCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Sub", "SubUser");
  using Base = AluChipBase<SubCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_memory.prev_value);
    eval_single_opcode_alu(
        b, M, F, c, Base::kIsTrusted, Opcode::SUB, field_consts(b, Opcode::SUB),
        [&](const E<B>& is_real) { eval_add(b, x, y, c.sub_operation, is_real, true); },
        main_word(b, c.sub_operation.value));
  }
};

template <TrustMode M, Features F>
struct SubwChip : AluChipBase<SubwCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Subw", "SubwUser");
  using Base = AluChipBase<SubwCols, M, F>;
  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const Word<E<B>> x = main_word(b, c.adapter.op_b_memory.prev_value), y = main_word(b, c.adapter.op_c_memory.prev_value);
    eval_single_opcode_alu(
        b, M, F, c, Base::kIsTrusted, Opcode::SUBW, field_consts(b, Opcode::SUBW),
        [&](const E<B>& is_real) { eval_addw(b, x, y, c.subw_operation, is_real, true); },
        sign_extended_w(b, c.subw_operation));
  }
};

}  // namespace zkgpu::sp1::air::riscv
