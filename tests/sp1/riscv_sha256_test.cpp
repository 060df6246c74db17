// SP1's SHA-256 precompile chips (sp1/air/riscv/sha_extend.hpp, sha_compress.hpp)
// and their traces (sp1/riscv/sha256_traces.hpp): SP1's widths, constraint counts
// and interactions in every trust mode and build; the sha2 fixture guest's calls
// (SHA_EXTEND and SHA_COMPRESS, retained in its execution shards) give rows that
// satisfy every constraint, where every column matters; padding rows are SP1's
// (ShaCompress's carry the octet flags and round constants); the shards hold every
// constraint and interaction, in both builds, with the global sums cancelling; a
// broken chain between a control chip and its chip unbalances that kind only; a
// corrupted cell is found at its chip and row; the User control chips stay empty.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/sha_compress.hpp"
#include "sp1/air/riscv/sha_extend.hpp"
#include "sp1/riscv/sha256_traces.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;

enum class ShaChip { Extend, ExtendControl, Compress, CompressControl };
using ShaCase = ChipCase<ShaChip>;

// The control chips in build F, `flag` the constraint F adds to the Supervisor
// ones (the User ones trade the default build's assert_zero(is_real) for it).
template <Features F>
void add_control_cases(std::vector<ShaCase>& out, size_t flag) {
  add_case<rv::ShaExtendControlChip<TrustMode::Supervisor, F>>(out, ShaChip::ExtendControl, TrustMode::Supervisor, F,
                                                               18, 21 + flag, rep("B", 10) + "X", "YX");
  add_case<rv::ShaExtendControlChip<TrustMode::User, F>>(out, ShaChip::ExtendControl, TrustMode::User, F, 66, 104,
                                                         rep("B", 10) + kSlice + kSlice + "X", "QQQQYX");
  add_case<rv::ShaCompressControlChip<TrustMode::Supervisor, F>>(out, ShaChip::CompressControl, TrustMode::Supervisor,
                                                                 F, 53, 21 + flag, rep("B", 8) + "C", "YC");
  add_case<rv::ShaCompressControlChip<TrustMode::User, F>>(out, ShaChip::CompressControl, TrustMode::User, F, 125, 148,
                                                           rep("B", 8) + rep(kSlice, 3) + "C", "QQQQQQYC");
}

// Widths: rv64im_costs.json; constraints: rv64im_complexity.json (and _mprotect).
// ShaExtend sends the chain's next step, the round bound (LTU), the clock's two
// lookups, per read its address's 3 u16 checks, timestamp's 2 lookups and the
// previous record; s0 and s1's 20 byte lookups each; Add4's 3; w[i]'s address and
// write. ShaCompress sends the state on (initialize/finalize, compress), the memory
// access, the three addresses, 81 lookups of the round, 2 of the finalize add.
std::vector<ShaCase> sha_cases() {
  std::vector<ShaCase> out;
  for (const Features f : {Features::Default, Features::Mprotect}) {
    add_case<rv::ShaExtendChip>(out, ShaChip::Extend, TrustMode::Supervisor, f, 128, 80,
                                "XBBB" + rep("BBBBBM", 4) + rep("B", 40) + "BBB" + "BBBBBM", "XMMMMM");
    add_case<rv::ShaCompressChip>(out, ShaChip::Compress, TrustMode::Supervisor, f, 206, 300, "CCBBM" + rep("B", 92),
                                  "CM");
  }
  add_control_cases<Features::Default>(out, 0);
  add_control_cases<Features::Mprotect>(out, 1);  // `mprotect`'s assertion of the untrusted-code flag
  return out;
}

RiscvChipTrace trace_of(ShaChip kind, const zkvm::ShardRecord& shard, const RiscvTraceOptions& o) {
  switch (kind) {
    case ShaChip::Extend: return sha_extend_trace(shard, o);
    case ShaChip::ExtendControl: return sha_extend_control_trace(shard, o);
    case ShaChip::Compress: return sha_compress_trace(shard, o);
    default: return sha_compress_control_trace(shard, o);
  }
}

// Real rows of a chip in a shard.
size_t real_rows(ShaChip kind, const zkvm::ShardRecord& shard) {
  switch (kind) {
    case ShaChip::Extend: return rv::kShaExtendRounds * calls(shard, zkvm::sys::SHA_EXTEND);
    case ShaChip::ExtendControl: return calls(shard, zkvm::sys::SHA_EXTEND);
    case ShaChip::Compress: return rv::kShaCompressRows * calls(shard, zkvm::sys::SHA_COMPRESS);
    default: return calls(shard, zkvm::sys::SHA_COMPRESS);
  }
}

