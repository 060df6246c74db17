// What the precompile chip tests share beyond riscv_chip_harness.hpp: a User
// chip's page checks of a slice, a chip case of one mode and build, a guest (a
// fixture or one a test made) run to its end in shards, a shard's calls of one
// syscall, the options of a trust mode with the program's untrusted-code flag to
// match, a chip's trace in a shard's traces, and the check that a guest's shards
// hold every constraint and interaction in both builds with the global sums
// cancelling.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "common/cpu_pool.hpp"
#include "riscv_chip_harness.hpp"
#include "sp1/riscv/shard_check.hpp"
#include "sp1/riscv/shard_traces.hpp"
#include "sp1/setup/global_sum.hpp"
#include "zkvm/sharding.hpp"

namespace zkgpu::sp1::riscv::test_support {

inline std::string rep(const std::string& s, size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += s;
  return out;
}

// A User precompile chip's page checks of one memory slice (page_prot.hpp): two
// pages' range checks, the first page's timestamp checks, PageProtAccess read and
// AND lookup, the second's.
inline const std::string kSlice = "BBBB" + rep("BBQB", 2);

// A chip case of one trust mode and build.
template <class Chip, class Kind>
void add_case(std::vector<ChipCase<Kind>>& out, Kind kind, TrustMode mode, Features features, size_t width,
              size_t constraints, const std::string& sends, const std::string& receives) {
  out.push_back({kind, std::make_unique<air::ChipModel<Chip>>(), mode, features, width, constraints, sends, receives});
}

struct GuestShards {
  zkvm::Program program;
  std::vector<zkvm::ShardRecord> shards;
};

// The guest ELF `bytes` (`name` in messages) on one stdin entry, in shards of
// `element_threshold` (0: SP1's default size).
inline GuestShards run_guest(const std::vector<uint8_t>& bytes, const std::string& name, std::vector<uint8_t> input,
                             uint64_t element_threshold) {
  GuestShards r{zkvm::load_elf(bytes), {}};
  zkvm::ShardOptions o;
  if (element_threshold) o.threshold.element_threshold = element_threshold;
  const auto summary = zkvm::execute_shards(r.program, {std::move(input)}, o,
                                            [&](zkvm::ShardRecord&& s) { r.shards.push_back(std::move(s)); });
  if (!summary.report.ok()) throw std::runtime_error(name + " failed: " + summary.report.error);
  return r;
}

// The fixture guest `elf`, as run_guest.
inline GuestShards guest_shards(const std::string& elf, std::vector<uint8_t> input, uint64_t element_threshold) {
  const auto bytes = read_file(std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / elf);
  if (bytes.empty()) throw std::runtime_error("fixture " + elf + " missing in " ZKGPU_SP1_FIXTURES_DIR);
  return run_guest(bytes, elf, std::move(input), element_threshold);
}

inline size_t calls(const zkvm::ShardRecord& shard, uint32_t code) {
  size_t n = 0;
  for (const zkvm::PrecompileEvent& p : shard.precompiles) n += p.syscall.code == code;
  return n;
}

inline RiscvTraceOptions options_for(TrustMode mode) {
  RiscvTraceOptions o;
  o.mode = mode;
  o.untrusted_programs_enabled = mode == TrustMode::User;
  return o;
}

inline ShardChipTrace& chip_in(ShardTraces& t, std::string_view name) {
  for (ShardChipTrace& c : t.chips)
    if (c.chip->name() == name) return c;
  throw std::runtime_error("no chip " + std::string(name));
}

// One main cell of chip `name` raised by 3, on its second row (a call's) or its
// last (padding): the checker must report that chip and row.
inline void expect_corrupted_cell_found(const ShardTraces& good, std::string_view name, size_t column, bool padding) {
  SCOPED_TRACE(std::string(name) + (padding ? " padding row" : " real row"));
  ShardTraces t = good;
  ShardChipTrace& c = chip_in(t, name);
  const size_t row = padding ? c.rows - 1 : 1, cell = row * c.chip->width() + column;
  c.main[cell] = c.main[cell] + Felt::from_canonical(3);
  const auto v = first_violation(t);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->chip, name);
  EXPECT_EQ(v->row, row);
}

// The guest's shards as check-traces sees them, in both builds: no constraint
// breaks, every interaction kind balances, every lookup addresses a table row, the
// global sums cancel (and do not without the first shard's); `also` sees each
// shard's traces.
inline void expect_shards_hold(
    const GuestShards& r, const std::function<void(const zkvm::ShardRecord&, const ShardTraces&)>& also = {}) {
  for (const Features features : {Features::Default, Features::Mprotect}) {
    const ProgramTables tables = program_tables(r.program, features);
    std::vector<air::septic::Point> sums;
    for (const zkvm::ShardRecord& s : r.shards) {
      SCOPED_TRACE("shard " + std::to_string(s.index) + (features == Features::Mprotect ? " (mprotect)" : ""));
      const ShardTraces t = shard_traces(s, tables);
      const auto v = first_violation(t);
      EXPECT_FALSE(v) << v->chip << " row " << v->row << " constraint " << v->constraint;
      for (InteractionKind k : unbalanced_kinds(t, random_challenge()))
        ADD_FAILURE() << kind_name(k) << " does not balance";
      EXPECT_EQ(t.uncounted_lookups, 0u);
      if (also) also(s, t);
      sums.push_back(t.global_cumulative_sum);
    }
    const auto initial = setup::initial_global_cumulative_sum(r.program, cpu_count());
    EXPECT_TRUE(global_sums_cancel(initial, sums));
    if (sums.size() > 1) {
      EXPECT_FALSE(global_sums_cancel(initial, std::span(sums).subspan(1)));
    }
  }
}

}  // namespace zkgpu::sp1::riscv::test_support
