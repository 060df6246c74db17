// The SyscallInstrs and SyscallInstrsUser chips' traces
// (sp1/air/riscv/syscall_instrs.hpp; SP1's SyscallInstrsChip::generate_trace_into
// and event_to_row, crates/core/machine/src/syscall/instructions/trace.rs) from a
// shard's ECALLs: one row each in execution order, then zero padding rows up to
// SP1's height. Only the chip of the program's trust mode has rows (SP1's
// num_rows): SyscallInstrs without untrusted code, SyscallInstrsUser with it.
#pragma once

#include <span>

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument for register or memory records out of time order
// and for a COMMIT or COMMIT_DEFERRED_PROOFS whose word index (x10) is not below 8.
RiscvChipTrace syscall_instrs_trace(std::span<const zkvm::SyscallEvent> ecalls, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
