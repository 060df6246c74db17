// SP1's chips that take a shard's records rather than one instruction kind each:
// SyscallInstrs (ECALL, Supervisor mode), SyscallCore and SyscallPrecompile,
// MemoryGlobalInit and MemoryGlobalFinalize, MemoryLocal, MemoryBump and StateBump
// (sp1/air/riscv/{syscall_instrs,syscall_chip,memory_global,memory_local,
// memory_bump,state_bump}.hpp) and
// their traces (sp1/riscv/*_trace): SP1's widths, constraint counts and
// interactions; the traces of real guests' shards (execution and precompile
// shards) and of hand-made clock and pc carries satisfy every constraint and
// every column matters. And over every instruction chip (ALU, control flow,
// loads and stores, ECALL) with these, in real shards:
//  - the memory argument balances for every register and for every memory word
//    no precompile or syscall writes (their chips are not here yet): each access
//    takes the register or word as the previous one, a bump or the shard's
//    initial record left it, and the shard's final record takes it as the last
//    one left it;
//  - the CPU state runs from the shard's start state (public values: initial
//    timestamp, pc_start) to its end state (last timestamp, next_pc) with nothing
//    left over;
//  - every call an ECALL sends to the syscall table is SyscallCore's;
//  - the global memory chips' address chains run from the shard's previous to
//    its last init / finalize address;
//  - every message a shard sends to or takes from other shards is a row of the
//    Global chip, whose running sum runs from SP1's start digest to the shard's
//    cumulative sum.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "riscv_chip_harness.hpp"
#include "sp1/air/riscv/add_sub.hpp"
#include "sp1/air/riscv/alu_x0.hpp"
#include "sp1/air/riscv/bitwise.hpp"
#include "sp1/air/riscv/branch.hpp"
#include "sp1/air/riscv/divrem.hpp"
#include "sp1/air/riscv/global.hpp"
#include "sp1/air/riscv/jump.hpp"
#include "sp1/air/riscv/loads.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/memory_bump.hpp"
#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/air/riscv/memory_local.hpp"
#include "sp1/air/riscv/mul.hpp"
#include "sp1/air/riscv/shift_left.hpp"
#include "sp1/air/riscv/shift_right.hpp"
#include "sp1/air/riscv/state_bump.hpp"
#include "sp1/air/riscv/stores.hpp"
#include "sp1/air/riscv/syscall_chip.hpp"
#include "sp1/air/riscv/syscall_instrs.hpp"
#include "sp1/air/riscv/utype.hpp"
#include "sp1/riscv/alu_traces.hpp"
#include "sp1/riscv/control_traces.hpp"
#include "sp1/riscv/global_trace.hpp"
#include "sp1/riscv/memory_bump_trace.hpp"
#include "sp1/riscv/memory_global_trace.hpp"
#include "sp1/riscv/state_bump_trace.hpp"
#include "sp1/riscv/syscall_instrs_trace.hpp"
#include "sp1/riscv/syscall_table_trace.hpp"
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

// The interactions of `kind` in a chip's trace, as +1 per send and -1 per receive,
// keyed by their values; Memory ones whose address is in `skip` left out.
void count(InteractionKind kind, const MachineChip& chip, const RiscvChipTrace& t, const std::set<uint64_t>& skip,
           std::map<std::vector<uint32_t>, int64_t>& balance) {
  const auto pv = public_values(false);  // interactions do not read the public values
  for (size_t r = 0; r < t.rows; ++r) {
    const auto eval = chip.eval(std::span<const Felt>(t.main.data() + r * t.width, t.width), {}, pv);
    const auto add = [&](const std::vector<air::Interaction<Felt>>& list, int64_t sign) {
      for (const auto& i : list) {
        if (i.kind != kind || i.multiplicity.is_zero()) continue;
        std::vector<uint32_t> key;
        for (const Felt& x : i.values) key.push_back(x.to_canonical());
        const uint64_t addr = key[2] | uint64_t(key[3]) << 16 | uint64_t(key[4]) << 32;
        if (kind == InteractionKind::Memory && skip.count(addr)) continue;
        ASSERT_TRUE(i.multiplicity == Felt::one()) << chip.name();
        balance[key] += sign;
      }
    };
    add(eval.sends, 1);
    add(eval.receives, -1);
  }
}

// Constraints: is_real a bit, the memory read's 4. Sends: the clock's two u16 limbs,
// its two bytes, the register bound (LTU), the read's timestamp limbs and the
// previous record; receives: the record at the bump's time.
LocalCase bump_case() {
  return {1, std::make_unique<air::ChipModel<rv::MemoryBumpChip>>(), TrustMode::Supervisor, Features::Default, 15,
          5, "BBBBBBM", "M"};
}

TEST(Sp1RiscvMemoryBump, LayoutAndInteractionsAreSp1s) {
  const LocalCase c = bump_case();
  expect_layout_and_interactions(c);
  EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::MemoryBump));
  EXPECT_EQ(c.chip->name(), "MemoryBump");
}

