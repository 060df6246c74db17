#include "zkvm/shape_checker.hpp"

#include <algorithm>
#include <stdexcept>

#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {

using shard_costs::Air;
using shard_costs::cost;

ShapeChecker::ShapeChecker(uint64_t program_len, ShardingThreshold threshold) : program_len_(program_len) {
  if (threshold.element_threshold < shard_costs::kHaltArea || threshold.height_threshold < shard_costs::kHaltHeight)
    throw std::invalid_argument("sharding threshold below SP1's allowance for HALT (2^18 area, 2^10 rows)");
  threshold_ = {threshold.element_threshold - shard_costs::kHaltArea,
                threshold.height_threshold - shard_costs::kHaltHeight};
  reset(kInitialClk);
}

// ShapeChecker::new: the preprocessed chips, the padding and one cycle's
// allowance, and the 32 registers counted as touched.
void ShapeChecker::reset(uint64_t shard_start_clk) {
  shard_start_clk_ = shard_start_clk;
  trace_area_ = shard_costs::preprocessed_area(program_len_) + shard_costs::kMaximumPaddingArea +
                shard_costs::kMaximumCycleArea;
  max_height_ = 0;
  heights_.fill(0);
  commit_on_ = false;
  syscall_sent_ = false;
  local_mem_counts_ = 32;
  last_access_external_.clear();
}

void ShapeChecker::add_rows(Air a, uint64_t rows) {
  heights_[size_t(a)] += rows;
  trace_area_ += rows * cost(a);
  max_height_ = std::max(max_height_, heights_[size_t(a)]);
}

// handle_mem_event: a word costs a local-memory row (and two global rows) the
// first time the shard touches it, and again when the CPU touches it after a
// deferred precompile did.
void ShapeChecker::memory_access(uint64_t addr, uint64_t prev_timestamp) {
  const bool external = syscall_sent_;
  const bool first_this_shard = shard_start_clk_ > prev_timestamp;
  bool& last = last_access_external_[addr & ~uint64_t(7)];
  const bool last_external = last;
  last = external;
  local_mem_counts_ += (first_this_shard || (last_external && !external)) ? 1 : 0;
}

// handle_instruction + update_heights_and_area. `state_bump_pc`: the pc part of
// needs_state_bump (a fall-through that crosses a 2^16 boundary).
void ShapeChecker::end_cycle(Air a, uint64_t clk, uint64_t next_clk, bool state_bump_pc) {
  const bool bump_clk_high = ((next_clk >> 24) ^ (clk >> 24)) != 0;
  const uint64_t increment = next_clk + 8 - clk;  // as vm.rs needs_state_bump computes it
  const bool state_bump = clk % (uint64_t(1) << 24) + increment >= (uint64_t(1) << 24) || state_bump_pc;

  add_rows(a, 1);
  const uint64_t touched = local_mem_counts_;
  local_mem_counts_ = 0;
  const bool sent = syscall_sent_;
  syscall_sent_ = false;
  add_rows(Air::MemoryLocal, touched);
  add_rows(Air::Global, 2 * touched + (sent ? 1 : 0));
  if (bump_clk_high) add_rows(Air::MemoryBump, 32);
  if (state_bump) add_rows(Air::StateBump, 1);
  if (sent) add_rows(Air::SyscallCore, 1);
}

void ShapeChecker::instruction(const InstrEvent& e) {
  if (e.used & InstrEvent::kMemory) memory_access(e.memory.addr, e.memory.prev_timestamp);
  // Branches and jumps carry their next pc in the chip; other instructions
  // fall through to pc + 4 (is_with_correct_next_pc, instruction.rs).
  const bool control = e.opcode >= Op::beq && e.opcode <= Op::jalr;
  const bool pc_bump = !control && ((e.next_pc >> 16) != (e.pc >> 16));
  // op_a_0 marks an ALU or load whose destination is x0.
  end_cycle(shard_costs::instruction_air(e.opcode, e.op_a_0 ? 0 : 1), e.clk, e.clk + kClkInc, pc_bump);
}

// SplicingVM::execute_ecall: a sent syscall is either retained (its rows go to
// this shard) or deferred (it sends one global interaction); the COMMITs stop
// the shard from ending.
void ShapeChecker::syscall(const SyscallEvent& e, std::span<const MemoryAccess> memory) {
  if (shard_costs::should_send(e.code)) {
    if (shard_costs::retained_by_default(e.code)) {
      const Air a = *shard_costs::syscall_air(e.code);  // every retained code has a chip
      const uint64_t rows = shard_costs::rows_per_event(a);
      add_rows(a, rows);
      if (rows > 1) trace_area_ += cost(*shard_costs::control_air(a));
    } else {
      syscall_sent_ = true;
    }
  }
  if (e.code == sys::COMMIT || e.code == sys::COMMIT_DEFERRED_PROOFS) commit_on_ = true;
  for (const MemoryAccess& m : memory) memory_access(m.addr, m.prev_timestamp);
  const bool pc_bump = e.next_pc == e.pc + 4 && (e.next_pc >> 16) != (e.pc >> 16);
  end_cycle(shard_costs::kEcallAir, e.clk, e.clk + kClkInc + kSyscallClkInc, pc_bump);
}

bool ShapeChecker::limit_reached() const {
  return !commit_on_ &&
         (trace_area_ >= threshold_.element_threshold || max_height_ >= threshold_.height_threshold);
}

}  // namespace zkgpu::zkvm
