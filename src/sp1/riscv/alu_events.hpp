// Which RISC-V chip proves an ALU event, as SP1 v6.4's tracing executor files it
// (crates/core/executor/src/tracing.rs, emit_alu_event): an instruction writing
// x0 goes to AluX0 whatever its opcode; the others by SP1 opcode. Our events carry
// the RV64IM operation (zkvm::Op); SP1's transpiler maps it to its Opcode
// (crates/core/executor/src/disassembler/rrs.rs: an immediate form becomes the
// register form's opcode with imm_c, ADDI keeps its own, ADDIW becomes ADDW).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sp1/air/riscv/opcodes.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

namespace rv = air::riscv;
using rv::Opcode;

// SP1's opcode of an ALU operation; nullopt for any other operation.
std::optional<Opcode> alu_opcode(zkvm::Op op);

// The ALU chips, in RiscvAir's order of declaration.
enum class AluChipKind : uint8_t {
  Add, Addw, Addi, Sub, Subw, Bitwise, Mul, DivRem, Lt, AluX0, ShiftLeft, ShiftRight,
};

// The chip an ALU event belongs to. std::invalid_argument for an event whose
// operation is not an ALU one.
AluChipKind alu_chip_of(const zkvm::InstrEvent& e);

// The positions in `events` of the events `chip` proves, in order (SP1's
// per-chip event vectors keep execution order).
std::vector<uint32_t> events_of(AluChipKind chip, std::span<const zkvm::InstrEvent> events);

}  // namespace zkgpu::sp1::riscv
