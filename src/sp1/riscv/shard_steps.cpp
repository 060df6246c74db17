#include "sp1/riscv/shard_steps.hpp"

#include <algorithm>

namespace zkgpu::sp1::riscv {

std::vector<ShardStep> shard_steps(const zkvm::ShardRecord& shard) {
  using zkvm::InstrEvent;
  std::vector<ShardStep> steps;
  steps.reserve(shard.alu.size() + shard.memory.size() + shard.branch.size() + shard.jump.size() +
                shard.utype.size() + shard.syscalls.size());
  const auto add = [&](const std::vector<InstrEvent>& events, bool sets_next_pc) {
    for (const InstrEvent& e : events)
      steps.push_back({e.clk, e.pc, e.next_pc, zkvm::kClkInc, sets_next_pc,
                       {e.used & InstrEvent::kA ? &e.ra : nullptr, e.used & InstrEvent::kB ? &e.rb : nullptr,
                        e.used & InstrEvent::kC ? &e.rc : nullptr}});
  };
  add(shard.alu, false);
  add(shard.memory, false);
  add(shard.utype, false);
  add(shard.branch, true);
  add(shard.jump, true);
  for (const zkvm::SyscallEvent& s : shard.syscalls)
    steps.push_back({s.clk, s.pc, s.next_pc, zkvm::kClkInc + zkvm::kSyscallClkInc, false, {&s.ra, &s.rb, &s.rc}});
  std::sort(steps.begin(), steps.end(), [](const ShardStep& x, const ShardStep& y) { return x.clk < y.clk; });
  return steps;
}

}  // namespace zkgpu::sp1::riscv
