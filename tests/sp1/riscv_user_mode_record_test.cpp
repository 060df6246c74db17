// Recorded user-mode guests (tests/zkvm/user_mode_guest.hpp) traced in SP1's
// mprotect build: loads and stores checked on their pages and stores that trap
// (in one shard and in many); precompile calls with their page checks, MPROTECT,
// traps of calls and SIG_RETURN; untrusted code with its fetches, decodings, a
// trapped store and a refused fetch. Every shard holds every constraint and
// interaction and the global sums cancel (the page-permission events with the
// memory events); corrupted cells are found; the default build refuses the
// program by naming the mprotect build.
#include <gtest/gtest.h>

#include "riscv_precompile_harness.hpp"
#include "sp1/riscv/shard_check.hpp"
#include "sp1/riscv/shard_traces.hpp"
#include "sp1/setup/global_sum.hpp"
#include "user_mode_guest.hpp"
#include "zkvm/sharding.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using air::InteractionKind;

constexpr unsigned kIterations = 1500;

struct CheckedRun {
  std::vector<zkvm::ShardRecord> shards;
  std::vector<air::septic::Point> sums;
  size_t traps = 0, page_inits = 0, page_finalizes = 0;
  size_t fetches = 0, trap_execs = 0, mprotects = 0, sig_returns = 0;
};

// The guest in shards of `element_threshold` (0: SP1's default), each checked in
// the mprotect build.
CheckedRun run_and_check(const zkvm::Program& program, uint64_t element_threshold) {
  CheckedRun r;
  zkvm::ShardOptions o;
  if (element_threshold) o.threshold.element_threshold = element_threshold;
  const auto summary =
      zkvm::execute_shards(program, {}, o, [&](zkvm::ShardRecord&& s) { r.shards.push_back(std::move(s)); });
  EXPECT_TRUE(summary.report.ok()) << summary.report.error;
  const ProgramTables tables = program_tables(program, Features::Mprotect);
  for (const zkvm::ShardRecord& s : r.shards) {
    SCOPED_TRACE("shard " + std::to_string(s.index));
    EXPECT_EQ(s.public_values.is_untrusted_programs_enabled, 1u);
    const ShardTraces t = shard_traces(s, tables);
    const auto v = first_violation(t);
    EXPECT_FALSE(v) << v->chip << " row " << v->row << " constraint " << v->constraint;
    for (InteractionKind k : unbalanced_kinds(t, random_challenge())) ADD_FAILURE() << kind_name(k) << " does not balance";
    EXPECT_EQ(t.uncounted_lookups, 0u);
    r.sums.push_back(t.global_cumulative_sum);
    r.traps += s.trap_mem.size();
    r.fetches += s.instruction_fetch.size();
    r.trap_execs += s.trap_exec.size();
    for (const zkvm::PrecompileEvent& p : s.precompiles) {
      r.mprotects += p.syscall.code == zkvm::sys::MPROTECT;
      r.sig_returns += p.syscall.code == zkvm::sys::SIG_RETURN;
    }
    r.page_inits += s.page_prot_initialize.size();
    r.page_finalizes += s.page_prot_finalize.size();
  }
  return r;
}

const zkvm::Program& guest() {
  static const zkvm::Program p = [] {
    const auto g = zkvm::test::user_mode_guest(kIterations);
    if (!g) throw std::runtime_error("the user-mode guest did not assemble");
    return *g;
  }();
  return p;
}

TEST(Sp1RiscvUserModeRecord, OneShardAndManyHoldAndBalance) {
  const zkvm::Program& program = guest();
  const air::septic::Point initial = setup::initial_global_cumulative_sum(program, cpu_count());
  const CheckedRun one = run_and_check(program, 0);
  ASSERT_EQ(one.shards.size(), 1u);
  const CheckedRun many = run_and_check(program, 2'500'000);
  EXPECT_GE(many.shards.size(), 3u);
  for (const CheckedRun* r : {&one, &many}) {
    EXPECT_EQ(r->traps, kIterations);
    // The trap context's page and the stack's are checked outside the ELF; the ELF's pages are finalized too.
    EXPECT_EQ(r->page_inits, 1u);  // the trap context's page (the stack's is not touched)
    EXPECT_GT(r->page_finalizes, r->page_inits);
    EXPECT_TRUE(global_sums_cancel(initial, r->sums));
  }
  // Without the last shard (the page and memory finalizations) the sums do not cancel.
  std::vector<air::septic::Point> partial(many.sums.begin(), many.sums.end() - 1);
  EXPECT_FALSE(global_sums_cancel(initial, partial));
}

TEST(Sp1RiscvUserModeRecord, CorruptedTrapMemCellIsFound) {
  const CheckedRun r = run_and_check(guest(), 0);
  const ShardTraces t = shard_traces(r.shards.front(), program_tables(guest(), Features::Mprotect));
  test_support::expect_corrupted_cell_found(t, "TrapMem", 0, false);
}

TEST(Sp1RiscvUserModeRecord, UserModeSyscallsHoldAndBalance) {
  const auto program = zkvm::test::user_mode_syscall_guest();
  ASSERT_TRUE(program);
  const air::septic::Point initial = setup::initial_global_cumulative_sum(*program, cpu_count());
  const CheckedRun r = run_and_check(*program, 0);
  EXPECT_EQ(r.mprotects, 4u);
  EXPECT_EQ(r.sig_returns, zkvm::test::kUserModeSyscallTraps);
  EXPECT_TRUE(global_sums_cancel(initial, r.sums));
}

TEST(Sp1RiscvUserModeRecord, UntrustedCodeHoldsAndBalances) {
  const auto program = zkvm::test::untrusted_code_guest();
  ASSERT_TRUE(program);
  const air::septic::Point initial = setup::initial_global_cumulative_sum(*program, cpu_count());
  const CheckedRun r = run_and_check(*program, 0);
  EXPECT_EQ(r.fetches, zkvm::test::kUntrustedRoutineInstructions * zkvm::test::kUntrustedRoutineCalls);
  EXPECT_EQ(r.trap_execs, 1u);
  EXPECT_EQ(r.traps, zkvm::test::kUntrustedRoutineCalls);
  EXPECT_TRUE(global_sums_cancel(initial, r.sums));
  const ShardTraces t = shard_traces(r.shards.front(), program_tables(*program, Features::Mprotect));
  test_support::expect_corrupted_cell_found(t, "InstructionFetch", 5, false);  // top_two_limb_inv
}

TEST(Sp1RiscvUserModeRecord, DefaultBuildRefusesTheProgram) {
  const CheckedRun r = run_and_check(guest(), 0);
  try {
    shard_traces(r.shards.front(), program_tables(guest(), Features::Default));
    ADD_FAILURE() << "a user-mode shard was traced in the default build";
  } catch (const UnsupportedChip& e) {
    EXPECT_EQ(e.chip(), "the mprotect build");
  }
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
