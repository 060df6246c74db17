// The RISC-V machine at shard level (sp1/riscv/shard_traces.hpp, shard_check.hpp,
// lookup_counts.hpp, public_values.hpp, sp1/air/riscv/public_values.hpp): RiscvAir's
// chip list; real guests' shards (fibonacci and loop, cut small so there are
// execution shards and a memory shard; keccak, with a precompile shard) satisfy every constraint, every interaction
// kind balances in each shard with the table chips' multiplicities counted from
// the other chips' sends, and the global sums cancel with the vk's initial sum;
// and each check fails when it should: a corrupted cell names its chip and row, a
// table multiplicity off by one unbalances that table's kind, a wrong public
// value breaks its constraint or the State argument, a missing shard leaves the
// global sum non-zero, a lookup no table row matches is not counted, and a
// precompile call whose chip is not built yet is refused naming it.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/cpu_pool.hpp"
#include "riscv_precompile_harness.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/public_values.hpp"
#include "sp1/riscv/corrupt_cell.hpp"
#include "sp1/riscv/lookup_counts.hpp"
#include "sp1/riscv/public_values.hpp"
#include "sp1/riscv/shard_check.hpp"
#include "sp1/riscv/shard_traces.hpp"
#include "zkvm/sharding.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using air::InteractionKind;

using test_support::guest_shards;
using GuestRun = test_support::GuestShards;

// fibonacci in several small shards (the last a memory shard), loop in one,
// keccak with its permutations deferred to a precompile shard.
const std::vector<GuestRun>& runs() {
  static const std::vector<GuestRun> all = [] {
    std::vector<GuestRun> v;
    v.push_back(guest_shards("elf/fibonacci.elf", zkvm::u64_entry(3000), 2'500'000));
    v.push_back(guest_shards("elf/loop.elf", zkvm::u64_entry(500), 0));
    std::vector<uint8_t> data(136 * 12);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 29 + 3);
    v.push_back(guest_shards("elf/keccak.elf", std::move(data), 0));
    return v;
  }();
  return all;
}

// The first fibonacci shard's traces (their preprocessed columns point into `tables`).
const ShardTraces& first_traces() {
  static const ProgramTables tables = program_tables(runs().front().program);
  static const ShardTraces t = shard_traces(runs().front().shards.front(), tables);
  return t;
}

const ShardChipTrace& chip_of(const ShardTraces& t, std::string_view name) {
  for (const ShardChipTrace& c : t.chips)
    if (c.chip->name() == name) return c;
  throw std::runtime_error("no chip " + std::string(name));
}

