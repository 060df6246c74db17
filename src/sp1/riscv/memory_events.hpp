// Which RISC-V chip proves a load or store event, as SP1 v6.4's tracing executor
// files them (crates/core/executor/src/record.rs: memory_load_{byte,half,word,
// double,x0}_events, memory_store_{byte,half,word,double}_events): a load into
// x0 goes to LoadX0 whatever its size; the rest by size.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sp1/air/riscv/opcodes.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

namespace rv = air::riscv;

// SP1's opcode of a load or store; nullopt for any other operation.
std::optional<rv::Opcode> memory_opcode(zkvm::Op op);

// The chips, in RiscvAir's order of declaration.
enum class MemoryChipKind : uint8_t {
  LoadByte, LoadHalf, LoadWord, LoadDouble, LoadX0, StoreByte, StoreHalf, StoreWord, StoreDouble,
};

// The chip an event belongs to. std::invalid_argument for an event that is not a
// load or store.
MemoryChipKind memory_chip_of(const zkvm::InstrEvent& e);

// The positions in `events` of the events `chip` proves, in execution order.
std::vector<uint32_t> events_of(MemoryChipKind chip, std::span<const zkvm::InstrEvent> events);

}  // namespace zkgpu::sp1::riscv
