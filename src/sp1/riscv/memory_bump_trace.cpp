#include "sp1/riscv/memory_bump_trace.hpp"

#include <algorithm>

#include "sp1/air/riscv/memory_bump.hpp"
#include "sp1/riscv/shard_steps.hpp"

namespace zkgpu::sp1::riscv {

namespace {

constexpr auto kCols = air::col_map<rv::MemoryBumpCols<size_t>>();

bool crosses_clk_high(const zkvm::MemoryAccess& m) { return (m.timestamp >> 24) != (m.prev_timestamp >> 24); }

// MemoryBumpChip::generate_trace_into: a read of the register's previous value,
// at the start of its clk_high unless a refresh.
void fill_bump(Row row, const MemoryBumpEvent& e) {
  const auto& c = kCols;
  zkvm::MemoryAccess read = e.record;
  read.value = read.prev_value;
  read.write = false;
  if (!e.refresh) read.timestamp = (read.timestamp >> 24) << 24;
  fill_memory_access(row, c.access, read);
  const uint64_t t = read.timestamp;
  put(row, c.clk_0_16, t & 0xFFFF);
  put(row, c.clk_16_24, (t >> 16) & 0xFF);
  put(row, c.clk_24_32, (t >> 24) & 0xFF);
  put(row, c.clk_32_48, (t >> 32) & 0xFFFF);
  put(row, c.addr, read.addr);
  put(row, c.is_real, 1);
}

}  // namespace

std::vector<MemoryBumpEvent> memory_bumps(const zkvm::ShardRecord& shard) {
  // The bumps by (clk, record a, b, c), as the steps in execution order give them.
  struct Bump {
    uint64_t clk;
    size_t record;
    const zkvm::MemoryAccess* access;
  };
  std::vector<Bump> bumps;
  for_each_step(shard, [&](const ShardStep& step) {
    for (size_t k = 0; k < 3; ++k)
      if (step.records[k] && crosses_clk_high(*step.records[k])) bumps.push_back({step.clk, k, step.records[k]});
  });
  std::sort(bumps.begin(), bumps.end(),
            [](const Bump& x, const Bump& y) { return x.clk != y.clk ? x.clk < y.clk : x.record < y.record; });
  std::vector<MemoryBumpEvent> out;
  out.reserve(bumps.size() + shard.register_refresh.size());
  for (const Bump& b : bumps) out.push_back({*b.access, false});
  for (const zkvm::MemoryAccess& m : shard.register_refresh) out.push_back({m, true});
  return out;
}

RiscvChipTrace memory_bump_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<MemoryBumpEvent> events = memory_bumps(shard);
  return detail::event_chip_trace<rv::MemoryBumpChip>(std::span<const MemoryBumpEvent>(events), options, fill_bump);
}

}  // namespace zkgpu::sp1::riscv
