// SP1's Poseidon2 precompile chip (sp1/air/riscv/poseidon2_precompile.hpp) and its
// trace (sp1/riscv/poseidon2_trace.hpp): SP1's widths, constraint counts and
// interactions in every trust mode and build; the poseidon2 fixture guest's calls
// (retained in its execution shards) give rows that satisfy every constraint, where
// every column matters; padding rows hold the permutation of zero; the shards hold
// every constraint and interaction, in both builds, with the global sums
// cancelling; a corrupted cell is found at its chip and row; words written that are
// not the permutation of the words read are refused; Poseidon2User stays empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "riscv_precompile_harness.hpp"
#include "sp1/air/chips/poseidon2_row.hpp"
#include "sp1/air/riscv/poseidon2_precompile.hpp"
#include "sp1/riscv/poseidon2_trace.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;

struct Poseidon2Kind {};
using Poseidon2Case = ChipCase<Poseidon2Kind>;
using Supervisor = rv::Poseidon2PrecompileChip<TrustMode::Supervisor, Features::Default>;
using User = rv::Poseidon2PrecompileChip<TrustMode::User, Features::Default>;

template <TrustMode M, Features F>
void add_case(std::vector<Poseidon2Case>& out, size_t width, size_t constraints, const std::string& sends,
              const std::string& receives) {
  out.push_back({{}, std::make_unique<air::ChipModel<rv::Poseidon2PrecompileChip<M, F>>>(), M, F, width, constraints,
                 sends, receives});
}

// Widths: rv64im_costs.json; constraints: rv64im_complexity.json (and _mprotect).
// Sends: the pointer's Range lookup; the 8 addresses' 3 u16 checks each; per word
// its timestamp's 2 lookups and its previous record; per input word and per hash
// result word 4 u16 checks and 2 field-element checks. Receives: the 8 words
// written, then the call. Poseidon2User's page checks of the slice (two pages'
// range checks, each page's timestamp checks, PageProtAccess read and AND lookup)
// come after the addresses, their PageProtAccess receives first.
std::vector<Poseidon2Case> poseidon2_cases() {
  const std::string addresses = "B" + rep("B", 24), rest = rep("BBM", 8) + rep("B", 96);
  const std::string receives = rep("M", 8) + "Y";
  std::vector<Poseidon2Case> out;
  add_case<TrustMode::Supervisor, Features::Default>(out, 348, 497, addresses + rest, receives);
  add_case<TrustMode::Supervisor, Features::Mprotect>(out, 348, 498, addresses + rest, receives);
  add_case<TrustMode::User, Features::Default>(out, 372, 538, addresses + kSlice + rest, "QQ" + receives);
  add_case<TrustMode::User, Features::Mprotect>(out, 372, 538, addresses + kSlice + rest, "QQ" + receives);
  return out;
}

size_t poseidon2_calls(const zkvm::ShardRecord& shard) { return calls(shard, zkvm::sys::POSEIDON2); }

// The poseidon2 guest running 1000 permutations, over three of its execution
// shards; a memory shard.
const GuestShards& poseidon2_shards() {
  static const GuestShards r = guest_shards("elf/poseidon2.elf", u64_entry(1000), 2'500'000);
  return r;
}

const zkvm::ShardRecord& first_with_calls() {
  for (const zkvm::ShardRecord& s : poseidon2_shards().shards)
    if (poseidon2_calls(s) >= 2) return s;
  throw std::runtime_error("no poseidon2 shard with POSEIDON2 calls");
}

