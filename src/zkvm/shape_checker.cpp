#include "zkvm/shape_checker.hpp"

#include <algorithm>
#include <stdexcept>

#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {

using shard_costs::Air;
using shard_costs::cost;

namespace {

uint64_t page_prot_rows(uint64_t entries) {
  return (entries + shard_costs::kPageProtEntriesPerRow - 1) / shard_costs::kPageProtEntriesPerRow;
}

// Branches and jumps carry their next pc in the chip; other instructions fall
// through (is_with_correct_next_pc, instruction.rs): a fall-through across a
// 2^16 boundary bumps the state.
bool fall_through_bump(const InstrEvent& e) {
  const bool control = e.opcode >= Op::beq && e.opcode <= Op::jalr;
  return !control && e.next_pc == e.pc + 4 && (e.next_pc >> 16) != (e.pc >> 16);
}

}  // namespace

ShapeChecker::ShapeChecker(uint64_t program_len, ShardingThreshold threshold, bool user_mode)
    : program_len_(program_len), user_mode_(user_mode) {
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
  local_page_prot_counts_ = 0;
  page_prot_accesses_ = 0;
  page_prot_entries_ = 0;
  last_page_access_external_.clear();
  decoded_words_.clear();
}

// riscv_air_id_from_opcode, or _user in user mode.
Air ShapeChecker::chip(Op op, unsigned rd) const {
  return user_mode_ ? shard_costs::instruction_air_user(op, rd) : shard_costs::instruction_air(op, rd);
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

// handle_page_prot_event: the same for a page's permission, from its record
// before the access.
void ShapeChecker::page_access(const PageProtRecord& prev) {
  const bool external = syscall_sent_;
  const bool first_this_shard = shard_start_clk_ > prev.timestamp;
  bool& last = last_page_access_external_[prev.page_idx];
  const bool last_external = last;
  last = external;
  local_page_prot_counts_ += (first_this_shard || (last_external && !external)) ? 1 : 0;
}

// SplicingVM::handle_error: the handler's word read, the code and pc written.
void ShapeChecker::trap_context(const TrapResult& t) {
  memory_access(t.context, t.handler_record.prev_timestamp);
  memory_access(t.context + 8, t.code_record.prev_timestamp);
  memory_access(t.context + 16, t.pc_record.prev_timestamp);
}

// handle_instruction: the instruction's chip row, then update_heights_and_area
// and, in user mode, update_heights_and_area_prot. `state_bump_pc`: the pc part
// of needs_state_bump (a fall-through to pc + 4 that crosses a 2^16 boundary).
void ShapeChecker::end_cycle(Air a, uint64_t clk, uint64_t next_clk, bool state_bump_pc) {
  const bool bump_clk_high = ((next_clk >> 24) ^ (clk >> 24)) != 0;
  const uint64_t increment = next_clk + 8 - clk;  // as vm.rs needs_state_bump computes it
  const bool state_bump = clk % (uint64_t(1) << 24) + increment >= (uint64_t(1) << 24) || state_bump_pc;
  add_rows(a, 1);
  close_cycle(bump_clk_high, state_bump);
  if (user_mode_) close_page_accesses();
}

// update_heights_and_area: the words touched this cycle, the global interaction
// of a deferred syscall, and the bumps.
void ShapeChecker::close_cycle(bool bump_clk_high, bool state_bump) {
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

// update_heights_and_area_prot: the pages touched this cycle (two global rows and
// a local row each) and the cycle's page checks, four to a PageProt row.
void ShapeChecker::close_page_accesses() {
  const uint64_t touched = local_page_prot_counts_;
  local_page_prot_counts_ = 0;
  add_rows(Air::Global, 2 * touched);
  const uint64_t before = page_prot_entries_;
  page_prot_entries_ += page_prot_accesses_;
  page_prot_accesses_ = 0;
  trace_area_ += cost(Air::PageProt) * (page_prot_rows(page_prot_entries_) - page_prot_rows(before));
  max_height_ = std::max(max_height_, page_prot_rows(page_prot_entries_));
  add_rows(Air::PageProtLocal, touched);
}

// SplicingVM<UserMode>::execute_instruction on an untrusted fetch:
// handle_untrusted_instruction (a fetch row, a decode row for a word new to the
// shard; SP1 leaves the decode height out of the tallest chip, which it never
// is, being at most the fetch height), the word read, the page check.
void ShapeChecker::untrusted_fetch(const InstructionFetchEvent& f, const PageProtRecord& page) {
  add_rows(Air::InstructionFetch, 1);
  if (decoded_words_.insert(f.encoded_instruction).second) add_rows(Air::InstructionDecode, 1);
  memory_access(f.memory.addr, f.memory.prev_timestamp);
  page_access(page);
  ++page_prot_accesses_;
}

void ShapeChecker::instruction(const InstrEvent& e, const PageProtRecord* page) {
  if (e.used & InstrEvent::kMemory) memory_access(e.memory.addr, e.memory.prev_timestamp);
  if (page) {
    page_access(*page);
    ++page_prot_accesses_;
  }
  // op_a_0 marks an ALU or load whose destination is x0.
  end_cycle(chip(e.opcode, e.op_a_0 ? 0 : 1), e.clk, e.clk + kClkInc, fall_through_bump(e));
}

// SplicingVM<UserMode>::execute_load / execute_store on a trap: the trap
// context's words and a TrapMem row instead of the memory word; the page check;
// the instruction's own row.
void ShapeChecker::trap_mem(const TrapMemEvent& t) {
  const InstrEvent& e = t.instr;
  trap_context(t.trap_result);
  add_rows(Air::TrapMem, 1);
  page_access(t.page_prot_access);
  ++page_prot_accesses_;
  end_cycle(chip(e.opcode, e.op_a_0 ? 0 : 1), e.clk, e.clk + kClkInc, fall_through_bump(e));
}

// SplicingVM<UserMode>::execute_instruction on a fetch error: the trap context's
// words, the page check, a TrapExec row and handle_trap_events (no instruction
// row; the state bumps only with the clock's high part).
void ShapeChecker::trap_exec(const TrapExecEvent& t) {
  trap_context(t.trap_result);
  page_access(t.page_prot_record);
  ++page_prot_accesses_;
  add_rows(Air::TrapExec, 1);
  const bool bump_clk_high = (((t.clk + kClkInc) >> 24) ^ (t.clk >> 24)) != 0;
  close_cycle(bump_clk_high, bump_clk_high);
  close_page_accesses();
}

// SplicingVM::execute_ecall: a sent syscall is either retained (its rows go to
// this shard) or deferred (it sends one global interaction); the COMMITs stop
// the shard from ending. The call's words are external to the CPU when it is
// deferred, and its register accesses (rr / rw through the runtime) count only
// then; its page checks and MPROTECT's page (user mode) likewise. A trap's
// context words and SIG_RETURN's read of the next pc are the CPU's.
void ShapeChecker::syscall(const SyscallEvent& e, std::span<const MemoryAccess> memory) {
  if (shard_costs::should_send(e.code)) {
    if (shard_costs::retained_by_default(e.code)) {
      // Every retained code has a chip.
      const Air a = user_mode_ ? *shard_costs::syscall_air_user(e.code) : *shard_costs::syscall_air(e.code);
      const uint64_t rows = shard_costs::rows_per_event(a);
      add_rows(a, rows);
      if (rows > 1) trace_area_ += cost(user_mode_ ? *shard_costs::control_air_user(a) : *shard_costs::control_air(a));
    } else {
      syscall_sent_ = true;
    }
  }
  if (e.code == sys::COMMIT || e.code == sys::COMMIT_DEFERRED_PROOFS) commit_on_ = true;
  if (user_mode_) {
    for (const PageProtRecord& p : e.page_checks) page_access(p);
    // MPROTECT is always deferred: its page's record before is its own local event's.
    if (e.code == sys::MPROTECT) page_access(e.page_prot_local.at(0).initial_access);
  }
  for (const MemoryAccess& m : memory) {
    if (m.addr < 32) local_mem_counts_ += syscall_sent_ ? 1 : 0;  // local_mem_syscall_rr
    else memory_access(m.addr, m.prev_timestamp);
  }
  const bool sent = syscall_sent_;
  syscall_sent_ = false;
  if (e.trap_result) trap_context(*e.trap_result);
  if (e.sig_return_pc_record) memory_access(e.sig_return_pc_record->addr, e.sig_return_pc_record->prev_timestamp);
  syscall_sent_ = sent;
  const bool pc_bump = e.next_pc == e.pc + 4 && (e.next_pc >> 16) != (e.pc >> 16);
  end_cycle(chip(Op::ecall, 5), e.clk, e.clk + kClkInc + kSyscallClkInc, pc_bump);
}

bool ShapeChecker::limit_reached() const {
  return !commit_on_ &&
         (trace_area_ >= threshold_.element_threshold || max_height_ >= threshold_.height_threshold);
}

}  // namespace zkgpu::zkvm