// Refresh bumps of real shards: every execution shard but the last reads its 32
// registers at the next shard's clk - 1.
TEST(Sp1RiscvMemoryBump, GuestShardRefreshesSatisfyEveryConstraint) {
  const LocalCase c = bump_case();
  size_t refreshes = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    for (const MemoryBumpEvent& e : memory_bumps(s)) refreshes += e.refresh;
    const auto v = check(c, memory_bump_trace(s));
    EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row << " constraint " << v->constraint;
  }
  EXPECT_GT(refreshes, 64u);
}

// A shard whose clock crosses 2^24 (EventMaker starts just below it; the fixture
// runs here are shorter): the registers touched on both sides are bumped, an
// ECALL's too, once each, in execution order.
TEST(Sp1RiscvMemoryBump, ClockCrossingsBumpRegistersOnce) {
  EventMaker m;
  zkvm::ShardRecord shard;
  for (size_t i = 0; i < 40; ++i) {
    shard.alu.push_back(m.make(Op::add, unsigned(1 + i % 4), unsigned(5 + i % 3), 9, i, 2 * i, 3 * i));
    shard.memory.push_back(m.load(Op::ld, 12, 13, 0x2'0000, 8 * int64_t(i % 5)));
  }
  const std::vector<MemoryBumpEvent> bumps = memory_bumps(shard);
  std::set<uint64_t> bumped;
  uint64_t last_step = 0;
  for (const MemoryBumpEvent& e : bumps) {
    EXPECT_FALSE(e.refresh);
    EXPECT_NE(e.record.prev_timestamp >> 24, e.record.timestamp >> 24);
    EXPECT_TRUE(bumped.insert(e.record.addr).second) << "x" << e.record.addr << " bumped twice";
    const uint64_t step = (e.record.timestamp - zkvm::kInitialClk) / zkvm::kClkInc;  // the instruction
    EXPECT_GE(step, last_step);
    last_step = step;
  }
  // rd 1..4, rs1 5..7, rs2 9; rd 12, rs1 13: all touched before and after.
  EXPECT_EQ(bumped, (std::set<uint64_t>{1, 2, 3, 4, 5, 6, 7, 9, 12, 13}));
  const RiscvChipTrace t = memory_bump_trace(shard);
  const LocalCase c = bump_case();
  EXPECT_FALSE(check(c, t));
  expect_every_column_matters(c, t, bumps.size());
}

// Constraints: is_real, is_clk bits, the clock's two parts, 3 pc carries and none
// out. Sends: the normalized state, the clock's 13-bit and 16-bit limbs, its bytes,
// the pc's u16 limbs; receives: the state as the instruction sent it.
LocalCase state_bump_case() {
  return {2, std::make_unique<air::ChipModel<rv::StateBumpChip>>(), TrustMode::Supervisor, Features::Default, 14,
          8, "SBBBBBB", "S"};
}

TEST(Sp1RiscvStateBump, LayoutAndInteractionsAreSp1s) {
  const LocalCase c = state_bump_case();
  expect_layout_and_interactions(c);
  EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::StateBump));
  EXPECT_EQ(c.chip->name(), "StateBump");
}

