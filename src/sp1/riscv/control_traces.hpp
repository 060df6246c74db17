// Main traces of SP1 v6.4's control-flow and U-type chips from our events
// (sp1/air/riscv/{utype,branch,jump}.hpp hold the chips; SP1's
// generate_trace_into in crates/core/machine/src/utype/mod.rs and
// control_flow/{branch,jal,jalr}/trace.rs): one row per event the chip proves
// (control_events.hpp), in execution order, then zero padding rows up to SP1's
// height (chip_trace.hpp).
#pragma once

#include <span>

#include "sp1/riscv/chip_trace.hpp"
#include "sp1/riscv/control_events.hpp"

namespace zkgpu::sp1::riscv {

// The trace of `chip` over a shard's branch, jump and U-type events (any other
// event is std::invalid_argument; the recorder's branch, jump and utype vectors
// may be passed separately or together). Throws std::invalid_argument for events
// whose register records are not in time order.
RiscvChipTrace control_trace(ControlChipKind chip, std::span<const zkvm::InstrEvent> events,
                             const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
