#include "sp1/riscv/state_bump_trace.hpp"

#include <algorithm>

#include "sp1/air/riscv/state_bump.hpp"

namespace zkgpu::sp1::riscv {

namespace {

constexpr auto kCols = air::col_map<rv::StateBumpCols<size_t>>();

// StateBumpChip::generate_trace_into: the state the instruction sent (its clock
// low part plus the increment; with a pc carry, its pc + 4 in the low limb) and
// the state with the carries made.
void fill_state_bump(Row row, const StateBumpEvent& e) {
  const auto& c = kCols;
  const uint64_t next_clk = e.clk + e.increment;
  put(row, c.clk_low, (e.clk & 0xFFFFFF) + e.increment);
  put(row, c.clk_high, e.clk >> 24);
  put(row, c.next_clk_0_16, next_clk & 0xFFFF);
  put(row, c.next_clk_16_24, (next_clk >> 16) & 0xFF);
  put(row, c.next_clk_24_32, (next_clk >> 24) & 0xFF);
  put(row, c.next_clk_32_48, (next_clk >> 32) & 0xFFFF);
  const uint64_t prev_pc = e.pc_carry ? e.next_pc - 4 : e.next_pc;
  for (size_t i = 0; i < 3; ++i) {
    put(row, c.next_pc[i], (e.next_pc >> (16 * i)) & 0xFFFF);
    put(row, c.pc[i], ((prev_pc >> (16 * i)) & 0xFFFF) + (e.pc_carry && i == 0 ? 4 : 0));
  }
  put(row, c.is_clk, (next_clk >> 24) != (e.clk >> 24));
  put(row, c.is_real, 1);
}

}  // namespace

std::vector<StateBumpEvent> state_bumps(const zkvm::ShardRecord& shard) {
  struct Step {
    uint64_t clk, pc, next_pc, increment;
    bool sets_next_pc;  // a branch or jump (SP1's is_with_correct_next_pc)
  };
  std::vector<Step> steps;
  for (const auto* v : {&shard.alu, &shard.memory, &shard.utype})
    for (const zkvm::InstrEvent& e : *v) steps.push_back({e.clk, e.pc, e.next_pc, zkvm::kClkInc, false});
  for (const auto* v : {&shard.branch, &shard.jump})
    for (const zkvm::InstrEvent& e : *v) steps.push_back({e.clk, e.pc, e.next_pc, zkvm::kClkInc, true});
  for (const zkvm::SyscallEvent& s : shard.syscalls)
    steps.push_back({s.clk, s.pc, s.next_pc, zkvm::kClkInc + zkvm::kSyscallClkInc, false});
  std::sort(steps.begin(), steps.end(), [](const Step& x, const Step& y) { return x.clk < y.clk; });
  std::vector<StateBumpEvent> out;
  for (const Step& s : steps) {
    const bool clk_carry = (s.clk & 0xFFFFFF) + s.increment >= (uint64_t(1) << 24);
    const bool pc_carry = !s.sets_next_pc && s.next_pc == s.pc + 4 && (s.next_pc >> 16) != (s.pc >> 16);
    if (clk_carry || pc_carry) out.push_back({s.clk, s.increment, s.next_pc, pc_carry});
  }
  return out;
}

RiscvChipTrace state_bump_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<StateBumpEvent> events = state_bumps(shard);
  return detail::event_chip_trace<rv::StateBumpChip>(std::span<const StateBumpEvent>(events), options, fill_state_bump);
}

}  // namespace zkgpu::sp1::riscv