// Hand-made carries: the clock crossing 2^24 (EventMaker starts just below it), an
// ECALL's larger increment crossing it, fall-throughs to pc + 4 across a 2^16
// boundary; a branch or jump across one is not bumped.
TEST(Sp1RiscvStateBump, CarriesSatisfyEveryConstraint) {
  EventMaker m;
  zkvm::ShardRecord shard;
  for (size_t i = 0; i < 30; ++i) {
    shard.alu.push_back(m.make(Op::add, 1, 2, 3, i, i, 2 * i));
    shard.alu.back().pc = 0x1000 + 4 * i;  // no pc carry
    shard.alu.back().next_pc = shard.alu.back().pc + 4;
  }
  InstrEvent across = m.make(Op::xor_, 1, 2, 3, 0, 0, 0);
  across.pc = 0x3'fffc;
  across.next_pc = 0x4'0000;
  shard.alu.push_back(across);
  InstrEvent far = m.load(Op::ld, 4, 5, 0x2'0000, 0);
  far.pc = 0xffff'fffc;
  far.next_pc = 0x1'0000'0000;
  shard.memory.push_back(far);
  InstrEvent jump = m.jal(0x5'fffc, 1, 4);
  shard.jump.push_back(jump);
  zkvm::SyscallEvent ecall;
  ecall.clk = (uint64_t(2) << 24) - 200;  // 200 + 264 carries out
  ecall.pc = 0x1000;
  ecall.next_pc = 0x1004;
  shard.syscalls.push_back(ecall);
  const std::vector<StateBumpEvent> bumps = state_bumps(shard);
  size_t clk_carries = 0, pc_carries = 0;
  for (const StateBumpEvent& e : bumps) {
    clk_carries += ((e.clk & 0xFFFFFF) + e.increment) >> 24;
    pc_carries += e.pc_carry;
  }
  EXPECT_EQ(clk_carries, 2u);
  EXPECT_EQ(pc_carries, 2u);
  EXPECT_EQ(bumps.size(), 4u);
  const RiscvChipTrace t = state_bump_trace(shard);
  const LocalCase c = state_bump_case();
  EXPECT_FALSE(check(c, t));
  expect_every_column_matters(c, t, bumps.size());
}

TEST(Sp1RiscvStateBump, GuestShardsSatisfyEveryConstraint) {
  const LocalCase c = state_bump_case();
  for (const zkvm::ShardRecord& s : guest_shards()) {
    const auto v = check(c, state_bump_trace(s));
    EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row << " constraint " << v->constraint;
  }
}

// The public values SyscallInstrs reads, from a shard's: the committed-value and
// deferred-proofs digests, the exit code and the commit flags (default build).
std::vector<Felt> ecall_public_values(const zkvm::PublicValues& pv) {
  std::vector<Felt> out = public_values(false);
  for (size_t k = 0; k < 8; ++k) {
    for (size_t i = 0; i < 4; ++i)
      out[rv::kCommittedValueDigest + 4 * k + i] = Felt::from_canonical((pv.committed_value_digest[k] >> (8 * i)) & 0xFF);
    out[rv::kDeferredProofsDigest + k] = Felt::from_canonical(pv.deferred_proofs_digest[k]);
  }
  out[rv::kExitCode] = Felt::from_canonical(pv.exit_code);
  out[rv::kCommitSyscall] = Felt::from_canonical(pv.commit_syscall);
  out[rv::kCommitDeferredSyscall] = Felt::from_canonical(pv.commit_deferred_syscall);
  return out;
}

// Constraints: is_real, HALT (IsZero 3 + 1), CPUState, RTypeReader 8, op_a_0, 3
// fall-through, the call 6, 2 field-word range checks 14, ENTER_UNCONSTRAINED and
// HINT_LEN 6, x5's new value 8, COMMIT and COMMIT_DEFERRED_PROOFS 6 + 2, the bitmap
// 8 + 2 + 8 + 1, is_commit, the digest bytes 4 and word 4, the deferred digest,
// HALT's pc 3 and exit code: 93 (SP1's rv64im_complexity.json; mprotect 94). Sends:
// x5's 8 bytes, the state and its 2 checks, the program, registers a, b, c, the
// call, 2 range checks, x5's new u16 limbs, the digest's 4 bytes.
LocalCase ecall_case(Features features) {
  std::unique_ptr<MachineChip> chip;
  if (features == Features::Mprotect)
    chip = std::make_unique<air::ChipModel<rv::SyscallInstrsChip<TrustMode::Supervisor, Features::Mprotect>>>();
  else
    chip = std::make_unique<air::ChipModel<rv::SyscallInstrsChip<TrustMode::Supervisor, Features::Default>>>();
  return {3, std::move(chip), TrustMode::Supervisor, features, 65, features == Features::Mprotect ? 94u : 93u,
          "BBBBSBBPBBMBBMBBMYBBBBBBBB", "SMMM"};
}

TEST(Sp1RiscvSyscallInstrs, LayoutAndInteractionsAreSp1s) {
  for (Features f : {Features::Default, Features::Mprotect}) {
    const LocalCase c = ecall_case(f);
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
    EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::SyscallInstrs));
    EXPECT_EQ(c.chip->name(), "SyscallInstrs");
  }
}

// Every ECALL of the guests' shards (WRITE, COMMIT, HINT_LEN / HINT_READ, the
// Keccak permutation, HALT, ...) satisfies the chip under the shard's public
// values; a wrong exit code or committed digest does not.
TEST(Sp1RiscvSyscallInstrs, GuestEcallsSatisfyEveryConstraint) {
  const LocalCase c = ecall_case(Features::Default);
  std::set<uint32_t> ids;
  bool halted = false, committed = false;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    if (s.syscalls.empty()) continue;
    for (const auto& e : s.syscalls) ids.insert(e.code & 0xFF);
    const RiscvChipTrace t = syscall_instrs_trace(s.syscalls);
    auto pv = ecall_public_values(s.public_values);
    const auto v = air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, pv);
    EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row << " constraint " << v->constraint;
    for (const auto& e : s.syscalls) {
      halted |= (e.code & 0xFF) == rv::kHaltId;
      committed |= (e.code & 0xFF) == rv::kCommitId;
    }
    if (std::any_of(s.syscalls.begin(), s.syscalls.end(), [](const auto& e) { return (e.code & 0xFF) == rv::kHaltId; })) {
      auto wrong = pv;
      wrong[rv::kExitCode] = wrong[rv::kExitCode] + Felt::one();
      EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, wrong)) << "exit code";
    }
    if (std::any_of(s.syscalls.begin(), s.syscalls.end(), [](const auto& e) { return (e.code & 0xFF) == rv::kCommitId; })) {
      auto wrong = pv;
      for (size_t i = 0; i < 32; ++i) wrong[rv::kCommittedValueDigest + i] = wrong[rv::kCommittedValueDigest + i] + Felt::one();
      EXPECT_TRUE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, wrong)) << "committed digest";
    }
  }
  EXPECT_TRUE(halted);
  EXPECT_TRUE(committed);
  EXPECT_GE(ids.size(), 4u);
}

