// SP1 v6.4's rule for where an execution shard ends (crates/core/executor/src/
// vm/shapes.rs ShapeChecker, driven as splicing.rs SplicingVM does): every
// executed instruction adds its chip's row, the local-memory and global rows of
// the words it touches first in the shard, clock and state bumps, and the rows
// of retained precompiles to an estimate of the shard's trace area and of its
// tallest chip; the shard ends after the first instruction that brings either
// to its threshold, unless a COMMIT has been seen in the shard. Fed with the
// recorder's events (supervisor mode).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <unordered_map>

#include "zkvm/events.hpp"
#include "zkvm/shard_costs.hpp"

namespace zkgpu::zkvm {

// SP1's ShardingThreshold (opts.rs); the defaults are SP1CoreOpts's.
struct ShardingThreshold {
  uint64_t element_threshold = shard_costs::kElementThreshold;  // trace area
  uint64_t height_threshold = shard_costs::kHeightThreshold;    // rows of one chip
};

class ShapeChecker {
 public:
  // SplicingVM::new: the thresholds less the allowance for the HALT syscall;
  // throws std::invalid_argument when they are below it (SP1 asserts).
  ShapeChecker(uint64_t program_len, ShardingThreshold threshold);

  // A new shard whose first instruction runs at `clk` (ShapeChecker::reset).
  void reset(uint64_t shard_start_clk);
  // One executed instruction other than ECALL, in execution order.
  void instruction(const InstrEvent& e);
  // One ECALL and the memory words its syscall read and wrote.
  void syscall(const SyscallEvent& e, std::span<const MemoryAccess> memory);
  // check_shard_limit: whether the shard must end after the last instruction.
  bool limit_reached() const;

  uint64_t trace_area() const { return trace_area_; }
  uint64_t max_height() const { return max_height_; }

 private:
  void add_rows(shard_costs::Air a, uint64_t rows);
  void memory_access(uint64_t addr, uint64_t prev_timestamp);
  void end_cycle(shard_costs::Air a, uint64_t clk, uint64_t next_clk, bool state_bump_pc);

  uint64_t program_len_;
  ShardingThreshold threshold_;
  uint64_t shard_start_clk_ = kInitialClk;
  uint64_t trace_area_ = 0, max_height_ = 0;
  std::array<uint64_t, size_t(shard_costs::Air::kCount)> heights_{};
  bool commit_on_ = false;
  bool syscall_sent_ = false;
  uint64_t local_mem_counts_ = 0;
  std::unordered_map<uint64_t, bool> last_access_external_;  // per word, this shard
};

}  // namespace zkgpu::zkvm