// The sha2 guest hashing 6000 bytes: several execution shards, each with SHA
// calls, and a memory shard.
const GuestShards& sha2_shards() {
  static const GuestShards r = [] {
    std::vector<uint8_t> data(6000);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
    return guest_shards("elf/sha2.elf", std::move(data), 2'500'000);
  }();
  return r;
}

const zkvm::ShardRecord& first_with_calls() {
  for (const zkvm::ShardRecord& s : sha2_shards().shards)
    if (calls(s, zkvm::sys::SHA_EXTEND) && calls(s, zkvm::sys::SHA_COMPRESS)) return s;
  throw std::runtime_error("no sha2 shard with SHA_EXTEND and SHA_COMPRESS calls");
}

TEST(Sp1RiscvSha256, LayoutsConstraintsAndInteractionsAreSp1s) {
  for (const ShaCase& c : sha_cases()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// Also each chip's height is SP1's for its calls.
TEST(Sp1RiscvSha256, GuestCallsSatisfyEveryConstraint) {
  size_t extend_calls = 0, compress_calls = 0, shards_with_calls = 0;
  for (const zkvm::ShardRecord& s : sha2_shards().shards) {
    extend_calls += calls(s, zkvm::sys::SHA_EXTEND);
    compress_calls += calls(s, zkvm::sys::SHA_COMPRESS);
    shards_with_calls += !s.precompiles.empty();
    for (const ShaCase& c : sha_cases()) {
      if (c.mode == TrustMode::User) continue;
      SCOPED_TRACE(name_of(c) + " shard " + std::to_string(s.index));
      const RiscvChipTrace t = trace_of(c.kind, s, options_for(c.mode));
      EXPECT_EQ(t.name, c.chip->name());
      EXPECT_EQ(t.width, c.chip->width());
      EXPECT_EQ(t.rows, air::padded_height(real_rows(c.kind, s)));
      const auto v = check(c, t);
      EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    }
  }
  // 6000 bytes: 94 blocks of 64 bytes, each one SHA_EXTEND and one SHA_COMPRESS.
  EXPECT_GE(extend_calls, 94u);
  EXPECT_EQ(extend_calls, compress_calls);
  EXPECT_GE(shards_with_calls, 2u);
}

TEST(Sp1RiscvSha256, EveryColumnMatters) {
  const zkvm::ShardRecord& s = first_with_calls();
  for (const ShaCase& c : sha_cases()) {
    if (c.mode == TrustMode::User || c.features == Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, s, options_for(c.mode));
    // One call's rows.
    const size_t real = c.kind == ShaChip::Extend     ? rv::kShaExtendRounds
                        : c.kind == ShaChip::Compress ? rv::kShaCompressRows
                                                      : 1;
    expect_every_column_matters(c, t, real);
  }
}

// ShaExtend and the control chips pad with zero rows; ShaCompress's padding rows
// run through the octets from index 0 with the round constants.
TEST(Sp1RiscvSha256, PaddingRowsAreSp1s) {
  zkvm::ShardRecord empty;
  for (const ShaCase& c : sha_cases()) {
    if (c.mode == TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, empty, options_for(c.mode));
    ASSERT_EQ(t.rows, 16u);
    EXPECT_FALSE(check(c, t));
    size_t nonzero = 0;
    for (const Felt& x : t.main) nonzero += !x.is_zero();
    EXPECT_EQ(nonzero == 0, c.kind != ShaChip::Compress);
  }
  const auto& m = rv::ShaCompressChip::kMain;
  const zkvm::ShardRecord& s = first_with_calls();
  const RiscvChipTrace t = sha_compress_trace(s, {});
  const size_t real = real_rows(ShaChip::Compress, s);
  ASSERT_GT(t.rows, real);
  for (size_t r = real; r < t.rows; ++r) {
    const size_t k = (r - real) % 80;
    const Felt* row = t.main.data() + r * t.width;
    EXPECT_EQ(row[m.index].to_canonical(), k);
    EXPECT_EQ(row[m.octet[k % 8]], Felt::one());
    EXPECT_EQ(row[m.octet_num[k / 8]], Felt::one());
    EXPECT_TRUE(row[m.is_real].is_zero());
    if (k >= 8 && k < 72) {
      EXPECT_EQ(row[m.k[1]].to_canonical(), rv::kSha256K[k - 8] >> 16);
    }
  }
}

// The sha2 guest's shards as check-traces sees them: every chip, both builds.
TEST(Sp1RiscvSha256, ShardsHoldEveryConstraintAndInteraction) { expect_shards_hold(sha2_shards()); }

// A control chip's end of the chain that does not match its chip's: no
// constraint breaks, only that kind fails to balance.
TEST(Sp1RiscvSha256, BrokenChainsUnbalanceTheirKind) {
  const ProgramTables tables = program_tables(sha2_shards().program);
  const ShardTraces good = shard_traces(first_with_calls(), tables);
  {
    ShardTraces t = good;
    ShardChipTrace& c = chip_in(t, "ShaCompressControl");
    const auto& m = rv::ShaCompressControlChip<TrustMode::Supervisor, Features::Default>::kMain;
    c.main[m.final_state[3][0]] = c.main[m.final_state[3][0]] + Felt::one();
    EXPECT_FALSE(first_violation(t));
    EXPECT_EQ(unbalanced_kinds(t, random_challenge()), std::vector<InteractionKind>{InteractionKind::ShaCompress});
  }
  {
    // A call taken at another clock: the syscall table's and the chain's ends.
    ShardTraces t = good;
    ShardChipTrace& c = chip_in(t, "ShaExtendControl");
    const size_t cell = rv::ShaExtendControlChip<TrustMode::Supervisor, Features::Default>::kMain.head.clk_low;
    c.main[cell] = c.main[cell] + Felt::one();
    EXPECT_FALSE(first_violation(t));
    EXPECT_EQ(unbalanced_kinds(t, random_challenge()),
              (std::vector<InteractionKind>{InteractionKind::Syscall, InteractionKind::ShaExtend}));
  }
}

// A cell whose change breaks a constraint is reported at its chip and row.
TEST(Sp1RiscvSha256, CorruptedCellIsFoundAtItsChipAndRow) {
  const ProgramTables tables = program_tables(sha2_shards().program);
  const ShardTraces good = shard_traces(first_with_calls(), tables);
  const auto& e = rv::ShaExtendChip::kMain;
  const auto& k = rv::ShaCompressChip::kMain;
  for (const auto& [chip, row, col] :
       {std::tuple{"ShaExtend", size_t(7), e.w_i_minus_15_rr_7.value[0]}, std::tuple{"ShaCompress", size_t(20), k.k[0]},
        std::tuple{"ShaCompress", size_t(75), k.finalized_operand[1]}}) {
    SCOPED_TRACE(std::string(chip) + " row " + std::to_string(row));
    ShardTraces t = good;
    ShardChipTrace& c = chip_in(t, chip);
    c.main[row * c.chip->width() + col] = c.main[row * c.chip->width() + col] + Felt::from_canonical(3);
    const auto v = first_violation(t);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->chip, chip);
    EXPECT_EQ(v->row, row);
  }
}

// The User control chips: no rows for a trusted program; its calls (without page
// checks) are refused in a user-mode one; a padding
// row marked real without its values breaks a constraint; zero rows hold.
TEST(Sp1RiscvSha256, UserControlChipsStayEmpty) {
  const zkvm::ShardRecord& s = first_with_calls();
  RiscvTraceOptions trusted;
  trusted.mode = TrustMode::User;
  RiscvTraceOptions untrusted = options_for(TrustMode::User);
  for (const ShaCase& c : sha_cases()) {
    if (c.mode != TrustMode::User) continue;
    SCOPED_TRACE(name_of(c));
    EXPECT_EQ(trace_of(c.kind, s, trusted).rows, 0u);
    EXPECT_THROW(trace_of(c.kind, s, untrusted), std::invalid_argument);
    const RiscvChipTrace padding = trace_of(c.kind, zkvm::ShardRecord{}, untrusted);
    EXPECT_EQ(padding.rows, 16u);
    EXPECT_FALSE(check(c, padding));
    RiscvChipTrace real = padding;
    const size_t is_real = c.kind == ShaChip::ExtendControl
                               ? rv::ShaExtendControlChip<TrustMode::User, Features::Default>::kMain.is_real
                               : rv::ShaCompressControlChip<TrustMode::User, Features::Default>::kMain.is_real;
    real.main[is_real] = Felt::one();
    EXPECT_TRUE(check(c, real));
  }
  // The Supervisor chips have none for a user-mode program.
  RiscvTraceOptions supervisor;
  supervisor.untrusted_programs_enabled = true;
  EXPECT_EQ(sha_extend_control_trace(s, supervisor).rows, 0u);
  EXPECT_EQ(sha_compress_control_trace(s, supervisor).rows, 0u);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
