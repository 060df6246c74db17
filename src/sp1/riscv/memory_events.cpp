#include "sp1/riscv/memory_events.hpp"

#include <stdexcept>
#include <string>

namespace zkgpu::sp1::riscv {

using rv::Opcode;
using zkvm::Op;

std::optional<Opcode> memory_opcode(Op op) {
  switch (op) {
    case Op::lb: return Opcode::LB;
    case Op::lh: return Opcode::LH;
    case Op::lw: return Opcode::LW;
    case Op::ld: return Opcode::LD;
    case Op::lbu: return Opcode::LBU;
    case Op::lhu: return Opcode::LHU;
    case Op::lwu: return Opcode::LWU;
    case Op::sb: return Opcode::SB;
    case Op::sh: return Opcode::SH;
    case Op::sw: return Opcode::SW;
    case Op::sd: return Opcode::SD;
    default: return std::nullopt;
  }
}

MemoryChipKind memory_chip_of(const zkvm::InstrEvent& e) {
  const std::optional<Opcode> op = memory_opcode(e.opcode);
  if (!op)
    throw std::invalid_argument("memory trace: event at clk " + std::to_string(e.clk) + " is not a load or store");
  const bool store = *op >= Opcode::SB;
  if (!store && e.op_a_0) return MemoryChipKind::LoadX0;
  switch (*op) {
    case Opcode::LB: case Opcode::LBU: return MemoryChipKind::LoadByte;
    case Opcode::LH: case Opcode::LHU: return MemoryChipKind::LoadHalf;
    case Opcode::LW: case Opcode::LWU: return MemoryChipKind::LoadWord;
    case Opcode::LD: return MemoryChipKind::LoadDouble;
    case Opcode::SB: return MemoryChipKind::StoreByte;
    case Opcode::SH: return MemoryChipKind::StoreHalf;
    case Opcode::SW: return MemoryChipKind::StoreWord;
    default: return MemoryChipKind::StoreDouble;
  }
}

std::vector<uint32_t> events_of(MemoryChipKind chip, std::span<const zkvm::InstrEvent> events) {
  if (events.size() > UINT32_MAX) throw std::invalid_argument("memory trace: more than 2^32 events");
  std::vector<uint32_t> out;
  for (size_t i = 0; i < events.size(); ++i)
    if (memory_chip_of(events[i]) == chip) out.push_back(uint32_t(i));
  return out;
}

}  // namespace zkgpu::sp1::riscv
