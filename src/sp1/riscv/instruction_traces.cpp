#include "sp1/riscv/instruction_traces.hpp"

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/instruction_decode.hpp"
#include "sp1/air/riscv/instruction_fetch.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using FetchChip = rv::InstructionFetchChip<rv::Features::Default>;
using DecodeChip = rv::InstructionDecodeChip<rv::Features::Default>;

// SP1's Instruction::encode, checked as our transpiler's decoding of the word.
void check_encoding(const zkvm::Sp1Instruction& in, uint32_t encoded) {
  if (zkvm::transpile(encoded) != in)
    throw std::invalid_argument("instruction word " + std::to_string(encoded) + " does not decode to its instruction");
}

// InstructionCols::populate.
void fill_instruction(Row row, const air::InstructionCols<size_t>& c, const zkvm::Sp1Instruction& in) {
  put(row, c.opcode, uint32_t(in.opcode));
  put(row, c.op_a, in.op_a);
  put_word(row, c.op_b, in.op_b);
  put_word(row, c.op_c, in.op_c);
  put(row, c.op_a_0, in.op_a == 0);
  put(row, c.imm_b, in.imm_b);
  put(row, c.imm_c, in.imm_c);
}

// The instruction fields the untrusted checks send: the immediate form's type
// and base opcode when op_c is an immediate; none for UNIMP.
struct Fields {
  uint32_t instr_type = 0, base_opcode = 0, funct3 = 0, funct7 = 0;
};
Fields fields_of(const zkvm::Sp1Instruction& in) {
  if (in.opcode == zkvm::Sp1Opcode::UNIMP) return {};
  const rv::OpcodeFields f = rv::opcode_fields(rv::Opcode(uint8_t(in.opcode)));
  const bool imm = in.imm_c;
  return {imm && f.type_imm ? f.type_imm : uint32_t(f.type), imm && f.base_imm ? f.base_imm : f.base, f.funct3,
          f.funct7};
}

void fill_fetch(Row row, const zkvm::InstructionFetchEvent& e) {
  const auto& c = FetchChip::kMain;
  check_encoding(e.instruction, e.encoded_instruction);
  if (e.memory.timestamp != e.clk)
    throw std::invalid_argument("instruction fetch at clk " + std::to_string(e.clk) + " reads memory at " +
                                std::to_string(e.memory.timestamp));
  if (e.pc >> 48 || (e.pc >> 16) == 0)
    throw std::invalid_argument("untrusted pc " + std::to_string(e.pc) + " outside [2^16, 2^48)");
  put_limbs(row, c.pc, e.pc);
  row[c.top_two_limb_inv] =
      (Felt::from_canonical(uint32_t((e.pc >> 16) & 0xFFFF)) + Felt::from_canonical(uint32_t(e.pc >> 32))).inverse();
  put(row, c.clk_high, e.clk >> 24);
  put(row, c.clk_low, e.clk & 0xFFFFFF);
  const Fields f = fields_of(e.instruction);
  put(row, c.instr_type, f.instr_type);
  put(row, c.base_opcode, f.base_opcode);
  put(row, c.funct3, f.funct3);
  put(row, c.funct7, f.funct7);
  const uint64_t offset = (e.pc / 4) % 2;
  put(row, c.offset, offset);
  const uint64_t half = e.memory.value >> (32 * offset);
  put(row, c.selected_word[0], half & 0xFFFF);
  put(row, c.selected_word[1], (half >> 16) & 0xFFFF);
  fill_instruction(row, c.instruction, e.instruction);
  fill_memory_access(row, c.memory_access, e.memory);
  put(row, c.is_real, 1);
}

void fill_decode(Row row, const zkvm::InstructionDecodeEvent& e) {
  const auto& c = DecodeChip::kMain;
  const zkvm::Sp1Instruction& in = e.instruction;
  check_encoding(in, e.encoded_instruction);
  fill_instruction(row, c.instruction, in);
  fill_is_zero(row, c.is_a_0, Felt::from_canonical(in.op_a));
  put(row, c.encoded_instruction[0], e.encoded_instruction & 0xFFFF);
  put(row, c.encoded_instruction[1], e.encoded_instruction >> 16);
  for (size_t i = 0; i < 32; ++i) put(row, c.encoded_instruction_bits[i], (e.encoded_instruction >> i) & 1);
  if (in.opcode != zkvm::Sp1Opcode::UNIMP) {
    const Fields f = fields_of(in);
    put(row, c.instr_type, f.instr_type);
    put(row, c.funct3, f.funct3);
    put(row, c.funct7, f.funct7);
    // The format, from the base opcode (and funct3 for the shifts by an immediate).
    const uint32_t base = f.base_opcode;
    const bool shift = f.funct3 == 0b001 || f.funct3 == 0b101;
    put(row, c.is_r_type, base == rv::kOpcodeOp || base == rv::kOpcodeOp32);
    if (base == rv::kOpcodeOpImm || base == rv::kOpcodeOpImm32 || base == rv::kOpcodeLoad || base == rv::kOpcodeJalr) {
      if (shift && base == rv::kOpcodeOpImm) put(row, c.is_i_type_shamt, 1);
      else if (shift && base == rv::kOpcodeOpImm32) put(row, c.is_i_type_shamt_32, 1);
      else put(row, c.is_i_type, 1);
    }
    put(row, c.is_j_type, base == rv::kOpcodeJal);
    put(row, c.is_b_type, base == rv::kOpcodeBranch);
    put(row, c.is_s_type, base == rv::kOpcodeStore);
    put(row, c.is_u_type, base == rv::kOpcodeAuipc || base == rv::kOpcodeLui);
  }
  if (e.multiplicity >= Felt::kP)
    throw std::invalid_argument("InstructionDecode multiplicity " + std::to_string(e.multiplicity) +
                                " exceeds the field");
  row[c.multiplicity] = Felt::from_canonical(uint32_t(e.multiplicity));
}

}  // namespace

RiscvChipTrace instruction_fetch_trace(std::span<const zkvm::InstructionFetchEvent> events,
                                       const RiscvTraceOptions& options) {
  return detail::untrusted_only_trace<FetchChip>(events, options, fill_fetch);
}

RiscvChipTrace instruction_decode_trace(std::span<const zkvm::InstructionDecodeEvent> events,
                                        const RiscvTraceOptions& options) {
  return detail::untrusted_only_trace<DecodeChip>(events, options, fill_decode);
}

}  // namespace zkgpu::sp1::riscv
