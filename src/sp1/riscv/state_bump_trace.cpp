#include "sp1/riscv/state_bump_trace.hpp"

#include <algorithm>

#include "sp1/air/riscv/state_bump.hpp"
#include "sp1/riscv/shard_steps.hpp"

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
  put_limbs(row, c.next_pc, e.next_pc);
  put_limbs(row, c.pc, e.pc_carry ? e.next_pc - 4 : e.next_pc);
  if (e.pc_carry) put(row, c.pc[0], ((e.next_pc - 4) & 0xFFFF) + 4);  // pc + 4 without its carry
  put(row, c.is_clk, (next_clk >> 24) != (e.clk >> 24));
  put(row, c.is_real, 1);
}

}  // namespace

std::vector<StateBumpEvent> state_bumps(const zkvm::ShardRecord& shard) {
  std::vector<StateBumpEvent> out;
  for_each_step(shard, [&](const ShardStep& s) {
    const bool clk_carry = (s.clk & 0xFFFFFF) + s.increment >= (uint64_t(1) << 24);
    const bool pc_carry = !s.sets_next_pc && s.next_pc == s.pc + 4 && (s.next_pc >> 16) != (s.pc >> 16);
    if (clk_carry || pc_carry) out.push_back({s.clk, s.increment, s.next_pc, pc_carry});
  });
  std::sort(out.begin(), out.end(), [](const StateBumpEvent& x, const StateBumpEvent& y) { return x.clk < y.clk; });
  return out;
}

RiscvChipTrace state_bump_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<StateBumpEvent> events = state_bumps(shard);
  return detail::event_chip_trace<rv::StateBumpChip>(std::span<const StateBumpEvent>(events), options, fill_state_bump);
}

}  // namespace zkgpu::sp1::riscv
