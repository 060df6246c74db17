// The TrapExec and TrapMem chips' traces (sp1/air/riscv/trap_exec.hpp,
// trap_mem.hpp; SP1's generate_trace_into of control_flow/trap/{exec,memory}.rs)
// from a shard's trap events: one row each in order, then zero padding rows up to
// SP1's height. Neither chip has a trust mode: rows whenever the shard trapped.
#pragma once

#include <span>

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument for records out of time order.
RiscvChipTrace trap_exec_trace(std::span<const zkvm::TrapExecEvent> events, const RiscvTraceOptions& options = {});

// Throws std::invalid_argument for an event that is not a load or store, an
// address at or above 2^48, or records out of time order.
RiscvChipTrace trap_mem_trace(std::span<const zkvm::TrapMemEvent> events, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