TEST(Sp1RiscvShardTraces, ChipsAreRiscvAirsInSp1Order) {
  const auto chips = riscv_air_chips(Features::Default);
  const auto mprotect = riscv_air_chips(Features::Mprotect);
  ASSERT_EQ(mprotect.size(), chips.size());
  for (size_t i = 0; i < chips.size(); ++i) {
    EXPECT_EQ(mprotect[i].name, chips[i].name);
    EXPECT_EQ(!mprotect[i].chip, !chips[i].chip);
    // Each build's chips have their own constraints: `mprotect` asserts the
    // untrusted-code flag. The trap and untrusted-fetch chips differ otherwise
    // (the trap context's checks, the default build's empty chips): SP1's
    // complexity tables hold both (riscv_air_table_test.cpp). The page-protection
    // chips instead zero is_real in the default build (PageProt once per check),
    // and Mprotect checks the untrusted region's bounds (6) under `mprotect`.
    const std::set<std::string_view> user_mode{"InstructionDecode", "InstructionFetch", "SigReturn",
                                               "SyscallInstrsUser", "TrapExec", "TrapMem"};
    static const std::map<std::string_view, int> page_prot_difference{
        {"PageProt", -4}, {"PageProtLocal", -1}, {"PageProtGlobalInit", -1}, {"PageProtGlobalFinalize", -1},
        {"Mprotect", 5}};
    if (chips[i].chip && !user_mode.count(chips[i].name) &&
        chips[i].chip->num_constraints() != mprotect[i].chip->num_constraints()) {
      const auto it = page_prot_difference.find(chips[i].name);
      const int difference = it == page_prot_difference.end() ? 1 : it->second;
      EXPECT_EQ(int(mprotect[i].chip->num_constraints()), int(chips[i].chip->num_constraints()) + difference)
          << chips[i].name;
    }
  }
  // RiscvAir::machine lists 122 chips.
  ASSERT_EQ(chips.size(), 122u);
  EXPECT_EQ(chips.front().name, "Program");
  EXPECT_EQ(chips[chips.size() - 3].name, "Global");
  EXPECT_EQ(chips[chips.size() - 2].name, "Byte");
  EXPECT_EQ(chips.back().name, "Range");
  size_t built = 0;
  for (const RiscvAirChip& c : chips)
    if (c.chip) {
      EXPECT_EQ(c.chip->name(), c.name);
      ++built;
    }
  // Program, Byte, Range, Global, the four syscall tables, 25 instruction chips in
  // both modes, SyscallInstrs, MemoryBump, StateBump, two global memory chips,
  // MemoryLocal; ShaExtend, ShaCompress and their control chips in both modes;
  // the AddAssign and DoubleAssign of secp256k1, secp256r1, BN254 and BLS12-381 in
  // both modes; KeccakPermute and its control chip in both modes; Poseidon2 in
  // both modes; the BN254 and BLS12-381 FpOpAssign chips and their User chips;
  // their Fp2AddSubAssign and Fp2MulAssign chips and their User chips; EdAddAssign,
  // EdDecompress, Uint256MulMod and Uint256Ops in both modes; SyscallInstrsUser,
  // TrapExec, TrapMem, InstructionFetch, InstructionDecode and SigReturn; Mprotect,
  // PageProt, PageProtLocal and the two global page chips: every chip of RiscvAir.
  EXPECT_EQ(built, 4u + 4 + 50 + 1 + 2 + 2 + 1 + 6 + 16 + 3 + 2 + 4 + 8 + 4 + 4 + 6 + 5);
  const auto at = [&](std::string_view n) {
    return std::find_if(chips.begin(), chips.end(), [&](const RiscvAirChip& c) { return c.name == n; }) - chips.begin();
  };
  EXPECT_LT(at("KeccakPermute"), at("SyscallCore"));
  EXPECT_EQ(at("DivRem") + 1, at("DivRemUser"));
  EXPECT_LT(at("Jalr"), at("SyscallInstrs"));
  EXPECT_LT(at("StateBump"), at("MemoryGlobalInit"));
  EXPECT_LT(at("MemoryLocal"), at("Global"));
}

TEST(Sp1RiscvShardTraces, PublicValuesLayoutIsSp1s) {
  zkvm::PublicValues pv;
  pv.pc_start = 0x1234'5678'9abcULL;
  pv.initial_timestamp = (uint64_t(0x1234) << 32) | (uint64_t(0x56) << 24) | (uint64_t(0x78) << 16) | 0x9abc;
  pv.is_untrusted_programs_enabled = 1;
  pv.committed_value_digest[1] = 0xaabbccdd;
  const auto f = public_values_felts(pv, Features::Default, {});
  ASSERT_EQ(f.size(), 187u);
  const auto& p = air::riscv::kPublicValues;
  EXPECT_EQ(p.pc_start[0], 80u);  // after the digests: 32 + 32 + 8 + 8
  EXPECT_EQ(f[p.pc_start[0]].to_canonical(), 0x9abcu);
  EXPECT_EQ(f[p.pc_start[2]].to_canonical(), 0x1234u);
  EXPECT_EQ(f[p.initial_timestamp[0]].to_canonical(), 0x1234u);
  EXPECT_EQ(f[p.initial_timestamp[1]].to_canonical(), 0x56u);
  EXPECT_EQ(f[p.initial_timestamp[3]].to_canonical(), 0x9abcu);
  EXPECT_EQ(f[p.committed_value_digest[1][0]].to_canonical(), 0xddu);
  EXPECT_EQ(f[151].to_canonical(), 1u);  // is_untrusted_programs_enabled, as the chips read it
}

