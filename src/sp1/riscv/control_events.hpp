// Which RISC-V chip proves a control-flow or U-type event, as SP1 v6.4's tracing
// executor files them (crates/core/executor/src/tracing.rs: emit_branch_event ->
// branch_events, emit_jal_event -> jal_events, emit_jalr_event -> jalr_events,
// emit_utype_event -> utype_events). Unlike ALU events, a write to x0 stays with
// its chip (the chips constrain rd = x0 themselves).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sp1/air/riscv/opcodes.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

namespace rv = air::riscv;

// SP1's opcode of a control-flow or U-type operation; nullopt for any other.
std::optional<rv::Opcode> control_opcode(zkvm::Op op);

// The chips, in RiscvAir's order of declaration.
enum class ControlChipKind : uint8_t { UType, Branch, Jal, Jalr };

// The chip an event belongs to. std::invalid_argument for an event whose
// operation is not a branch, jump, LUI or AUIPC.
ControlChipKind control_chip_of(const zkvm::InstrEvent& e);

// The positions in `events` of the events `chip` proves, in execution order.
std::vector<uint32_t> events_of(ControlChipKind chip, std::span<const zkvm::InstrEvent> events);

}  // namespace zkgpu::sp1::riscv
