// SP1's MemoryLocal chip (sp1/air/riscv/memory_local.hpp) and its trace from
// shards (sp1/riscv/memory_local_trace): SP1's width, constraint count and
// interactions; the traces of real guests' shards (execution and precompile
// shards) satisfy every constraint and every column matters; and, over the load
// and store chips and MemoryLocal together, the memory argument of every memory
// word a shard's loads and stores touch balances: each access takes the word as
// the previous one (or the shard's initial record) left it.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>
#include <vector>

#include "riscv_chip_harness.hpp"
#include "sp1/air/riscv/loads.hpp"
#include "sp1/air/riscv/memory_local.hpp"
#include "sp1/air/riscv/stores.hpp"
#include "sp1/riscv/memory_local_trace.hpp"
#include "sp1/riscv/memory_traces.hpp"
#include "zkvm/shard_costs.hpp"
#include "zkvm/sharding.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using LocalCase = ChipCase<int>;

// Constraints: is_real a bit, is_real^3 = is_real^3, the two limb-2 byte splits.
// Per record (initial, then final): its u8 pair and four u16 range checks, its
// Memory interaction (initial received, final sent), its Global message.
LocalCase local_case() {
  return {0, std::make_unique<air::ChipModel<rv::MemoryLocalChip>>(), TrustMode::Supervisor, Features::Default, 20,
          4, "BBBBBGBBBBBMG", "M"};
}

// SP1 shards of a fixture guest, with shards small enough that there are several:
// `extra` trace area per shard above the preprocessed chips and SP1's allowances.
std::vector<zkvm::ShardRecord> shards_of(const std::string& elf, std::vector<uint8_t> input, uint64_t extra) {
  const auto bytes = read_file(std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / elf);
  if (bytes.empty()) throw std::runtime_error("fixture " + elf + " missing in " ZKGPU_SP1_FIXTURES_DIR);
  const zkvm::Program program = zkvm::load_elf(bytes);
  zkvm::ShardOptions o;
  const uint64_t preprocessed = (program.code.size() + 31) / 32 * 32 * 17 + (uint64_t(1) << 16) * 13 +
                                (uint64_t(1) << 17) * 3;  // Program, Byte, Range areas (rv64im_costs.json)
  o.threshold.element_threshold = preprocessed + 3 * (uint64_t(1) << 18) + extra;
  std::vector<zkvm::ShardRecord> out;
  const auto summary =
      zkvm::execute_shards(program, {std::move(input)}, o, [&](zkvm::ShardRecord&& r) { out.push_back(std::move(r)); });
  if (!summary.report.ok()) throw std::runtime_error(elf + " failed: " + summary.report.error);
  return out;
}

const std::vector<zkvm::ShardRecord>& guest_shards() {
  static const std::vector<zkvm::ShardRecord> all = [] {
    std::vector<uint8_t> data(136 * 100);  // 100 Keccak permutations, deferred to precompile shards
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
    std::vector<zkvm::ShardRecord> out = shards_of("elf/fibonacci.elf", u64_entry(1000), 200'000);
    for (auto& s : shards_of("elf/keccak.elf", data, 3'000'000)) out.push_back(std::move(s));
    return out;
  }();
  return all;
}

TEST(Sp1RiscvMemoryLocal, LayoutAndInteractionsAreSp1s) {
  const LocalCase c = local_case();
  expect_layout_and_interactions(c);
  EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::MemoryLocal));
  EXPECT_EQ(c.chip->name(), "MemoryLocal");
}

TEST(Sp1RiscvMemoryLocal, GuestShardsSatisfyEveryConstraint) {
  const LocalCase c = local_case();
  size_t execution = 0, precompile = 0, rows = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    execution += s.kind == zkvm::ShardRecord::Kind::execution;
    precompile += s.kind == zkvm::ShardRecord::Kind::precompile;
    const RiscvChipTrace t = memory_local_trace(s);
    EXPECT_EQ(t.name, "MemoryLocal");
    const auto v = check(c, t);
    EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row << " constraint " << v->constraint;
    rows += t.rows;
  }
  EXPECT_GT(execution, 2u);
  EXPECT_GT(precompile, 0u);
  EXPECT_GT(rows, 1000u);
}