// Counted from SP1's eval_public_values: the empty words 4; the state 14; the first
// execution shard 61; the exit code 2; the committed digest 1092 (32 x 32 of them
// for "a non-zero byte freezes the digest"); the deferred digest 84; the page
// chains' flag 2. Sends: 56 byte-table lookups, the start state, the running sum's
// start, the four chains' starts; receives: the end state, the running sum's end,
// the chains' ends.
TEST(Sp1RiscvShardTraces, PublicValuesConstraintsAndInteractionsAreSp1s) {
  const air::MachineChip& c = public_values_chip(Features::Default);
  EXPECT_EQ(c.width(), 0u);
  EXPECT_EQ(c.num_constraints(), 1259u);
  std::map<InteractionKind, size_t> sends, receives;
  for (const auto& i : c.program().sends) ++sends[i.kind];
  for (const auto& i : c.program().receives) ++receives[i.kind];
  EXPECT_EQ(sends, (std::map<InteractionKind, size_t>{{InteractionKind::Byte, 56},
                                                      {InteractionKind::State, 1},
                                                      {InteractionKind::GlobalAccumulation, 1},
                                                      {InteractionKind::MemoryGlobalInitControl, 1},
                                                      {InteractionKind::MemoryGlobalFinalizeControl, 1},
                                                      {InteractionKind::PageProtGlobalInitControl, 1},
                                                      {InteractionKind::PageProtGlobalFinalizeControl, 1}}));
  EXPECT_EQ(receives, (std::map<InteractionKind, size_t>{{InteractionKind::State, 1},
                                                         {InteractionKind::GlobalAccumulation, 1},
                                                         {InteractionKind::MemoryGlobalInitControl, 1},
                                                         {InteractionKind::MemoryGlobalFinalizeControl, 1},
                                                         {InteractionKind::PageProtGlobalInitControl, 1},
                                                         {InteractionKind::PageProtGlobalFinalizeControl, 1}}));
  // `mprotect` adds eval_trap_handler: two flags and the handler's rule 3, the
  // context's 9 and the region's 6 zero checks; 15 limb range checks.
  const air::MachineChip& m = public_values_chip(Features::Mprotect);
  EXPECT_EQ(m.num_constraints(), 1259u + 18);
  EXPECT_EQ(m.num_sends(), c.num_sends() + 15);
  EXPECT_EQ(m.num_receives(), c.num_receives());
}

// The `mprotect` build moves proof_nonce and empty past the trap handler's fields.
TEST(Sp1RiscvShardTraces, MprotectPublicValuesCarryTheTrapHandler) {
  zkvm::PublicValues pv;
  pv.proof_nonce = {1, 2, 3, 4};
  TrapHandlerValues trap;
  trap.enabled = true;
  trap.trap_context = {0x1'0000'0008, 0x1'0000'0010, 0x1'0000'0018};
  trap.untrusted_memory = {0x2000, 0x3000};
  const auto d = public_values_felts(pv, Features::Default, trap);
  const auto m = public_values_felts(pv, Features::Mprotect, trap);
  EXPECT_EQ(d[152].to_canonical(), 1u);       // proof_nonce[0]
  EXPECT_EQ(m[152].to_canonical(), 1u);       // enable_trap_handler
  EXPECT_EQ(m[153].to_canonical(), 8u);       // trap_context[0], low limb
  EXPECT_EQ(m[155].to_canonical(), 1u);       // trap_context[0], top limb
  EXPECT_EQ(m[162].to_canonical(), 0x2000u);  // untrusted_memory[0]
  EXPECT_EQ(m[168].to_canonical(), 1u);       // proof_nonce[0]
  EXPECT_EQ(m[171].to_canonical(), 4u);
}

// Under `mprotect` the chips assert the program's untrusted-code flag; in the
// default build the Supervisor chips do not read it (and the public values'
// page chains it opens are empty, from page 0 to page 0), so nothing fails.
TEST(Sp1RiscvShardTraces, MprotectChipsAssertTheUntrustedFlag) {
  static const ProgramTables tables = program_tables(runs().front().program, Features::Mprotect);
  ShardTraces t = shard_traces(runs().front().shards.front(), tables);
  EXPECT_FALSE(first_violation(t));
  EXPECT_TRUE(unbalanced_kinds(t, random_challenge()).empty());
  t.public_value_felts[151] = air::Felt::one();
  const auto v = first_violation(t);
  ASSERT_TRUE(v);
  EXPECT_NE(v->chip, "PublicValues");
  ShardTraces d = first_traces();
  d.public_value_felts[151] = air::Felt::one();
  EXPECT_FALSE(first_violation(d));
  EXPECT_TRUE(unbalanced_kinds(d, random_challenge()).empty());
}