TEST(Sp1RiscvPoseidon2, LayoutsConstraintsAndInteractionsAreSp1s) {
  for (const Poseidon2Case& c : poseidon2_cases()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
  // SP1's Poseidon2Operation is the degree-3 permutation layout (179 columns).
  EXPECT_EQ(air::num_cols<air::Poseidon2WideCols<size_t>>, 179u);
}

// Also the chip's height is SP1's for its calls.
TEST(Sp1RiscvPoseidon2, GuestCallsSatisfyEveryConstraint) {
  size_t total = 0, shards_with_calls = 0;
  for (const zkvm::ShardRecord& s : poseidon2_shards().shards) {
    total += poseidon2_calls(s);
    shards_with_calls += poseidon2_calls(s) > 0;
    for (const Poseidon2Case& c : poseidon2_cases()) {
      if (c.mode == TrustMode::User) continue;
      SCOPED_TRACE(name_of(c) + " shard " + std::to_string(s.index));
      const RiscvChipTrace t = poseidon2_trace(s, options_for(c.mode));
      EXPECT_EQ(t.name, c.chip->name());
      EXPECT_EQ(t.width, c.chip->width());
      EXPECT_EQ(t.rows, air::padded_height(poseidon2_calls(s)));
      const auto v = check(c, t);
      EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    }
  }
  EXPECT_EQ(total, 1000u);
  EXPECT_GE(shards_with_calls, 2u);
}

TEST(Sp1RiscvPoseidon2, EveryColumnMatters) {
  const zkvm::ShardRecord& s = first_with_calls();
  const auto cases = poseidon2_cases();
  const Poseidon2Case& c = cases.front();
  expect_every_column_matters(c, poseidon2_trace(s, options_for(c.mode)), std::min<size_t>(poseidon2_calls(s), 4));
}

// Padding rows: the permutation of the zero state, every other column zero.
TEST(Sp1RiscvPoseidon2, PaddingRowsAreSp1s) {
  std::vector<Felt> zero_row(Supervisor::kWidth, Felt::zero());
  air::populate_poseidon2({}, Supervisor::kMain.head.poseidon2, zero_row);
  const auto cases = poseidon2_cases();
  const RiscvChipTrace empty = poseidon2_trace(zkvm::ShardRecord{}, {});
  ASSERT_EQ(empty.rows, 16u);
  EXPECT_FALSE(check(cases.front(), empty));
  const zkvm::ShardRecord& s = first_with_calls();
  const RiscvChipTrace t = poseidon2_trace(s, {});
  ASSERT_GT(t.rows, poseidon2_calls(s));
  for (const RiscvChipTrace* trace : {&empty, &t}) {
    const size_t real = trace == &t ? poseidon2_calls(s) : 0;
    for (size_t r = real; r < trace->rows; ++r) {
      const std::vector<Felt> row(trace->main.begin() + r * trace->width,
                                  trace->main.begin() + (r + 1) * trace->width);
      EXPECT_EQ(row, zero_row) << "row " << r;
    }
  }
}

// The poseidon2 guest's shards as check-traces sees them: every chip, both builds.
TEST(Sp1RiscvPoseidon2, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(poseidon2_shards()); }

// A cell whose change breaks a constraint (a permutation state, a hash result, a
// word read) is reported at its chip and row, a padding row's too.
TEST(Sp1RiscvPoseidon2, CorruptedCellIsFoundAtItsChipAndRow) {
  const ProgramTables tables = program_tables(poseidon2_shards().program);
  const ShardTraces good = shard_traces(first_with_calls(), tables);
  const auto& m = Supervisor::kMain.head;
  for (const auto& [row, col] :
       {std::pair{size_t(1), m.poseidon2.internal_rounds_s0[7]}, std::pair{size_t(0), m.hash_result[3][1]},
        std::pair{size_t(1), m.memory[5].prev_value[0]}}) {
    SCOPED_TRACE("row " + std::to_string(row) + " column " + std::to_string(col));
    ShardTraces t = good;
    ShardChipTrace& c = chip_in(t, "Poseidon2");
    c.main[row * c.chip->width() + col] = c.main[row * c.chip->width() + col] + Felt::from_canonical(3);
    const auto v = first_violation(t);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->chip, "Poseidon2");
    EXPECT_EQ(v->row, row);
  }
  // A padding row's permutation is constrained too.
  ShardTraces t = good;
  ShardChipTrace& c = chip_in(t, "Poseidon2");
  const size_t last = c.rows - 1, cell = last * c.chip->width() + m.poseidon2.external_rounds_state[6][2];
  c.main[cell] = c.main[cell] + Felt::one();
  const auto v = first_violation(t);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->row, last);
}

// The trace generator refuses a call whose words written are not the permutation.
TEST(Sp1RiscvPoseidon2, WrongOutputIsRefused) {
  zkvm::ShardRecord s = first_with_calls();
  for (zkvm::PrecompileEvent& p : s.precompiles)
    if (p.syscall.code == zkvm::sys::POSEIDON2) {
      p.memory[4].value ^= 1;
      break;
    }
  EXPECT_THROW(poseidon2_trace(s, {}), std::invalid_argument);
}

// Poseidon2User: no rows for a trusted program; its calls (without page checks)
// are refused in a user-mode one; its padding rows hold, and a
// padding row marked real breaks a constraint; Poseidon2 has none for a user-mode
// program.
TEST(Sp1RiscvPoseidon2, UserChipStaysEmpty) {
  const zkvm::ShardRecord& s = first_with_calls();
  RiscvTraceOptions trusted;
  trusted.mode = TrustMode::User;
  const RiscvTraceOptions untrusted = options_for(TrustMode::User);
  EXPECT_EQ(poseidon2_trace(s, trusted).rows, 0u);
  EXPECT_THROW(poseidon2_trace(s, untrusted), std::invalid_argument);
  for (const Poseidon2Case& c : poseidon2_cases()) {
    if (c.mode != TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace padding = poseidon2_trace(zkvm::ShardRecord{}, untrusted);
    EXPECT_EQ(padding.name, "Poseidon2User");
    EXPECT_EQ(padding.rows, 16u);
    EXPECT_FALSE(check(c, padding));
    RiscvChipTrace real = padding;
    real.main[User::kMain.is_real] = Felt::one();
    EXPECT_TRUE(check(c, real));
  }
  RiscvTraceOptions supervisor;
  supervisor.untrusted_programs_enabled = true;
  EXPECT_EQ(poseidon2_trace(s, supervisor).rows, 0u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
