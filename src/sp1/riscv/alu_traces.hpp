// Main traces of SP1 v6.4's ALU chips from our events (sp1/air/riscv/ holds the
// chips; SP1's generate_trace_into in crates/core/machine/src/alu/**): one row
// per event the chip proves (alu_events.hpp), in execution order, then zero
// padding rows up to SP1's height (chip_trace.hpp).
#pragma once

#include <span>

#include "sp1/riscv/alu_events.hpp"
#include "sp1/riscv/chip_trace.hpp"

namespace zkgpu::sp1::riscv {

// The trace of `chip` over the ALU events of a shard (any other event is
// std::invalid_argument). Throws std::invalid_argument for events whose register
// records are not in time order.
RiscvChipTrace alu_trace(AluChipKind chip, std::span<const zkvm::InstrEvent> events, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
