#include "sp1/riscv/alu_events.hpp"

#include <stdexcept>
#include <string>

namespace zkgpu::sp1::riscv {

using zkvm::Op;

std::optional<Opcode> alu_opcode(Op op) {
  switch (op) {
    case Op::add: return Opcode::ADD;
    case Op::sub: return Opcode::SUB;
    case Op::sll: case Op::slli: return Opcode::SLL;
    case Op::slt: case Op::slti: return Opcode::SLT;
    case Op::sltu: case Op::sltiu: return Opcode::SLTU;
    case Op::xor_: case Op::xori: return Opcode::XOR;
    case Op::srl: case Op::srli: return Opcode::SRL;
    case Op::sra: case Op::srai: return Opcode::SRA;
    case Op::or_: case Op::ori: return Opcode::OR;
    case Op::and_: case Op::andi: return Opcode::AND;
    case Op::mul: return Opcode::MUL;
    case Op::mulh: return Opcode::MULH;
    case Op::mulhsu: return Opcode::MULHSU;
    case Op::mulhu: return Opcode::MULHU;
    case Op::div: return Opcode::DIV;
    case Op::divu: return Opcode::DIVU;
    case Op::rem: return Opcode::REM;
    case Op::remu: return Opcode::REMU;
    case Op::addw: case Op::addiw: return Opcode::ADDW;
    case Op::subw: return Opcode::SUBW;
    case Op::sllw: case Op::slliw: return Opcode::SLLW;
    case Op::srlw: case Op::srliw: return Opcode::SRLW;
    case Op::sraw: case Op::sraiw: return Opcode::SRAW;
    case Op::mulw: return Opcode::MULW;
    case Op::divw: return Opcode::DIVW;
    case Op::divuw: return Opcode::DIVUW;
    case Op::remw: return Opcode::REMW;
    case Op::remuw: return Opcode::REMUW;
    case Op::addi: return Opcode::ADDI;
    default: return std::nullopt;
  }
}

AluChipKind alu_chip_of(const zkvm::InstrEvent& e) {
  const std::optional<Opcode> op = alu_opcode(e.opcode);
  if (!op) throw std::invalid_argument("ALU trace: event at clk " + std::to_string(e.clk) + " is not an ALU instruction");
  if (e.op_a_0) return AluChipKind::AluX0;
  switch (*op) {
    case Opcode::ADD: return AluChipKind::Add;
    case Opcode::ADDW: return AluChipKind::Addw;
    case Opcode::ADDI: return AluChipKind::Addi;
    case Opcode::SUB: return AluChipKind::Sub;
    case Opcode::SUBW: return AluChipKind::Subw;
    case Opcode::XOR: case Opcode::OR: case Opcode::AND: return AluChipKind::Bitwise;
    case Opcode::SLL: case Opcode::SLLW: return AluChipKind::ShiftLeft;
    case Opcode::SRL: case Opcode::SRA: case Opcode::SRLW: case Opcode::SRAW: return AluChipKind::ShiftRight;
    case Opcode::SLT: case Opcode::SLTU: return AluChipKind::Lt;
    case Opcode::MUL: case Opcode::MULHU: case Opcode::MULHSU: case Opcode::MULH: case Opcode::MULW:
      return AluChipKind::Mul;
    default: return AluChipKind::DivRem;
  }
}

std::vector<uint32_t> events_of(AluChipKind chip, std::span<const zkvm::InstrEvent> events) {
  if (events.size() > UINT32_MAX) throw std::invalid_argument("ALU trace: more than 2^32 events");
  std::vector<uint32_t> out;
  for (size_t i = 0; i < events.size(); ++i)
    if (alu_chip_of(events[i]) == chip) out.push_back(uint32_t(i));
  return out;
}

}  // namespace zkgpu::sp1::riscv
