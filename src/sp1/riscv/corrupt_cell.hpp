// A test aid for trace checkers (zkgpu sp1 check-traces --debug-corrupt): one
// cell of a shard's main traces changed, chosen from a seed among the cells
// whose change breaks a constraint of their own row, so that a checker must
// report that chip and row.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sp1/riscv/shard_traces.hpp"

namespace zkgpu::sp1::riscv {

struct CorruptedCell {
  std::string chip;
  size_t row = 0, column = 0;
};

// Nullopt when no such cell turned up within a bounded number of draws.
std::optional<CorruptedCell> corrupt_one_cell(ShardTraces& shard, uint64_t seed);

}  // namespace zkgpu::sp1::riscv