TEST(Sp1RiscvSyscallInstrs, EveryColumnMatters) {
  // A shard with a COMMIT and the HALT exercises the digest and exit-code columns.
  const std::vector<zkvm::ShardRecord>& shards = guest_shards();
  std::vector<zkvm::SyscallEvent> ecalls;
  for (const zkvm::ShardRecord& s : shards)
    if (s.public_values.commit_syscall == 1 && !s.syscalls.empty()) {
      ecalls = s.syscalls;
      const RiscvChipTrace t = syscall_instrs_trace(ecalls);
      LocalCase c = ecall_case(Features::Default);
      const auto pv = ecall_public_values(s.public_values);
      ASSERT_FALSE(air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, pv));
      // The probe uses the harness's public values; these rows need the shard's.
      expect_every_column_matters_under(c, t, ecalls.size(), pv);
      return;
    }
  FAIL() << "no shard with a COMMIT";
}

// Only the chip of the program's trust mode has rows (SyscallInstrsUser: riscv_user_mode_test.cpp).
TEST(Sp1RiscvSyscallInstrs, OnlyTheProgramsModeHasRows) {
  const std::vector<zkvm::SyscallEvent>& ecalls = guest_shards().front().syscalls;
  ASSERT_FALSE(ecalls.empty());
  RiscvTraceOptions o;
  o.mode = TrustMode::User;
  EXPECT_EQ(syscall_instrs_trace(ecalls, o).rows, 0u);
  EXPECT_EQ(syscall_instrs_trace(ecalls, o).name, "SyscallInstrsUser");
  o.mode = TrustMode::Supervisor;
  o.untrusted_programs_enabled = true;
  EXPECT_EQ(syscall_instrs_trace(ecalls, o).rows, 0u);
}

// The syscall table chips in every mode and build. Constraints: [mprotect: the
// untrusted flag,] [User, default build: no rows,] is_real, is_real^3 = is_real^3.
// Sends: the id and trap code's U8Range, arg1's low limb [User: and limb 1], [the
// call, for SyscallPrecompile,] the Global message; SyscallCore receives the call.
template <rv::SyscallShardKind K>
void add_syscall_cases(std::vector<LocalCase>& out) {
  const bool core = K == rv::SyscallShardKind::Core;
  const auto sends = [&](TrustMode m) { return std::string(m == TrustMode::User ? "BBB" : "BB") + (core ? "G" : "YG"); };
  const std::string receives = core ? "Y" : "";
  out.push_back({4, std::make_unique<air::ChipModel<rv::SyscallChip<K, TrustMode::Supervisor, Features::Default>>>(),
                 TrustMode::Supervisor, Features::Default, 10, 2, sends(TrustMode::Supervisor), receives});
  out.push_back({4, std::make_unique<air::ChipModel<rv::SyscallChip<K, TrustMode::Supervisor, Features::Mprotect>>>(),
                 TrustMode::Supervisor, Features::Mprotect, 10, 3, sends(TrustMode::Supervisor), receives});
  out.push_back({4, std::make_unique<air::ChipModel<rv::SyscallChip<K, TrustMode::User, Features::Default>>>(),
                 TrustMode::User, Features::Default, 11, 3, sends(TrustMode::User), receives});
  out.push_back({4, std::make_unique<air::ChipModel<rv::SyscallChip<K, TrustMode::User, Features::Mprotect>>>(),
                 TrustMode::User, Features::Mprotect, 11, 3, sends(TrustMode::User), receives});
}

TEST(Sp1RiscvSyscallTable, LayoutsAndInteractionsAreSp1s) {
  std::vector<LocalCase> cases;
  add_syscall_cases<rv::SyscallShardKind::Core>(cases);
  add_syscall_cases<rv::SyscallShardKind::Precompile>(cases);
  for (const LocalCase& c : cases) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
  EXPECT_EQ(cases[0].chip->name(), "SyscallCore");
  EXPECT_EQ(cases[2].chip->name(), "SyscallCoreUser");
  EXPECT_EQ(cases[4].chip->name(), "SyscallPrecompile");
  EXPECT_EQ(cases[0].chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::SyscallCore));
  EXPECT_EQ(cases[4].chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::SyscallPrecompile));
}

