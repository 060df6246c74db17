// Main traces of SP1 v6.4's load and store chips from our events
// (sp1/air/riscv/{loads,stores}.hpp hold the chips; SP1's generate_trace_into
// in crates/core/machine/src/memory/instructions/): one row per event the chip
// proves (memory_events.hpp), in execution order, then zero padding rows up to
// SP1's height (chip_trace.hpp).
#pragma once

#include <span>

#include "sp1/riscv/chip_trace.hpp"
#include "sp1/riscv/memory_events.hpp"

namespace zkgpu::sp1::riscv {

// The trace of `chip` over a shard's load and store events (any other event is
// std::invalid_argument). Throws std::invalid_argument for an address outside
// [2^16, 2^48) and for records out of time order.
RiscvChipTrace memory_trace(MemoryChipKind chip, std::span<const zkvm::InstrEvent> events,
                            const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
