#include "sp1/riscv/memory_local_trace.hpp"

#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/memory_local.hpp"

namespace zkgpu::sp1::riscv {

namespace {

constexpr auto kCols = air::col_map<rv::MemoryLocalCols<size_t>>();

void fill_memory_local(Row row, const zkvm::MemoryLocalEvent& e) {
  const auto& c = kCols;
  if (e.addr >> 48) throw std::invalid_argument("local memory event at address " + std::to_string(e.addr));
  put_limbs(row, c.addr, e.addr);
  put(row, c.initial_clk_high, e.initial_timestamp >> 24);
  put(row, c.initial_clk_low, e.initial_timestamp & 0xFFFFFF);
  put(row, c.final_clk_high, e.final_timestamp >> 24);
  put(row, c.final_clk_low, e.final_timestamp & 0xFFFFFF);
  put_word(row, c.initial_value, e.initial_value);
  put_word(row, c.final_value, e.final_value);
  put(row, c.initial_value_lower, (e.initial_value >> 32) & 0xFF);
  put(row, c.initial_value_upper, (e.initial_value >> 40) & 0xFF);
  put(row, c.final_value_lower, (e.final_value >> 32) & 0xFF);
  put(row, c.final_value_upper, (e.final_value >> 40) & 0xFF);
  put(row, c.is_real, 1);
}

}  // namespace

RiscvChipTrace memory_local_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  std::vector<const zkvm::MemoryLocalEvent*> events;
  for (const zkvm::PrecompileEvent& p : shard.precompiles)
    for (const zkvm::MemoryLocalEvent& e : p.memory_local) events.push_back(&e);
  for (const zkvm::MemoryLocalEvent& e : shard.memory_local) events.push_back(&e);
  return detail::event_chip_trace<rv::MemoryLocalChip>(
      std::span<const zkvm::MemoryLocalEvent* const>(events), options,
      [](Row row, const zkvm::MemoryLocalEvent* e) { fill_memory_local(row, *e); });
}

}  // namespace zkgpu::sp1::riscv