TEST(Sp1RiscvSyscallTable, GuestShardsSatisfyEveryConstraint) {
  std::vector<LocalCase> cases;
  add_syscall_cases<rv::SyscallShardKind::Core>(cases);
  add_syscall_cases<rv::SyscallShardKind::Precompile>(cases);
  size_t core_rows = 0, precompile_rows = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    for (size_t k : {0, 4}) {
      const auto kind = k == 0 ? rv::SyscallShardKind::Core : rv::SyscallShardKind::Precompile;
      const RiscvChipTrace t = syscall_table_trace(kind, s);
      EXPECT_EQ(t.name, cases[k].chip->name());
      const auto v = check(cases[k], t);
      EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row;
      (k == 0 ? core_rows : precompile_rows) += t.rows;
    }
    RiscvTraceOptions user;
    user.mode = TrustMode::User;
    user.untrusted_programs_enabled = true;
    const RiscvChipTrace t = syscall_table_trace(rv::SyscallShardKind::Core, s, user);
    EXPECT_FALSE(check(cases[3], t)) << "shard " << s.index;  // SyscallCoreUser, mprotect build
  }
  EXPECT_GT(core_rows, 0u);
  EXPECT_GT(precompile_rows, 0u);
  // Every column of a shard with calls matters.
  for (const zkvm::ShardRecord& s : guest_shards()) {
    const RiscvChipTrace t = syscall_table_trace(rv::SyscallShardKind::Precompile, s);
    if (s.precompiles.size() < 2) continue;
    expect_every_column_matters(cases[4], t, s.precompiles.size());
    return;
  }
  FAIL() << "no shard with precompile calls";
}

// Constraints: is_real, limb 2's bytes, 2 IsZero 6, is_comp and its bit, the
// comparison 15 and its result, the non-comparing row's address and value 5 = 31.
// Sends: value, previous address and address u16 limbs, limb 2's bytes, the next
// control message, the Global message, the comparison's Range; receives: the
// control message.
template <rv::MemoryGlobalKind K>
LocalCase global_case() {
  const char control = K == rv::MemoryGlobalKind::Initialize ? 'I' : 'Z';
  return {5, std::make_unique<air::ChipModel<rv::MemoryGlobalChip<K>>>(), TrustMode::Supervisor, Features::Default,
          30, 31, std::string(11, 'B') + control + "GB", std::string(1, control)};
}

TEST(Sp1RiscvMemoryGlobal, LayoutsAndInteractionsAreSp1s) {
  const LocalCase init = global_case<rv::MemoryGlobalKind::Initialize>();
  const LocalCase fin = global_case<rv::MemoryGlobalKind::Finalize>();
  expect_layout_and_interactions(init);
  expect_layout_and_interactions(fin);
  EXPECT_EQ(init.chip->name(), "MemoryGlobalInit");
  EXPECT_EQ(fin.chip->name(), "MemoryGlobalFinalize");
  EXPECT_EQ(init.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::MemoryGlobalInit));
  EXPECT_EQ(fin.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::MemoryGlobalFinalize));
}

// The shards holding the run's initialize and finalize events (the last
// execution shard, or memory shards): every constraint holds, and each chain of
// addresses runs from the shard's previous to its last address.
TEST(Sp1RiscvMemoryGlobal, GuestShardsSatisfyEveryConstraintAndChain) {
  size_t events = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    for (const auto kind : {rv::MemoryGlobalKind::Initialize, rv::MemoryGlobalKind::Finalize}) {
      const bool init = kind == rv::MemoryGlobalKind::Initialize;
      const LocalCase c = init ? global_case<rv::MemoryGlobalKind::Initialize>()
                               : global_case<rv::MemoryGlobalKind::Finalize>();
      const RiscvChipTrace t = memory_global_trace(kind, s);
      const auto v = check(c, t);
      EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row << " constraint " << v->constraint;
      const size_t n = init ? s.memory_initialize.size() : s.memory_finalize.size();
      if (n == 0) continue;
      events += n;
      std::map<std::vector<uint32_t>, int64_t> balance;
      count(init ? InteractionKind::MemoryGlobalInitControl : InteractionKind::MemoryGlobalFinalizeControl, *c.chip,
            t, {}, balance);
      std::map<std::vector<uint32_t>, int64_t> left;
      for (const auto& [key, k] : balance)
        if (k != 0) left[key] = k;
      const uint64_t prev = init ? s.public_values.previous_init_addr : s.public_values.previous_finalize_addr;
      const uint64_t last = init ? s.public_values.last_init_addr : s.public_values.last_finalize_addr;
      const auto key = [](uint64_t index, uint64_t addr, uint32_t valid) {
        return std::vector<uint32_t>{uint32_t(index), uint32_t(addr & 0xFFFF), uint32_t((addr >> 16) & 0xFFFF),
                                     uint32_t((addr >> 32) & 0xFFFF), valid};
      };
      const std::map<std::vector<uint32_t>, int64_t> expected{{key(0, prev, 1), -1}, {key(n, last, 1), 1}};
      EXPECT_EQ(left, expected) << "shard " << s.index << (init ? " init" : " finalize");
    }
  }
  EXPECT_GT(events, 1000u);
}

