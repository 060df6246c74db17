// A shard's cycles, as SP1's tracing executor emits them (crates/core/executor/
// src/tracing.rs emit_events): each instruction and ECALL with its clock, pc,
// next pc, clock increment and register records. The bump chips' events are
// derived from these.
//
// The steps are visited list by list (ALU, memory, U-type, branch, jump, ECALL,
// trapped load or store, trapped fetch),
// not in execution order: a bump chip keeps a few of them and sorts only those by
// clock (each step has its own clock), which costs a scan instead of a sort of
// the whole shard.
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

// Calls visit(const ShardStep&) for every cycle of the shard.
template <class Visit>
void for_each_step(const zkvm::ShardRecord& shard, Visit&& visit) {
  using zkvm::InstrEvent;
  const auto instrs = [&](const std::vector<InstrEvent>& events, bool sets_next_pc) {
    for (const InstrEvent& e : events)
      visit(ShardStep{e.clk, e.pc, e.next_pc, zkvm::kClkInc, sets_next_pc,
                      {e.used & InstrEvent::kA ? &e.ra : nullptr, e.used & InstrEvent::kB ? &e.rb : nullptr,
                       e.used & InstrEvent::kC ? &e.rc : nullptr}});
  };
  instrs(shard.alu, false);
  instrs(shard.memory, false);
  instrs(shard.utype, false);
  instrs(shard.branch, true);
  instrs(shard.jump, true);
  // An ECALL that trapped or returned from a signal sets its next pc (SP1's
  // emit_events: no pc-carry bump for is_trap or is_sig_return).
  for (const zkvm::SyscallEvent& s : shard.syscalls)
    visit(ShardStep{s.clk, s.pc, s.next_pc, zkvm::kClkInc + zkvm::kSyscallClkInc,
                    s.trap_result.has_value() || s.sig_return_pc_record.has_value(), {&s.ra, &s.rb, &s.rc}});
  // Trapped loads and stores (their registers a and b) and fetches (none).
  for (const zkvm::TrapMemEvent& t : shard.trap_mem)
    visit(ShardStep{t.instr.clk, t.instr.pc, t.instr.next_pc, zkvm::kClkInc, true, {&t.instr.ra, &t.instr.rb, nullptr}});
  for (const zkvm::TrapExecEvent& t : shard.trap_exec)
    visit(ShardStep{t.clk, t.pc, t.trap_result.handler_record.value, zkvm::kClkInc, true, {}});
}

}  // namespace zkgpu::sp1::riscv
