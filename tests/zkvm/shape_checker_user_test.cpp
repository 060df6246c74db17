// The shard-boundary rule in user mode (zkvm/shape_checker.hpp, SP1's
// ShapeChecker<UserMode> as SplicingVM<UserMode> drives it): hand-made events
// whose trace-area growth is worked out here from SP1's costs (the User chips,
// page checks packed four to a PageProt row, a page's local and global rows on
// its first touch in the shard or after a deferred call, traps and their
// context words, untrusted fetches and the shard's distinct decoded words,
// retained and deferred syscalls); SplitOpts' precompile chunks with page
// protection; and the recorded user-mode guests, sharded with a small
// threshold, whose every shard ends at the first step that reaches it.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "guest_asm.hpp"
#include "user_mode_guest.hpp"
#include "zkvm/shape_checker.hpp"
#include "zkvm/sharding.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm::test {
namespace {

// SP1's rv64im_costs.json (crates/core/executor/src/artifacts/), written out.
constexpr uint64_t kProgramCost = 17, kByteCost = 13, kRangeCost = 3;
constexpr uint64_t kMemoryLocal = 20, kGlobal = 241, kPageProtLocal = 10, kPageProtRow = 60;
constexpr uint64_t kSyscallCore = 10, kSyscallInstrsUser = 117, kMemoryBump = 15, kStateBump = 14;
constexpr uint64_t kTrapMem = 84, kTrapExec = 54, kFetch = 36, kDecode = 61;
// A word's (or register's) local row and its two global rows; a page's.
constexpr uint64_t kWord = kMemoryLocal + 2 * kGlobal, kPage = kPageProtLocal + 2 * kGlobal;

constexpr uint64_t kProgramLen = 100;
constexpr uint64_t kStart = 1 + 8 * 1000;  // the shard's first clk
constexpr uint64_t kBefore = 9;            // a timestamp before the shard

// ShapeChecker::new: preprocessed chips, padding and cycle allowances.
uint64_t base_area(uint64_t program_len) {
  return (program_len + 31) / 32 * 32 * kProgramCost + (uint64_t(1) << 16) * kByteCost +
         (uint64_t(1) << 17) * kRangeCost + 2 * (uint64_t(1) << 18);
}

PageProtRecord page(uint64_t idx, uint64_t timestamp) { return {false, timestamp, idx, 7}; }

// A user-mode shard starting at `start` whose first instruction (an ADD) has
// counted the 32 registers; steps go on at `clk`, one pc after another.
struct Shard {
  ShapeChecker checker{kProgramLen, {}, true};
  uint64_t start = kStart, clk = kStart, pc = 0x200000;
  Shard() { new_shard(); }
  void new_shard() {
    start = clk;
    checker.reset(start);
    checker.instruction(next(Op::add, 1));
  }
  InstrEvent next(Op op, unsigned rd) {
    InstrEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = pc + 4;
    e.opcode = op;
    e.op_a_0 = rd == 0;
    clk += kClkInc;
    pc += 4;
    return e;
  }
  // A load or store of a word the shard touched already.
  InstrEvent mem(Op op, unsigned rd, uint64_t addr = 0x300000, uint64_t prev_timestamp = kStart) {
    InstrEvent e = next(op, rd);
    e.used = InstrEvent::kMemory;
    e.memory.addr = addr;
    e.memory.prev_timestamp = prev_timestamp;
    return e;
  }
  SyscallEvent ecall(uint32_t code) {
    SyscallEvent e;
    e.clk = clk;
    e.pc = pc;
    e.next_pc = pc + 4;
    e.code = code;
    clk += kClkInc + kSyscallClkInc;
    pc += 4;
    return e;
  }
  // Trace area the call adds.
  uint64_t grows(const std::function<void()>& step) {
    const uint64_t before = checker.trace_area();
    step();
    return checker.trace_area() - before;
  }
};

TEST(ShapeCheckerUser, AnInstructionAddsItsUserChipsRow) {
  {
    ShapeChecker c(kProgramLen, {}, true);
    c.reset(kStart);
    InstrEvent e;
    e.clk = kStart;
    e.pc = 0x200000;
    e.next_pc = e.pc + 4;
    e.opcode = Op::add;
    c.instruction(e);
    EXPECT_EQ(c.trace_area(), base_area(kProgramLen) + 34 + 32 * kWord);  // AddUser and the 32 registers
  }
  Shard s;
  const std::pair<Op, uint64_t> alu[] = {
      {Op::add, 34},  {Op::addi, 31}, {Op::addiw, 37}, {Op::sub, 34},   {Op::subw, 33}, {Op::xori, 52},
      {Op::sltu, 45}, {Op::mulh, 83}, {Op::remuw, 247}, {Op::slliw, 66}, {Op::sra, 70},  {Op::lui, 32},
      {Op::auipc, 32}, {Op::beq, 46}, {Op::jal, 32},   {Op::jalr, 36}};
  for (const auto& [op, cost] : alu) {
    SCOPED_TRACE(int(op));
    EXPECT_EQ(s.grows([&] { s.checker.instruction(s.next(op, 1)); }), cost);
  }
  EXPECT_EQ(s.grows([&] { s.checker.instruction(s.next(Op::addi, 0)); }), 68u);  // AluX0User
  // Loads and stores with their page checks, four to a PageProt row.
  const PageProtRecord checked = page(0x300, kStart);
  const std::tuple<Op, unsigned, uint64_t> mem[] = {
      {Op::lb, 1, 48 + kPageProtRow}, {Op::lhu, 1, 45}, {Op::lw, 1, 45}, {Op::ld, 1, 40},
      {Op::sb, 1, 51 + kPageProtRow}, {Op::sh, 1, 46},  {Op::sw, 1, 45}, {Op::sd, 1, 40},
      {Op::lw, 0, 49 + kPageProtRow}};  // LoadX0User
  for (const auto& [op, rd, cost] : mem) {
    SCOPED_TRACE(int(op));
    EXPECT_EQ(s.grows([&] { s.checker.instruction(s.mem(op, rd), &checked); }), cost);
  }
  EXPECT_EQ(s.grows([&] { s.checker.syscall(s.ecall(sys::WRITE), {}); }), kSyscallInstrsUser);

  // The same instructions in supervisor mode take the Supervisor chips.
  ShapeChecker sup(kProgramLen, {});
  InstrEvent e;
  e.clk = kInitialClk;
  e.next_pc = 4;
  e.opcode = Op::add;
  sup.instruction(e);
  EXPECT_EQ(sup.trace_area(), base_area(kProgramLen) + 33 + 32 * kWord);
}

TEST(ShapeCheckerUser, APageCostsItsLocalAndGlobalRowsOnItsFirstTouch) {
  Shard s;
  // First touch in the shard: the page's record is from before it.
  const PageProtRecord before = page(0x300, kBefore);
  EXPECT_EQ(s.grows([&] { s.checker.instruction(s.mem(Op::lw, 1), &before); }), 45 + kPageProtRow + kPage);
  const PageProtRecord again = page(0x300, s.clk - kClkInc + 1);
  EXPECT_EQ(s.grows([&] { s.checker.instruction(s.mem(Op::lw, 1), &again); }), 45u);
  // A deferred call (its global interaction and SyscallCore row) checks the page
  // again (not a first touch) and a new one, and reads a word the shard touched.
  SyscallEvent keccak = s.ecall(sys::KECCAK_PERMUTE);
  keccak.page_checks = {page(0x300, s.clk), page(0x301, kBefore)};
  const MemoryAccess word{0x300100, 0, kStart, 0, keccak.clk, false};
  EXPECT_EQ(s.grows([&] { s.checker.syscall(keccak, std::span(&word, 1)); }),
            kSyscallInstrsUser + kGlobal + kSyscallCore + kPage);
  // The CPU after the deferred call: the page and the word count again.
  const PageProtRecord after_call = page(0x300, keccak.clk);
  EXPECT_EQ(s.grows([&] { s.checker.instruction(s.mem(Op::ld, 1, 0x300100, keccak.clk), &after_call); }),
            40 + kWord + kPage);
  const PageProtRecord last = page(0x300, s.clk - kClkInc + 1);
  EXPECT_EQ(s.grows([&] { s.checker.instruction(s.mem(Op::ld, 1, 0x300100, s.clk - kClkInc + 1), &last); }), 40u);
}

TrapResult trap_context(uint64_t prev_timestamp) {
  TrapResult t;
  t.context = kUserModeTrapContext;
  for (MemoryAccess* m : {&t.handler_record, &t.code_record, &t.pc_record}) m->prev_timestamp = prev_timestamp;
  return t;
}

TEST(ShapeCheckerUser, TrapsCountTheirRowTheirContextWordsAndTheirPageCheck) {
  Shard s;
  // A store that trapped: no memory word, the trap context's three words (new
  // to the shard), TrapMem, the page check, the store's own row.
  TrapMemEvent t;
  t.instr = s.next(Op::sw, 1);
  t.instr.next_pc = 0x200800;  // the handler
  t.page_prot_access = page(0x200, kStart);
  t.trap_result = trap_context(kBefore);
  EXPECT_EQ(s.grows([&] { s.checker.trap_mem(t); }), 45 + kTrapMem + 3 * kWord + kPageProtRow);
  t.instr = s.next(Op::lb, 0);  // into x0: LoadX0User
  t.instr.next_pc = 0x200800;
  t.trap_result = trap_context(kStart);
  EXPECT_EQ(s.grows([&] { s.checker.trap_mem(t); }), 49 + kTrapMem);
  // A refused fetch: TrapExec and no instruction row; its page new to the shard.
  TrapExecEvent x;
  x.clk = s.clk;
  x.pc = 0x30000000;
  x.page_prot_record = page(0x30000, kBefore);
  x.trap_result = trap_context(kStart);
  EXPECT_EQ(s.grows([&] { s.checker.trap_exec(x); }), kTrapExec + kPage);

  // One whose cycle crosses 2^24 clocks bumps the memory and the state.
  constexpr uint64_t kHigh = (uint64_t(1) << 24) - 7;
  ShapeChecker c(kProgramLen, {}, true);
  c.reset(kHigh);
  x.clk = kHigh;
  x.page_prot_record = page(0x30000, kHigh);
  x.trap_result = trap_context(kHigh);
  c.trap_exec(x);
  EXPECT_EQ(c.trace_area(),
            base_area(kProgramLen) + 32 * kWord + kTrapExec + kPageProtRow + 32 * kMemoryBump + kStateBump);
}

TEST(ShapeCheckerUser, AnUntrustedFetchCountsAndEachDistinctWordDecodesOncePerShard) {
  Shard s;
  // The code's word and page touched already in the shard.
  auto fetch = [&](uint32_t word) {
    InstructionFetchEvent f;
    f.clk = s.clk;
    f.pc = s.pc;
    f.encoded_instruction = word;
    f.memory = {s.pc & ~uint64_t(7), 0, s.start, 0, s.clk, false};
    return s.grows([&] {
      s.checker.untrusted_fetch(f, page(0x30000, s.start));
      s.checker.instruction(s.next(Op::addi, 1));
    });
  };
  constexpr uint32_t kAddi = 0x00150513, kOther = 0x00250513;  // addi a0, a0, 1 / 2
  EXPECT_EQ(fetch(kAddi), kFetch + kDecode + kPageProtRow + 31);
  EXPECT_EQ(fetch(kAddi), kFetch + 31);
  EXPECT_EQ(fetch(kOther), kFetch + kDecode + 31);
  // A new shard decodes the word again.
  s.new_shard();
  EXPECT_EQ(fetch(kAddi), kFetch + kDecode + kPageProtRow + 31);
}

TEST(ShapeCheckerUser, SyscallsTakeTheirUserChipsAndPages) {
  Shard s;
  const MemoryAccess word{0x300100, 0, kStart, 0, 0, false};
  // Retained calls: their User chips (SHA_EXTEND keeps its chip, with the User control chip).
  SyscallEvent poseidon = s.ecall(sys::POSEIDON2);
  poseidon.page_checks = {page(0x300, kStart)};
  EXPECT_EQ(s.grows([&] { s.checker.syscall(poseidon, std::span(&word, 1)); }), 372 + kSyscallInstrsUser);
  EXPECT_EQ(s.grows([&] { s.checker.syscall(s.ecall(sys::SHA_EXTEND), {}); }), 48 * 128 + 66 + kSyscallInstrsUser);
  // UINT256_ADD_CARRY reads x12..x14 through the runtime: registers count only for a deferred call.
  const MemoryAccess registers[] = {{12, 0, kBefore, 0, 0, false}, {13, 0, kBefore, 0, 0, false},
                                    {14, 0, kBefore, 0, 0, false}};
  EXPECT_EQ(s.grows([&] { s.checker.syscall(s.ecall(sys::UINT256_ADD_CARRY), registers); }), 597 + kSyscallInstrsUser);
  // MPROTECT (deferred): its page's record before, in its own local event.
  SyscallEvent mprotect = s.ecall(sys::MPROTECT);
  mprotect.page_prot_local = {{0x30001, page(0x30001, kBefore), page(0x30001, mprotect.clk)}};
  EXPECT_EQ(s.grows([&] { s.checker.syscall(mprotect, {}); }), kSyscallInstrsUser + kGlobal + kSyscallCore + kPage);
  // SIG_RETURN (deferred): its frame (touched already), x1..x31 restored
  // through the runtime, and the next pc's word (new to the shard) read by the CPU.
  SyscallEvent sig_return = s.ecall(sys::SIG_RETURN);
  std::vector<MemoryAccess> frame;
  for (unsigned r = 1; r < 32; ++r) frame.push_back({kUserModeTrapContext + 64 + 8 * r, 0, kStart, 0, 0, false});
  for (unsigned r = 1; r < 32; ++r) frame.push_back({r, 0, sig_return.clk + 4, 0, 0, true});
  sig_return.sig_return_pc_record = MemoryAccess{kUserModeTrapContext + 64, 0, kBefore, 0, 0, false};
  EXPECT_EQ(s.grows([&] { s.checker.syscall(sig_return, frame); }),
            kSyscallInstrsUser + kGlobal + kSyscallCore + 31 * kWord + kWord);
  // A deferred call that trapped on a page new to the shard: the trap context's
  // words (new to the shard) are the CPU's.
  SyscallEvent trapped = s.ecall(sys::BN254_ADD);
  trapped.page_checks = {page(0x302, kBefore)};
  trapped.trap_result = trap_context(kBefore);
  trapped.next_pc = 0x200800;
  EXPECT_EQ(s.grows([&] { s.checker.syscall(trapped, {}); }),
            kSyscallInstrsUser + kGlobal + kSyscallCore + kPage + 3 * kWord);
}

// cost_and_height_per_syscall with page protection (utils.rs): the User chip
// and control chip, and each page the call may touch (a local and two global rows).
TEST(ShapeCheckerUser, PrecompileChunksWithPageProtection) {
  ShardingThreshold t;
  t.element_threshold = uint64_t(1) << 26;
  const uint64_t available = t.element_threshold - (base_area(kProgramLen) - 2 * (uint64_t(1) << 18));
  const SplitOpts user = SplitOpts::make(t, kProgramLen, true), supervisor = SplitOpts::make(t, kProgramLen, false);
  auto chunk = [&](uint64_t area, uint64_t height) {
    return std::min(available / area / 32 * 32, t.height_threshold / height / 32 * 32);
  };
  // KECCAK_PERMUTE: 24 rows, 25 words, 4 pages.
  const uint64_t keccak = 24 * 2640 + 25 * kWord + 10 + kGlobal;
  EXPECT_EQ(supervisor.syscall_threshold(sys::KECCAK_PERMUTE), chunk(keccak + 634, 51));
  EXPECT_EQ(user.syscall_threshold(sys::KECCAK_PERMUTE), chunk(keccak + 682 + 4 * kPage, 59));
  // BN254_ADD: 16 words, 4 pages, its User chip.
  EXPECT_EQ(user.syscall_threshold(sys::BN254_ADD), chunk(1647 + 16 * kWord + 10 + kGlobal + 4 * kPage, 41));
  // MPROTECT: no word, one page.
  EXPECT_EQ(user.syscall_threshold(sys::MPROTECT), chunk(40 + 10 + kGlobal + kPage, 3));
  EXPECT_EQ(user.page_prot, std::min(available / (25 + kGlobal), t.height_threshold) / 2 / 32 * 32);
}

// The events of an execution shard, one step at a time in execution order, fed
// to a new checker as the splicer would: whether the limit was reached after
// each step.
std::vector<bool> replay(const ShardRecord& r, uint64_t program_len, const ShardingThreshold& threshold) {
  ShapeChecker c(program_len, threshold, true);
  c.reset(r.checkpoint->clk);
  std::map<uint64_t, size_t> fetch_at;
  for (size_t i = 0; i < r.instruction_fetch.size(); ++i) fetch_at[r.instruction_fetch[i].clk] = i;
  auto fetch = [&](const InstrEvent& e) {
    if (!e.untrusted) return;
    const size_t i = fetch_at.at(e.clk);
    c.untrusted_fetch(r.instruction_fetch[i], r.fetch_page_prot.at(i).prev_page_prot);
  };
  std::multimap<uint64_t, std::function<void()>> steps;
  for (const auto* kind : {&r.alu, &r.branch, &r.jump, &r.utype})
    for (const InstrEvent& e : *kind) steps.emplace(e.clk, [&, e] { fetch(e); c.instruction(e); });
  for (size_t i = 0; i < r.memory.size(); ++i)
    steps.emplace(r.memory[i].clk, [&, i] {
      fetch(r.memory[i]);
      c.instruction(r.memory[i], &r.memory_page_prot.at(i));
    });
  for (const TrapMemEvent& t : r.trap_mem) steps.emplace(t.instr.clk, [&] { fetch(t.instr); c.trap_mem(t); });
  for (const TrapExecEvent& t : r.trap_exec) steps.emplace(t.clk, [&] { c.trap_exec(t); });
  for (const SyscallEvent& e : r.syscalls)
    steps.emplace(e.clk, [&] {
      c.syscall(e, std::span(r.syscall_memory).subspan(e.memory_begin, e.memory_end - e.memory_begin));
    });
  EXPECT_EQ(steps.size(), r.instructions);
  std::vector<bool> reached;
  for (const auto& [clk, step] : steps) {
    step();
    reached.push_back(c.limit_reached());
  }
  return reached;
}

// What the shards of a run held, summed.
struct Held {
  size_t trap_mem = 0, trap_exec = 0, fetches = 0, page_checked_calls = 0;
};

// Every execution shard but the last ends at its first step that brings the
// estimate to the threshold; the last reaches it at most at its final step.
Held expect_cuts_follow_the_rule(const Program& program, uint64_t extra, size_t at_least) {
  ShardOptions o;
  o.threshold.element_threshold = base_area(program.code.size()) + (uint64_t(1) << 18) + extra;
  std::vector<ShardRecord> exec;
  const ShardingSummary summary = execute_shards(program, {}, o, [&](ShardRecord&& r) {
    if (r.kind == ShardRecord::Kind::execution) exec.push_back(std::move(r));
  });
  Held held;
  EXPECT_TRUE(summary.report.ok()) << summary.report.error;
  EXPECT_GE(exec.size(), at_least);
  for (size_t k = 0; k < exec.size(); ++k) {
    SCOPED_TRACE("shard " + std::to_string(k));
    const ShardRecord& r = exec[k];
    held.trap_mem += r.trap_mem.size();
    held.trap_exec += r.trap_exec.size();
    held.fetches += r.instruction_fetch.size();
    for (const SyscallEvent& e : r.syscalls) held.page_checked_calls += !e.page_checks.empty();
    const std::vector<bool> reached = replay(r, program.code.size(), o.threshold);
    if (reached.empty()) {
      ADD_FAILURE() << "an empty shard";
      continue;
    }
    const size_t first = size_t(std::find(reached.begin(), reached.end(), true) - reached.begin());
    if (k + 1 < exec.size()) EXPECT_EQ(first, reached.size() - 1);
    else EXPECT_GE(first, reached.size() - 1);
  }
  return held;
}

// user_mode_syscall_guest's calls in a loop long enough for several shards at a
// threshold that still holds SP1's smallest chunk of deferred KECCAK events (32):
// MPROTECT, POSEIDON2 and SHA_EXTEND (retained), KECCAK across two pages
// (deferred), and a POSEIDON2 that traps, whose handler returns by SIG_RETURN.
std::optional<Program> syscall_loop_guest(unsigned iterations) {
  const auto elf = assemble(syscall_guest_prologue() + R"(
  li s4, )" + std::to_string(iterations) + R"(
loop:
  mv a0, s7
  li a1, 6
  li t0, 0x132
  ecall
  mv a0, s6
  li a1, 0
  li t0, 0x133
  ecall
  mv a0, s8
  li t0, 0x10109
  ecall
  mv a0, s7
  li t0, 0x300105
  ecall
  mv a0, s7
  li a1, 4
  li t0, 0x132
  ecall
  mv a0, s7
  li a1, 0
  li t0, 0x133
  ecall
  addi s4, s4, -1
  bnez s4, loop
  OUT s5
  j done
)" + sig_return_handler() + R"(done:
)");
  if (!elf) return std::nullopt;
  return as_user_mode(load_elf(*elf));
}

TEST(ShapeCheckerUser, RecordedUserModeGuestsEndEachShardWhereTheRuleSays) {
  const auto loads_and_traps = user_mode_guest(40);
  const auto syscalls = syscall_loop_guest(200);
  const auto untrusted = untrusted_code_guest();
  if (!loads_and_traps || !syscalls || !untrusted) return;
  {
    SCOPED_TRACE("user_mode_guest");
    EXPECT_EQ(expect_cuts_follow_the_rule(*loads_and_traps, 20'000, 30).trap_mem, 40u);
  }
  {
    SCOPED_TRACE("syscall_loop_guest");
    EXPECT_EQ(expect_cuts_follow_the_rule(*syscalls, 1'900'000, 5).page_checked_calls, 4 * 200u);
  }
  {
    SCOPED_TRACE("untrusted_code_guest");
    const Held held = expect_cuts_follow_the_rule(*untrusted, 20'000, 20);
    EXPECT_EQ(held.fetches, kUntrustedRoutineCalls * kUntrustedRoutineInstructions);
    EXPECT_EQ(held.trap_exec, 1u);
  }
}

}  // namespace
}  // namespace zkgpu::zkvm::test
