// The StateBump chip's trace (sp1/air/riscv/state_bump.hpp; SP1's
// bump_state_events, crates/core/executor/src/tracing.rs emit_events): for each
// instruction and ECALL of a shard, in execution order, one row when its clock
// increment (8, and 256 more for an ECALL) carries out of the low 24 bits, or
// when it falls through (not a branch or jump) to pc + 4 across a 2^16 boundary.
// Then zero padding rows up to SP1's height.
#pragma once

#include <vector>

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

struct StateBumpEvent {
  uint64_t clk = 0, increment = 0, next_pc = 0;
  bool pc_carry = false;  // SP1's bump2: a fall-through across a 2^16 boundary
};

std::vector<StateBumpEvent> state_bumps(const zkvm::ShardRecord& shard);

RiscvChipTrace state_bump_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
