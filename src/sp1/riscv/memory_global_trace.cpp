#include "sp1/riscv/memory_global_trace.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkgpu::sp1::riscv {

namespace {

constexpr auto kCols = air::col_map<rv::MemoryInitCols<size_t>>();

// A row and the address before it (the previous row's, or the shard's previous
// address for the first).
struct GlobalRow {
  const zkvm::MemoryInitFinalizeEvent* event;
  uint64_t prev_addr;
  uint32_t index;
};

void fill_global(Row row, const GlobalRow& r) {
  const auto& c = kCols;
  const zkvm::MemoryInitFinalizeEvent& e = *r.event;
  put_limbs(row, c.addr, e.addr);
  put(row, c.clk_high, e.timestamp >> 24);
  put(row, c.clk_low, e.timestamp & 0xFFFFFF);
  put_word(row, c.value, e.value);
  put(row, c.value_lower, (e.value >> 32) & 0xFF);
  put(row, c.value_upper, (e.value >> 40) & 0xFF);
  put(row, c.is_real, 1);
  put(row, c.index, r.index);
  put_limbs(row, c.prev_addr, r.prev_addr);
  put(row, c.prev_valid, !(r.prev_addr == 0 && r.index != 0));
  const Felt prev_sum = Felt::from_canonical(r.prev_addr & 0xFFFF) +
                        Felt::from_canonical((r.prev_addr >> 16) & 0xFFFF) +
                        Felt::from_canonical((r.prev_addr >> 32) & 0xFFFF);
  fill_is_zero(row, c.is_prev_addr_zero, prev_sum);
  fill_is_zero(row, c.is_index_zero, Felt::from_canonical(r.index));
  const bool compares = r.prev_addr != 0 || r.index != 0;
  put(row, c.is_comp, compares);
  if (compares) fill_lt_unsigned(row, c.lt_cols, true, r.prev_addr, e.addr);
}

}  // namespace

RiscvChipTrace memory_global_trace(rv::MemoryGlobalKind kind, const zkvm::ShardRecord& shard,
                                   const RiscvTraceOptions& options) {
  const bool init = kind == rv::MemoryGlobalKind::Initialize;
  const auto& source = init ? shard.memory_initialize : shard.memory_finalize;
  std::vector<const zkvm::MemoryInitFinalizeEvent*> events;
  for (const auto& e : source) events.push_back(&e);
  std::sort(events.begin(), events.end(), [](const auto* x, const auto* y) { return x->addr < y->addr; });
  std::vector<GlobalRow> rows;
  uint64_t prev = init ? shard.public_values.previous_init_addr : shard.public_values.previous_finalize_addr;
  for (const auto* e : events) {
    if (e->addr >> 48) throw std::invalid_argument("global memory event at address " + std::to_string(e->addr));
    if (!rows.empty() && e->addr <= prev)
      throw std::invalid_argument("global memory events at address " + std::to_string(e->addr) + " do not increase");
    rows.push_back({e, prev, uint32_t(rows.size())});
    prev = e->addr;
  }
  const auto fill = [](Row row, const GlobalRow& r) { fill_global(row, r); };
  if (init)
    return detail::event_chip_trace<rv::MemoryGlobalChip<rv::MemoryGlobalKind::Initialize>>(
        std::span<const GlobalRow>(rows), options, fill);
  return detail::event_chip_trace<rv::MemoryGlobalChip<rv::MemoryGlobalKind::Finalize>>(
      std::span<const GlobalRow>(rows), options, fill);
}

}  // namespace zkgpu::sp1::riscv