// In both builds.
TEST(Sp1RiscvShardTraces, GuestShardsHoldEveryConstraintAndInteraction) {
  size_t shards = 0, memory_shards = 0;
  for (const GuestRun& r : runs())
    test_support::expect_shards_hold(r, [&](const zkvm::ShardRecord& s, const ShardTraces& t) {
      // The table chips got every lookup: Byte's, Range's and Program's rows are full tables.
      EXPECT_EQ(chip_of(t, "Byte").rows, size_t(1) << 16);
      EXPECT_EQ(chip_of(t, "Range").rows, size_t(1) << 17);
      ++shards;
      memory_shards += s.kind == zkvm::ShardRecord::Kind::memory;
    });
  EXPECT_GE(shards, 8u);
  EXPECT_GE(memory_shards, 1u);
}

TEST(Sp1RiscvShardTraces, CorruptedCellIsFoundAtItsChipAndRow) {
  for (uint64_t seed : {1, 2, 3}) {
    ShardTraces t = first_traces();
    const auto cell = corrupt_one_cell(t, seed);
    ASSERT_TRUE(cell);
    const auto v = first_violation(t);
    ASSERT_TRUE(v) << cell->chip << " row " << cell->row;
    EXPECT_EQ(v->chip, cell->chip);
    EXPECT_EQ(v->row, cell->row);
  }
}

// A table's multiplicity off by one: only that table's kind fails to balance.
TEST(Sp1RiscvShardTraces, TableMultiplicitiesAreWhatTheChipsSend) {
  for (const auto& [table, kind] : {std::pair{"Byte", InteractionKind::Byte}, std::pair{"Range", InteractionKind::Byte},
                                    std::pair{"Program", InteractionKind::Program}}) {
    SCOPED_TRACE(table);
    ShardTraces t = first_traces();
    ShardChipTrace& c = const_cast<ShardChipTrace&>(chip_of(t, table));
    // The first counted cell.
    const auto it = std::find_if(c.main.begin(), c.main.end(), [](const air::Felt& x) { return !x.is_zero(); });
    ASSERT_NE(it, c.main.end());
    *it = *it + air::Felt::one();
    EXPECT_FALSE(first_violation(t));
    EXPECT_EQ(unbalanced_kinds(t, random_challenge()), std::vector<InteractionKind>{kind});
  }
}

TEST(Sp1RiscvShardTraces, PublicValuesAreChecked) {
  const auto& p = air::riscv::kPublicValues;
  {
    // The end state is not where the shard's instructions took it (and the Range
    // table counted the old pc's limb).
    ShardTraces t = first_traces();
    t.public_value_felts[p.next_pc[0]] = t.public_value_felts[p.next_pc[0]] + air::Felt::from_canonical(4);
    EXPECT_FALSE(first_violation(t));
    EXPECT_EQ(unbalanced_kinds(t, random_challenge()),
              (std::vector<InteractionKind>{InteractionKind::Byte, InteractionKind::State}));
  }
  {
    // is_execution_shard must be a bit.
    ShardTraces t = first_traces();
    t.public_value_felts[p.is_execution_shard] = air::Felt::from_canonical(2);
    const auto v = first_violation(t);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->chip, "PublicValues");
  }
  {
    // The Global chip's running sum ends at the public global_cumulative_sum.
    ShardTraces t = first_traces();
    t.public_value_felts[p.global_cumulative_sum_x[0]] =
        t.public_value_felts[p.global_cumulative_sum_x[0]] + air::Felt::one();
    EXPECT_EQ(unbalanced_kinds(t, random_challenge()),
              std::vector<InteractionKind>{InteractionKind::GlobalAccumulation});
  }
}

