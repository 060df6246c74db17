#include "sp1/riscv/control_events.hpp"

#include <stdexcept>
#include <string>

namespace zkgpu::sp1::riscv {

using rv::Opcode;
using zkvm::Op;

std::optional<Opcode> control_opcode(Op op) {
  switch (op) {
    case Op::beq: return Opcode::BEQ;
    case Op::bne: return Opcode::BNE;
    case Op::blt: return Opcode::BLT;
    case Op::bge: return Opcode::BGE;
    case Op::bltu: return Opcode::BLTU;
    case Op::bgeu: return Opcode::BGEU;
    case Op::jal: return Opcode::JAL;
    case Op::jalr: return Opcode::JALR;
    case Op::auipc: return Opcode::AUIPC;
    case Op::lui: return Opcode::LUI;
    default: return std::nullopt;
  }
}

ControlChipKind control_chip_of(const zkvm::InstrEvent& e) {
  const std::optional<Opcode> op = control_opcode(e.opcode);
  if (!op)
    throw std::invalid_argument("control-flow trace: event at clk " + std::to_string(e.clk) +
                                " is not a branch, jump or U-type instruction");
  switch (*op) {
    case Opcode::JAL: return ControlChipKind::Jal;
    case Opcode::JALR: return ControlChipKind::Jalr;
    case Opcode::AUIPC: case Opcode::LUI: return ControlChipKind::UType;
    default: return ControlChipKind::Branch;
  }
}

std::vector<uint32_t> events_of(ControlChipKind chip, std::span<const zkvm::InstrEvent> events) {
  if (events.size() > UINT32_MAX) throw std::invalid_argument("control-flow trace: more than 2^32 events");
  std::vector<uint32_t> out;
  for (size_t i = 0; i < events.size(); ++i)
    if (control_chip_of(events[i]) == chip) out.push_back(uint32_t(i));
  return out;
}

}  // namespace zkgpu::sp1::riscv