TEST(Sp1RiscvMemoryGlobal, EveryColumnMatters) {
  for (const zkvm::ShardRecord& s : guest_shards()) {
    if (s.memory_finalize.size() < 100) continue;
    expect_every_column_matters(global_case<rv::MemoryGlobalKind::Finalize>(),
                                memory_global_trace(rv::MemoryGlobalKind::Finalize, s), s.memory_finalize.size());
    return;
  }
  FAIL() << "no shard with finalize events";
}

// Constraints: is_real, the receive/send flags 4, word 0's limbs, the permutation's
// input 16 and rounds 163, x 7, the curve 7, y's top coefficient 2, the
// accumulation's is_real and two chord checks 14 = 216. Sends: the offset's byte,
// two u16 and one u8 range checks, the kind's range, y6's 3 bytes and its top
// bound, the next running sum; receives: the message, the running sum.
LocalCase global_chip_case() {
  return {6, std::make_unique<air::ChipModel<rv::GlobalChip>>(), TrustMode::Supervisor, Features::Default, 241, 216,
          "BBBBBBBBBA", "GA"};
}

TEST(Sp1RiscvGlobal, LayoutAndInteractionsAreSp1s) {
  const LocalCase c = global_chip_case();
  expect_layout_and_interactions(c);
  EXPECT_EQ(c.chip->name(), "Global");
  EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(zkvm::shard_costs::Air::Global));
}

TEST(Sp1RiscvGlobal, GuestShardsSatisfyEveryConstraintAndSum) {
  const LocalCase c = global_chip_case();
  size_t messages = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    const GlobalTrace g = global_trace(s);
    const auto v = check(c, g.trace);
    EXPECT_FALSE(v) << "shard " << s.index << " row " << v->row << " constraint " << v->constraint;
    const size_t n = global_events(s).size();
    messages += n;
    if (n == 0) continue;
    // The running-sum chain: from the start digest at index 0 to the sum at n.
    std::map<std::vector<uint32_t>, int64_t> balance, left;
    count(InteractionKind::GlobalAccumulation, *c.chip, g.trace, {}, balance);
    for (const auto& [key, k] : balance)
      if (k != 0) left[key] = k;
    const auto key = [](uint32_t index, const air::septic::Point& p) {
      std::vector<uint32_t> out{index};
      for (const Felt& x : p.x) out.push_back(x.to_canonical());
      for (const Felt& y : p.y) out.push_back(y.to_canonical());
      return out;
    };
    const std::map<std::vector<uint32_t>, int64_t> expected{{key(0, air::septic::digest_zero()), -1},
                                                            {key(uint32_t(n), g.cumulative_sum), 1}};
    EXPECT_EQ(left, expected) << "shard " << s.index;
  }
  EXPECT_GT(messages, 1000u);
}

TEST(Sp1RiscvGlobal, EveryColumnMatters) {
  for (const zkvm::ShardRecord& s : guest_shards()) {
    const size_t n = global_events(s).size();
    if (n < 50) continue;
    expect_every_column_matters(global_chip_case(), global_trace(s).trace, n);
    return;
  }
  FAIL() << "no shard with global messages";
}

// Every message the shard's chips send to the Global chip is one of its rows.
TEST(Sp1RiscvGlobal, EveryGlobalMessageIsAGlobalRow) {
  const std::vector<std::pair<std::unique_ptr<MachineChip>, std::function<RiscvChipTrace(const zkvm::ShardRecord&)>>>
      senders = [] {
        std::vector<std::pair<std::unique_ptr<MachineChip>, std::function<RiscvChipTrace(const zkvm::ShardRecord&)>>> v;
        v.emplace_back(std::make_unique<air::ChipModel<rv::SyscallChip<rv::SyscallShardKind::Core, TrustMode::Supervisor, Features::Default>>>(),
                       [](const zkvm::ShardRecord& s) { return syscall_table_trace(rv::SyscallShardKind::Core, s); });
        v.emplace_back(std::make_unique<air::ChipModel<rv::SyscallChip<rv::SyscallShardKind::Precompile, TrustMode::Supervisor, Features::Default>>>(),
                       [](const zkvm::ShardRecord& s) { return syscall_table_trace(rv::SyscallShardKind::Precompile, s); });
        v.emplace_back(std::make_unique<air::ChipModel<rv::MemoryGlobalChip<rv::MemoryGlobalKind::Initialize>>>(),
                       [](const zkvm::ShardRecord& s) { return memory_global_trace(rv::MemoryGlobalKind::Initialize, s); });
        v.emplace_back(std::make_unique<air::ChipModel<rv::MemoryGlobalChip<rv::MemoryGlobalKind::Finalize>>>(),
                       [](const zkvm::ShardRecord& s) { return memory_global_trace(rv::MemoryGlobalKind::Finalize, s); });
        v.emplace_back(std::make_unique<air::ChipModel<rv::MemoryLocalChip>>(),
                       [](const zkvm::ShardRecord& s) { return memory_local_trace(s); });
        return v;
      }();
  const LocalCase global = global_chip_case();
  size_t messages = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    std::map<std::vector<uint32_t>, int64_t> balance;
    for (const auto& [chip, trace] : senders) count(InteractionKind::Global, *chip, trace(s), {}, balance);
    count(InteractionKind::Global, *global.chip, global_trace(s).trace, {}, balance);
    for (const auto& [key, k] : balance) EXPECT_EQ(k, 0) << "shard " << s.index << " message " << key[0] << "," << key[2];
    messages += balance.size();
  }
  EXPECT_GT(messages, 1000u);
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

