// A shard's cycles in execution order, as SP1's tracing executor emits them
// (crates/core/executor/src/tracing.rs emit_events): each instruction and ECALL
// with its clock, pc, next pc, clock increment and register records. The bump
// chips' events are derived from these.
#pragma once

#include <array>
#include <vector>

#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

struct ShardStep {
  uint64_t clk = 0, pc = 0, next_pc = 0;
  uint64_t increment = 0;      // 8, and 256 more for an ECALL
  bool sets_next_pc = false;   // a branch or jump (SP1's is_with_correct_next_pc)
  std::array<const zkvm::MemoryAccess*, 3> records{};  // a, b, c; null where unused
};

std::vector<ShardStep> shard_steps(const zkvm::ShardRecord& shard);

}  // namespace zkgpu::sp1::riscv
