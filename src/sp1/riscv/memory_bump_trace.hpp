// The MemoryBump chip's trace (sp1/air/riscv/memory_bump.hpp; SP1's
// bump_memory_events, crates/core/executor/src/tracing.rs emit_events and
// register_refresh): for each instruction and ECALL in execution order, each of
// its register records a, b, c (in that order) whose previous access was under
// another clk_high, read at (clk_high, 0); then the shard's register refresh,
// read at its own time. One row each, then zero padding rows up to SP1's height.
#pragma once

#include <vector>

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

struct MemoryBumpEvent {
  zkvm::MemoryAccess record;  // the register's access the bump precedes (or the refresh read)
  bool refresh = false;
};

std::vector<MemoryBumpEvent> memory_bumps(const zkvm::ShardRecord& shard);

// Throws std::invalid_argument for a bump whose previous access is not before it.
RiscvChipTrace memory_bump_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