TEST(Sp1RiscvMemoryLocal, EmptyShardIsPadding) {
  const LocalCase c = local_case();
  const RiscvChipTrace t = memory_local_trace(zkvm::ShardRecord{});
  EXPECT_EQ(t.rows, air::padded_height(0));
  EXPECT_FALSE(check(c, t));
}

TEST(Sp1RiscvMemoryLocal, EveryColumnMatters) {
  const zkvm::ShardRecord& s = guest_shards().front();
  size_t real = s.memory_local.size();
  for (const auto& p : s.precompiles) real += p.memory_local.size();
  expect_every_column_matters(local_case(), memory_local_trace(s), real);
}

// The Memory interactions of a chip's trace whose address is a memory word (not a
// register) outside `skip`, as +1 per send and -1 per receive.
void count_memory_words(const MachineChip& chip, const RiscvChipTrace& t, const std::set<uint64_t>& skip,
                        std::map<std::vector<uint32_t>, int64_t>& balance) {
  const auto pv = public_values(false);
  for (size_t r = 0; r < t.rows; ++r) {
    const auto eval = chip.eval(std::span<const Felt>(t.main.data() + r * t.width, t.width), {}, pv);
    const auto add = [&](const std::vector<air::Interaction<Felt>>& list, int64_t sign) {
      for (const auto& i : list) {
        if (i.kind != InteractionKind::Memory || i.multiplicity.is_zero()) continue;
        std::vector<uint32_t> key;
        for (const Felt& x : i.values) key.push_back(x.to_canonical());
        const uint64_t addr = key[2] | uint64_t(key[3]) << 16 | uint64_t(key[4]) << 32;
        if (addr < 32 || skip.count(addr)) continue;
        ASSERT_TRUE(i.multiplicity == Felt::one()) << chip.name();
        balance[key] += sign;
      }
    };
    add(eval.sends, 1);
    add(eval.receives, -1);
  }
}

TEST(Sp1RiscvMemoryLocal, LoadsStoresAndLocalRecordsBalanceEveryMemoryWord) {
  struct Chip {
    MemoryChipKind kind;
    std::unique_ptr<MachineChip> model;
  };
  std::vector<Chip> chips;
  const auto add = [&]<template <TrustMode, Features> class C>(MemoryChipKind kind) {
    chips.push_back({kind, std::make_unique<air::ChipModel<C<TrustMode::Supervisor, Features::Default>>>()});
  };
  add.operator()<rv::LoadByteChip>(MemoryChipKind::LoadByte);
  add.operator()<rv::LoadHalfChip>(MemoryChipKind::LoadHalf);
  add.operator()<rv::LoadWordChip>(MemoryChipKind::LoadWord);
  add.operator()<rv::LoadDoubleChip>(MemoryChipKind::LoadDouble);
  add.operator()<rv::LoadX0Chip>(MemoryChipKind::LoadX0);
  add.operator()<rv::StoreByteChip>(MemoryChipKind::StoreByte);
  add.operator()<rv::StoreHalfChip>(MemoryChipKind::StoreHalf);
  add.operator()<rv::StoreWordChip>(MemoryChipKind::StoreWord);
  add.operator()<rv::StoreDoubleChip>(MemoryChipKind::StoreDouble);
  const LocalCase local = local_case();
  size_t checked_shards = 0, words = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    if (s.kind != zkvm::ShardRecord::Kind::execution) continue;
    // Words syscalls and precompiles touch have accesses no chip here makes yet.
    std::set<uint64_t> skip;
    for (const auto& m : s.syscall_memory) skip.insert(m.addr);
    for (const auto& p : s.precompiles)
      for (const auto& m : p.memory) skip.insert(m.addr);
    std::map<std::vector<uint32_t>, int64_t> balance;
    for (const Chip& c : chips) count_memory_words(*c.model, memory_trace(c.kind, s.memory), skip, balance);
    count_memory_words(*local.chip, memory_local_trace(s), skip, balance);
    for (const auto& [key, n] : balance) EXPECT_EQ(n, 0) << "shard " << s.index << " word " << key[2] << "," << key[3];
    words += balance.size();
    ++checked_shards;
  }
  EXPECT_GT(checked_shards, 2u);
  EXPECT_GT(words, 1000u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