// Sends are counted by table row, weighted by multiplicity; receives and other kinds
// are not counted; a send no table row matches is left out and counted as such.
TEST(Sp1RiscvShardTraces, LookupsAreCountedByTableRow) {
  const auto f = [](uint32_t x) { return air::Felt::from_canonical(x); };
  const auto byte = [&](air::ByteOpcode op, uint32_t a, uint32_t b, uint32_t c, uint32_t m) {
    return air::Interaction<air::Felt>{InteractionKind::Byte, {f(uint32_t(op)), f(a), f(b), f(c)}, f(m)};
  };
  air::RowEvaluation<air::Felt> row;
  row.sends.push_back(byte(air::ByteOpcode::AND, 1, 3, 5, 2));
  row.sends.push_back(byte(air::ByteOpcode::AND, 1, 3, 5, 1));
  row.sends.push_back(byte(air::ByteOpcode::Range, 1000, 10, 0, 1));
  row.sends.push_back(byte(air::ByteOpcode::U8Range, 0, 7, 9, 0));     // multiplicity 0: nothing
  row.sends.push_back(byte(air::ByteOpcode::XOR, 0, 300, 1, 1));       // b is not a byte
  row.sends.push_back(byte(air::ByteOpcode::Range, 5, 2, 0, 1));       // 5 has more than 2 bits
  row.sends.push_back({InteractionKind::Program, {f(0x1234), f(0x5), f(0), f(9)}, f(1)});
  row.sends.push_back({InteractionKind::State, {f(1), f(2), f(3), f(4), f(5)}, f(1)});
  row.receives.push_back(byte(air::ByteOpcode::OR, 7, 3, 5, 1));
  LookupCounts counts;
  count_lookups(row, counts);
  EXPECT_EQ(counts.bytes.size(), 2u);
  EXPECT_EQ((counts.bytes[setup::ByteLookup{air::ByteOpcode::AND, 1, 3, 5}]), 3u);
  EXPECT_EQ((counts.bytes[setup::ByteLookup{air::ByteOpcode::Range, 1000, 10, 0}]), 1u);
  EXPECT_EQ(counts.pcs, (std::unordered_map<uint64_t, uint64_t>{{0x5'1234, 1}}));
  EXPECT_EQ(counts.uncounted, 2u);
}

TEST(Sp1RiscvShardTraces, PrecompileCallsNeedTheirChip) {
  // Every fixture guest's precompiles have their chips: a call of one that has none
  // (U256XU2048_MUL's: SP1 v6.4's RiscvAir has no chip for it) joins a real shard.
  GuestRun r = guest_shards("elf/fibonacci.elf", zkvm::u64_entry(10), 0);
  zkvm::PrecompileEvent call;
  call.syscall.code = 0x0001012F;  // U256XU2048_MUL
  r.shards.front().precompiles.push_back(call);
  const ProgramTables tables = program_tables(r.program, Features::Default);
  bool refused = false;
  for (const zkvm::ShardRecord& s : r.shards) {
    if (s.precompiles.empty()) continue;
    try {
      shard_traces(s, tables);
      ADD_FAILURE() << "shard " << s.index << " with precompile calls was traced";
    } catch (const UnsupportedChip& e) {
      EXPECT_EQ(e.chip(), "the chip of syscall U256XU2048_MUL");
      refused = true;
    }
  }
  EXPECT_TRUE(refused);
}

// The keccak guest's permutations, deferred to a precompile shard, are traced there:
// 24 rows each in KeccakPermute, one in KeccakPermuteControl.
TEST(Sp1RiscvShardTraces, KeccakShardsHaveTheirChips) {
  const GuestRun& r = runs().back();
  const ProgramTables tables = program_tables(r.program, Features::Default);
  size_t calls = 0;
  for (const zkvm::ShardRecord& s : r.shards) {
    const size_t n = s.precompiles.size();
    calls += n;
    const ShardTraces t = shard_traces(s, tables);
    EXPECT_EQ(chip_of(t, "KeccakPermute").rows, air::padded_height(24 * n));
    EXPECT_EQ(chip_of(t, "KeccakPermuteControl").rows, air::padded_height(n));
    EXPECT_EQ(chip_of(t, "KeccakPermuteControlUser").rows, 0u);
  }
  EXPECT_EQ(calls, 13u);  // 12 blocks absorbed, then one for the empty hash
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
