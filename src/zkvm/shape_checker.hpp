// SP1 v6.4's rule for where an execution shard ends (crates/core/executor/src/
// vm/shapes.rs ShapeChecker<M>, driven as splicing.rs SplicingVM<M> does): every
// executed instruction adds its chip's row, the local-memory and global rows of
// the words it touches first in the shard, clock and state bumps, and the rows
// of retained precompiles to an estimate of the shard's trace area and of its
// tallest chip; the shard ends after the first instruction that brings either
// to its threshold, unless a COMMIT has been seen in the shard.
//
// User mode (a program with untrusted memory, ShapeChecker<UserMode>): the
// instructions' and retained precompiles' User chips; each untrusted fetch's
// InstructionFetch row and an InstructionDecode row per distinct word in the
// shard; TrapMem and TrapExec rows and the trap context's words; the page
// permission checks of fetches, loads and stores in PageProt (four a row); and
// a PageProtLocal row and two global rows for each page whose permission the
// shard reads or sets first (or again after a deferred call did).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <unordered_set>

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
  // `user_mode`: the program has untrusted memory (SP1's UserMode).
  ShapeChecker(uint64_t program_len, ShardingThreshold threshold, bool user_mode = false);

  // A new shard whose first instruction runs at `clk` (ShapeChecker::reset).
  void reset(uint64_t shard_start_clk);
  // User mode: the fetch of the next instruction from untrusted memory, and the
  // record of its page before the check.
  void untrusted_fetch(const InstructionFetchEvent& f, const PageProtRecord& page);
  // One executed instruction other than ECALL, in execution order; user mode:
  // `page` is a load's or store's page record before its check.
  void instruction(const InstrEvent& e, const PageProtRecord* page = nullptr);
  // User mode: a load or store that trapped on its page.
  void trap_mem(const TrapMemEvent& t);
  // User mode: an untrusted fetch its page refused.
  void trap_exec(const TrapExecEvent& t);
  // One ECALL and the memory words (and registers) its syscall read and wrote.
  void syscall(const SyscallEvent& e, std::span<const MemoryAccess> memory);
  // check_shard_limit: whether the shard must end after the last instruction.
  bool limit_reached() const;

  uint64_t trace_area() const { return trace_area_; }
  uint64_t max_height() const { return max_height_; }

 private:
  shard_costs::Air chip(Op op, unsigned rd) const;
  void add_rows(shard_costs::Air a, uint64_t rows);
  void memory_access(uint64_t addr, uint64_t prev_timestamp);
  void page_access(const PageProtRecord& prev);
  void trap_context(const TrapResult& t);
  void end_cycle(shard_costs::Air a, uint64_t clk, uint64_t next_clk, bool state_bump_pc);
  void close_cycle(bool bump_clk_high, bool state_bump);
  void close_page_accesses();

  uint64_t program_len_;
  ShardingThreshold threshold_;
  bool user_mode_;
  uint64_t shard_start_clk_ = kInitialClk;
  uint64_t trace_area_ = 0, max_height_ = 0;
  std::array<uint64_t, size_t(shard_costs::Air::kCount)> heights_{};
  bool commit_on_ = false;
  bool syscall_sent_ = false;
  uint64_t local_mem_counts_ = 0;
  std::unordered_map<uint64_t, bool> last_access_external_;  // per word, this shard
  // User mode.
  uint64_t local_page_prot_counts_ = 0;
  uint64_t page_prot_accesses_ = 0;  // this cycle's checks of fetches, loads and stores
  uint64_t page_prot_entries_ = 0;   // this shard's (PageProt's rows: a quarter, rounded up)
  std::unordered_map<uint64_t, bool> last_page_access_external_;  // per page, this shard
  std::unordered_set<uint32_t> decoded_words_;                    // this shard's
};

}  // namespace zkgpu::zkvm