// Every chip a shard's instructions use, with its trace from the shard.
struct ShardChip {
  std::unique_ptr<MachineChip> model;
  std::function<RiscvChipTrace(const zkvm::ShardRecord&)> trace;
};

std::vector<ShardChip> instruction_chips() {
  std::vector<ShardChip> out;
  const auto alu = [&]<template <TrustMode, Features> class C>(AluChipKind kind) {
    out.push_back({std::make_unique<air::ChipModel<C<TrustMode::Supervisor, Features::Default>>>(),
                   [kind](const zkvm::ShardRecord& s) { return alu_trace(kind, s.alu); }});
  };
  alu.operator()<rv::AddChip>(AluChipKind::Add);
  alu.operator()<rv::AddwChip>(AluChipKind::Addw);
  alu.operator()<rv::AddiChip>(AluChipKind::Addi);
  alu.operator()<rv::SubChip>(AluChipKind::Sub);
  alu.operator()<rv::SubwChip>(AluChipKind::Subw);
  alu.operator()<rv::BitwiseChip>(AluChipKind::Bitwise);
  alu.operator()<rv::MulChip>(AluChipKind::Mul);
  alu.operator()<rv::DivRemChip>(AluChipKind::DivRem);
  alu.operator()<rv::LtChip>(AluChipKind::Lt);
  alu.operator()<rv::AluX0Chip>(AluChipKind::AluX0);
  alu.operator()<rv::ShiftLeftChip>(AluChipKind::ShiftLeft);
  alu.operator()<rv::ShiftRightChip>(AluChipKind::ShiftRight);
  const auto control = [&]<template <TrustMode, Features> class C>(ControlChipKind kind) {
    out.push_back({std::make_unique<air::ChipModel<C<TrustMode::Supervisor, Features::Default>>>(),
                   [kind](const zkvm::ShardRecord& s) {
                     std::vector<InstrEvent> events = s.branch;
                     events.insert(events.end(), s.jump.begin(), s.jump.end());
                     events.insert(events.end(), s.utype.begin(), s.utype.end());
                     return control_trace(kind, events);
                   }});
  };
  control.operator()<rv::UTypeChip>(ControlChipKind::UType);
  control.operator()<rv::BranchChip>(ControlChipKind::Branch);
  control.operator()<rv::JalChip>(ControlChipKind::Jal);
  control.operator()<rv::JalrChip>(ControlChipKind::Jalr);
  const auto memory = [&]<template <TrustMode, Features> class C>(MemoryChipKind kind) {
    out.push_back({std::make_unique<air::ChipModel<C<TrustMode::Supervisor, Features::Default>>>(),
                   [kind](const zkvm::ShardRecord& s) { return memory_trace(kind, s.memory); }});
  };
  memory.operator()<rv::LoadByteChip>(MemoryChipKind::LoadByte);
  memory.operator()<rv::LoadHalfChip>(MemoryChipKind::LoadHalf);
  memory.operator()<rv::LoadWordChip>(MemoryChipKind::LoadWord);
  memory.operator()<rv::LoadDoubleChip>(MemoryChipKind::LoadDouble);
  memory.operator()<rv::LoadX0Chip>(MemoryChipKind::LoadX0);
  memory.operator()<rv::StoreByteChip>(MemoryChipKind::StoreByte);
  memory.operator()<rv::StoreHalfChip>(MemoryChipKind::StoreHalf);
  memory.operator()<rv::StoreWordChip>(MemoryChipKind::StoreWord);
  memory.operator()<rv::StoreDoubleChip>(MemoryChipKind::StoreDouble);
  out.push_back({std::make_unique<air::ChipModel<rv::SyscallInstrsChip<TrustMode::Supervisor, Features::Default>>>(),
                 [](const zkvm::ShardRecord& s) { return syscall_instrs_trace(s.syscalls); }});
  out.push_back({std::make_unique<air::ChipModel<rv::MemoryLocalChip>>(),
                 [](const zkvm::ShardRecord& s) { return memory_local_trace(s); }});
  out.push_back({std::make_unique<air::ChipModel<rv::MemoryBumpChip>>(),
                 [](const zkvm::ShardRecord& s) { return memory_bump_trace(s); }});
  out.push_back({std::make_unique<air::ChipModel<rv::StateBumpChip>>(),
                 [](const zkvm::ShardRecord& s) { return state_bump_trace(s); }});
  return out;
}


