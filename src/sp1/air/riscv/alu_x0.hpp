// SP1 v6.4's AluX0 chip (crates/core/machine/src/alu/alu_x0.rs): every ALU
// instruction whose rd is x0, of any ALU opcode (the opcode is a column, checked
// < 29 with a byte-table LTU lookup); nothing is computed, x0 keeps its value.
// In User mode the opcode's instruction fields come from one-hot selectors
// (lib.rs: AluX0OpcodeSelectors, eval_alu_x0_selectors), placed after is_trusted.
//
// Columns: CPUState 6 + ALUTypeReader 26 + opcode 1 + is_real 1 = 34 (SP1's
// NUM_ALU_X0_COLS_SUPERVISOR); User: + is_trusted 1 + AluX0OpcodeSelectors 33 = 68.
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct AluX0Cols {
  CPUState<T> state;
  ALUTypeReader<T> adapter;
  T opcode;
  T is_real;
};

// The 29 selectors, in SP1's order (the order of `kAluX0Opcodes`).
inline constexpr std::array<Opcode, 29> kAluX0Opcodes = {
    Opcode::ADD,  Opcode::SUB,  Opcode::MUL,  Opcode::MULH, Opcode::MULHSU, Opcode::MULHU, Opcode::DIV,  Opcode::DIVU,
    Opcode::REM,  Opcode::REMU, Opcode::SLL,  Opcode::SRL,  Opcode::SRA,    Opcode::XOR,   Opcode::OR,   Opcode::AND,
    Opcode::SLT,  Opcode::SLTU, Opcode::ADDI, Opcode::ADDW, Opcode::SUBW,   Opcode::SLLW,  Opcode::SRLW, Opcode::SRAW,
    Opcode::MULW, Opcode::DIVW, Opcode::DIVUW, Opcode::REMW, Opcode::REMUW};

template <class T>
struct AluX0OpcodeSelectors {
  T instr_type;
  T base_opcode;
  T funct3;
  T funct7;
  std::array<T, 29> is_op;  // is_add, is_sub, ... as kAluX0Opcodes
};

// eval_alu_x0_selectors: exactly one selector on a real row, none on padding,
// and the field columns equal to what the selected opcode's register or immediate
// form has. SP1 sums the selectors in groups of equal value and multiplies each
// group by its value; summing selector times value is the same polynomial.
template <class B>
void eval_alu_x0_selectors(B& b, const AluX0OpcodeSelectors<size_t>& s, const E<B>& imm_c, const E<B>& is_real) {
  std::array<E<B>, 29> sel;
  for (size_t k = 0; k < 29; ++k) sel[k] = b.main(s.is_op[k]);
  for (const auto& x : sel) assert_bool(b, x);
  E<B> sum = sel[0];
  for (size_t k = 1; k < 29; ++k) sum = sum + sel[k];
  assert_bool(b, sum);
  b.assert_zero(is_real * (sum - b.constant(1)));
  b.assert_zero((is_real - b.constant(1)) * sum);

  E<B> reg_base = b.constant(0), imm_base = b.constant(0), reg_type = b.constant(0), imm_type = b.constant(0),
       funct3 = b.constant(0), funct7 = b.constant(0);
  for (size_t k = 0; k < 29; ++k) {
    const OpcodeFields f = alu_fields(kAluX0Opcodes[k]);
    reg_base = reg_base + sel[k] * b.constant(f.base);
    // Only opcodes with an immediate form count there (SP1's has_imm_op_imm{,_32}).
    imm_base = imm_base + sel[k] * b.constant(f.type_imm != 0 ? f.base_imm : 0);
    reg_type = reg_type + sel[k] * b.constant(uint32_t(f.type));
    imm_type = imm_type + sel[k] * b.constant(f.type_imm);
    funct3 = funct3 + sel[k] * b.constant(f.funct3);
    funct7 = funct7 + sel[k] * b.constant(f.funct7);
  }
  const E<B> base = (is_real - imm_c) * reg_base + imm_c * imm_base;
  const E<B> type = (is_real - imm_c) * reg_type + imm_c * imm_type;
  b.assert_zero(b.main(s.instr_type) - type);
  b.assert_zero(b.main(s.base_opcode) - base);
  b.assert_zero(b.main(s.funct3) - funct3);
  b.assert_zero(b.main(s.funct7) - funct7);
}

template <TrustMode M, Features F>
struct AluX0Chip {
  static constexpr const char* kName = chip_name<M>("AluX0", "AluX0User");
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<AluX0Cols<size_t>>();
  static constexpr size_t kIsTrusted = num_cols<AluX0Cols<size_t>>;  // User mode only
  static constexpr AluX0OpcodeSelectors<size_t> kSelectors = [] {
    AluX0OpcodeSelectors<size_t> s = col_map<AluX0OpcodeSelectors<size_t>>();
    const size_t offset = kIsTrusted + 1;
    s.instr_type += offset;
    s.base_opcode += offset;
    s.funct3 += offset;
    s.funct7 += offset;
    for (auto& x : s.is_op) x += offset;
    return s;
  }();
  static constexpr size_t kWidth =
      num_cols<AluX0Cols<size_t>> + (M == TrustMode::User ? 1 + num_cols<AluX0OpcodeSelectors<size_t>> : 0);
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), op_a_0 = b.main(c.adapter.op_a_0), opcode = b.main(c.opcode);
    assert_bool(b, is_real);
    b.assert_zero(is_real * (op_a_0 - b.constant(1)));
    b.assert_zero((is_real - b.constant(1)) * op_a_0);
    eval_cpu_state(b, c.state, next_pc_plus_4(b, c.state), b.constant(kClkInc), is_real);
    // 0 <= opcode < 29: the ALU opcodes.
    send_byte(b, ByteOpcode::LTU, b.constant(1), opcode, b.constant(29), is_real);
    eval_untrusted_flag(b, M, F);
    E<B> is_trusted = is_real;
    if (M == TrustMode::User) {
      const E<B> imm_c = b.main(c.adapter.imm_c);
      assert_bool(b, imm_c);
      if (F == Features::Default) b.assert_zero(is_real);
      eval_alu_x0_selectors(b, kSelectors, imm_c, is_real);
      const std::array<E<B>, 4> consts{b.main(kSelectors.instr_type), b.main(kSelectors.base_opcode),
                                       b.main(kSelectors.funct3), b.main(kSelectors.funct7)};
      is_trusted = eval_untrusted_program(b, kIsTrusted, c.state, instruction_of(b, c.adapter, opcode), consts, is_real);
    }
    // eval_op_a_immutable: x0 is written with the value it had.
    eval_reader(b, b.main(c.state.clk_high), clk_low(b, c.state), pc_of(b, c.state), opcode,
                main_word(b, c.adapter.op_a_memory.prev_value), c.adapter, is_real, is_trusted);
  }
};

}  // namespace zkgpu::sp1::air::riscv