std::vector<uint32_t> state_key(uint64_t timestamp, uint64_t pc) {
  return {uint32_t(timestamp >> 24), uint32_t(timestamp & 0xFFFFFF), uint32_t(pc & 0xFFFF),
          uint32_t((pc >> 16) & 0xFFFF), uint32_t((pc >> 32) & 0xFFFF)};
}

TEST(Sp1RiscvStateChain, ShardsRunFromTheirStartToTheirEndState) {
  const std::vector<ShardChip> chips = instruction_chips();
  size_t checked = 0, with_ecalls = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    if (s.kind != zkvm::ShardRecord::Kind::execution) continue;
    with_ecalls += !s.syscalls.empty();
    std::map<std::vector<uint32_t>, int64_t> balance;
    for (const ShardChip& c : chips) count(InteractionKind::State, *c.model, c.trace(s), {}, balance);
    std::map<std::vector<uint32_t>, int64_t> left;
    for (const auto& [key, n] : balance)
      if (n != 0) left[key] = n;
    const zkvm::PublicValues& pv = s.public_values;
    const std::map<std::vector<uint32_t>, int64_t> expected{{state_key(pv.initial_timestamp, pv.pc_start), -1},
                                                            {state_key(pv.last_timestamp, pv.next_pc), 1}};
    EXPECT_EQ(left, expected) << "shard " << s.index;
    ++checked;
  }
  EXPECT_GT(checked, 2u);
  EXPECT_GT(with_ecalls, 0u);
}

TEST(Sp1RiscvSyscallTable, EveryCallSentToTheTableIsSyscallCores) {
  const ShardChip ecall{std::make_unique<air::ChipModel<rv::SyscallInstrsChip<TrustMode::Supervisor, Features::Default>>>(),
                        [](const zkvm::ShardRecord& s) { return syscall_instrs_trace(s.syscalls); }};
  const ShardChip table{
      std::make_unique<air::ChipModel<rv::SyscallChip<rv::SyscallShardKind::Core, TrustMode::Supervisor, Features::Default>>>(),
      [](const zkvm::ShardRecord& s) { return syscall_table_trace(rv::SyscallShardKind::Core, s); }};
  size_t calls = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    if (s.kind != zkvm::ShardRecord::Kind::execution) continue;
    std::map<std::vector<uint32_t>, int64_t> balance;
    for (const ShardChip* c : {&ecall, &table}) count(InteractionKind::Syscall, *c->model, c->trace(s), {}, balance);
    for (const auto& [key, n] : balance) EXPECT_EQ(n, 0) << "shard " << s.index << " call " << key[2];
    calls += balance.size();
  }
  EXPECT_GT(calls, 100u);  // the Keccak permutations at least
}

TEST(Sp1RiscvMemoryArgument, EveryRegisterAndWordBalancesInEachShard) {
  const std::vector<ShardChip> chips = instruction_chips();
  size_t checked_shards = 0, registers = 0, words = 0;
  for (const zkvm::ShardRecord& s : guest_shards()) {
    if (s.kind != zkvm::ShardRecord::Kind::execution) continue;
    // The memory words syscalls and precompiles read and write: their chips are
    // not here yet.
    std::set<uint64_t> skip;
    for (const auto& m : s.syscall_memory) skip.insert(m.addr);
    for (const auto& p : s.precompiles)
      for (const auto& m : p.memory) skip.insert(m.addr);
    std::map<std::vector<uint32_t>, int64_t> balance;
    for (const ShardChip& c : chips) {
      const RiscvChipTrace t = c.trace(s);
      ASSERT_EQ(t.name, c.model->name());
      count(InteractionKind::Memory, *c.model, t, skip, balance);
    }
    std::set<uint64_t> seen;
    for (const auto& [key, n] : balance) {
      const uint64_t addr = key[2] | uint64_t(key[3]) << 16 | uint64_t(key[4]) << 32;
      EXPECT_EQ(n, 0) << "shard " << s.index << " address " << addr << " at " << key[0] << ":" << key[1];
      seen.insert(addr);
    }
    for (uint64_t a : seen) (a < 32 ? registers : words) += 1;
    ++checked_shards;
  }
  EXPECT_GT(checked_shards, 2u);
  EXPECT_GT(registers, 50u);
  EXPECT_GT(words, 1000u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
