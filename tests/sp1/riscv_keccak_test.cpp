// SP1's Keccak precompile chips (sp1/air/riscv/keccak_permute.hpp,
// keccak_control.hpp, page_prot.hpp) and their traces
// (sp1/riscv/keccak_traces.hpp): SP1's widths, constraint counts and
// interactions; Keccak-f[1600]'s constants from the standard's definitions; the
// rounds compute the permutation; the traces of the keccak guest's shards satisfy
// every constraint, padding rows included; every column the AIR reads matters (and
// Plonky3's `export` and `preimage`, which SP1 leaves free, do not); the User
// chip's page checks hold for a call whose state crosses a page boundary, with
// and without a trap, and the default build keeps that chip empty.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/keccak_control.hpp"
#include "sp1/air/riscv/keccak_permute.hpp"
#include "sp1/riscv/keccak_traces.hpp"
#include "user_mode_calls.hpp"
#include "zkvm/hash_permutations.hpp"
#include "zkvm/shard_costs.hpp"
#include "zkvm/sharding.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using Case = ChipCase<int>;
using State = std::array<uint64_t, 25>;

template <TrustMode M, Features F>
using Control = rv::KeccakPermuteControlChip<M, F>;

constexpr auto kRound = rv::KeccakPermuteChip::kMain;
constexpr auto kControl = air::col_map<rv::KeccakPermuteControlCols<size_t>>();
constexpr auto kUser = Control<TrustMode::User, Features::Default>::kUser;

// Counted from SP1's evals (the file comments of keccak_permute.hpp and
// keccak_control.hpp). Sends and receives:
//  - KeccakPermute: the round's output; its input.
//  - Control: the pointer's Range check, [User: per page slice (read, write):
//    both pages' 4- and 12-bit checks, per page its timestamp limbs, its record
//    and the permissions' AND,] round 0's input, the 25 addresses' three u16
//    checks, per word the read's and the write's timestamp limbs and previous
//    record; receives: [User: the page records,] the call, round 24's output, the
//    words' new records.
std::vector<Case> cases() {
  std::string control_sends = "BK", user_sends = "B", words;
  for (int i = 0; i < 25; ++i) control_sends += "BBB";
  for (int i = 0; i < 50; ++i) words += "BBM";
  control_sends += words;
  for (int slice = 0; slice < 2; ++slice) user_sends += "BBBB" + std::string("BBQB") + "BBQB";
  user_sends += control_sends.substr(1);
  const std::string control_receives = "YK" + std::string(50, 'M');
  std::vector<Case> v;
  v.push_back({0, std::make_unique<air::ChipModel<rv::KeccakPermuteChip>>(), TrustMode::Supervisor,
               Features::Default, 2640, 2859, "K", "K"});
  v.push_back({1, std::make_unique<air::ChipModel<Control<TrustMode::Supervisor, Features::Default>>>(),
               TrustMode::Supervisor, Features::Default, 634, 331, control_sends, control_receives});
  v.push_back({1, std::make_unique<air::ChipModel<Control<TrustMode::Supervisor, Features::Mprotect>>>(),
               TrustMode::Supervisor, Features::Mprotect, 634, 332, control_sends, control_receives});
  v.push_back({1, std::make_unique<air::ChipModel<Control<TrustMode::User, Features::Default>>>(), TrustMode::User,
               Features::Default, 682, 416, user_sends, "QQQQ" + control_receives});
  v.push_back({1, std::make_unique<air::ChipModel<Control<TrustMode::User, Features::Mprotect>>>(), TrustMode::User,
               Features::Mprotect, 682, 416, user_sends, "QQQQ" + control_receives});
  return v;
}

TEST(Sp1RiscvKeccak, LayoutsAndInteractionsAreSp1s) {
  const std::vector<Case> all = cases();
  for (const Case& c : all) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
  EXPECT_EQ(all[0].chip->name(), "KeccakPermute");
  EXPECT_EQ(all[1].chip->name(), "KeccakPermuteControl");
  EXPECT_EQ(all[3].chip->name(), "KeccakPermuteControlUser");
  using zkvm::shard_costs::Air;
  EXPECT_EQ(all[0].chip->width(), zkvm::shard_costs::cost(Air::KeccakPermute));
  EXPECT_EQ(all[1].chip->width(), zkvm::shard_costs::cost(Air::KeccakPermuteControl));
  // SP1 embeds Plonky3's KeccakCols first: NUM_KECCAK_COLS = 2633.
  EXPECT_EQ(kRound.clk_high, 2633u);
  EXPECT_EQ(kRound.keccak.a[0][0][0], 125u);  // after step_flags, export, preimage
}

// FIPS 202, 3.2.2 and 3.2.5: the rotation offsets from the (x, y) walk, the round
// constants from the LFSR rc(t).
TEST(Sp1RiscvKeccak, ConstantsAreKeccakFs) {
  uint8_t r[5][5] = {};
  for (size_t t = 0, x = 1, y = 0; t < 24; ++t) {
    r[x][y] = uint8_t((t + 1) * (t + 2) / 2 % 64);
    const size_t nx = y, ny = (2 * x + 3 * y) % 5;
    x = nx;
    y = ny;
  }
  for (size_t x = 0; x < 5; ++x)
    for (size_t y = 0; y < 5; ++y) EXPECT_EQ(rv::kKeccakRotation[x][y], r[x][y]) << x << ", " << y;
  const auto rc = [](size_t t) {
    if (t % 255 == 0) return 1u;
    unsigned reg = 1;  // bit i is R[i]
    for (size_t i = 1; i <= t % 255; ++i) {
      reg <<= 1;
      const unsigned r8 = (reg >> 8) & 1;
      reg ^= r8 | (r8 << 4) | (r8 << 5) | (r8 << 6);
      reg &= 0xFF;
    }
    return reg & 1;
  };
  for (size_t round = 0; round < 24; ++round) {
    uint64_t c = 0;
    for (size_t j = 0; j <= 6; ++j) c |= uint64_t(rc(j + 7 * round)) << ((1u << j) - 1);
    EXPECT_EQ(rv::kKeccakRoundConstants[round], c) << round;
  }
}

uint64_t lane_at(const std::vector<Felt>& rows, size_t row, const std::array<size_t, 4>& cols) {
  uint64_t v = 0;
  for (size_t limb = 0; limb < 4; ++limb)
    v |= uint64_t(rows[row * rv::KeccakPermuteChip::kWidth + cols[limb]].to_canonical()) << (16 * limb);
  return v;
}

// Round 0 takes the input, each round the last one's output; round 23 gives Keccak-f.
TEST(Sp1RiscvKeccak, RoundsComputeKeccakF) {
  std::mt19937_64 rng(7);
  for (int trial = 0; trial < 4; ++trial) {
    State in{};
    for (uint64_t& w : in) w = trial == 0 ? 0 : rng();
    State out = in;
    zkvm::keccak_f1600(out.data());
    std::vector<Felt> rows(24 * rv::KeccakPermuteChip::kWidth, Felt::zero());
    fill_keccak_rounds(rows, in, nullptr);
    const auto& k = kRound.keccak;
    for (size_t y = 0; y < 5; ++y)
      for (size_t x = 0; x < 5; ++x) {
        EXPECT_EQ(lane_at(rows, 0, k.a[y][x]), in[x + 5 * y]);
        EXPECT_EQ(lane_at(rows, 23, {rv::keccak_a_ppp_col(k, y, x, 0), rv::keccak_a_ppp_col(k, y, x, 1),
                                     rv::keccak_a_ppp_col(k, y, x, 2), rv::keccak_a_ppp_col(k, y, x, 3)}),
                  out[x + 5 * y]);
        for (size_t r = 1; r < 24; ++r)
          for (size_t limb = 0; limb < 4; ++limb)
            EXPECT_EQ(rows[r * rv::KeccakPermuteChip::kWidth + k.a[y][x][limb]],
                      rows[(r - 1) * rv::KeccakPermuteChip::kWidth + rv::keccak_a_ppp_col(k, y, x, limb)]);
      }
  }
}

// The keccak guest's shards: 21 permutations (504 rounds, padded to 512), deferred to a precompile shard.
const std::vector<zkvm::ShardRecord>& keccak_shards() {
  static const std::vector<zkvm::ShardRecord> all = [] {
    std::vector<uint8_t> data(136 * 20 + 50);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
    const auto bytes = read_file(std::filesystem::path(ZKGPU_SP1_FIXTURES_DIR) / "elf/keccak.elf");
    if (bytes.empty()) throw std::runtime_error("keccak.elf missing in " ZKGPU_SP1_FIXTURES_DIR);
    std::vector<zkvm::ShardRecord> out;
    const auto summary = zkvm::execute_shards(zkvm::load_elf(bytes), {std::move(data)}, {},
                                              [&](zkvm::ShardRecord&& r) { out.push_back(std::move(r)); });
    if (!summary.report.ok()) throw std::runtime_error("keccak.elf failed: " + summary.report.error);
    return out;
  }();
  return all;
}

size_t calls_in(const zkvm::ShardRecord& s) {
  size_t n = 0;
  for (const auto& p : s.precompiles) n += p.syscall.code == zkvm::sys::KECCAK_PERMUTE;
  return n;
}

std::optional<air::Violation> check_with(const Case& c, const RiscvChipTrace& t, bool untrusted) {
  return air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, public_values(untrusted));
}

TEST(Sp1RiscvKeccak, GuestShardsSatisfyEveryConstraint) {
  const std::vector<Case> all = cases();
  size_t calls = 0;
  for (const zkvm::ShardRecord& s : keccak_shards()) {
    SCOPED_TRACE("shard " + std::to_string(s.index));
    const size_t n = calls_in(s);
    calls += n;
    const RiscvChipTrace rounds = keccak_permute_trace(s);
    EXPECT_EQ(rounds.name, "KeccakPermute");
    EXPECT_EQ(rounds.rows, air::padded_height(24 * n));
    const auto v = check_with(all[0], rounds, false);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    const RiscvChipTrace control = keccak_control_trace(s);
    EXPECT_EQ(control.rows, air::padded_height(n));
    for (size_t k : {1, 2}) {
      const auto w = check_with(all[k], control, false);
      EXPECT_FALSE(w) << name_of(all[k]) << " row " << w->row << " constraint " << w->constraint;
    }
    // The User chip has no rows in a trusted program; the Supervisor chip none in an untrusted one.
    RiscvTraceOptions o;
    o.mode = TrustMode::User;
    EXPECT_EQ(keccak_control_trace(s, o).rows, 0u);
    o.mode = TrustMode::Supervisor;
    o.untrusted_programs_enabled = true;
    EXPECT_EQ(keccak_control_trace(s, o).rows, 0u);
    if (n) {
      o.mode = TrustMode::User;
      EXPECT_THROW(keccak_control_trace(s, o), std::invalid_argument);
    }
  }
  EXPECT_EQ(calls, 21u);
}

// Padding rows are the zero state's rounds, row r round r mod 24, not real; a zero
// row breaks the step flags' sum.
TEST(Sp1RiscvKeccak, PaddingRowsAreZeroStateRounds) {
  const std::vector<Case> all = cases();
  for (const zkvm::ShardRecord& s : keccak_shards()) {
    const size_t real = 24 * calls_in(s);
    RiscvChipTrace t = keccak_permute_trace(s);
    if (!real || t.rows == real) continue;
    std::vector<Felt> dummy(24 * t.width, Felt::zero());
    fill_keccak_rounds(dummy, {}, nullptr);
    for (size_t r = real; r < t.rows; ++r) {
      ASSERT_TRUE(std::equal(dummy.begin() + (r % 24) * t.width, dummy.begin() + (r % 24 + 1) * t.width,
                             t.main.begin() + r * t.width))
          << "row " << r;
      EXPECT_TRUE(t.main[r * t.width + kRound.is_real].is_zero());
    }
    std::fill(t.main.begin() + real * t.width, t.main.begin() + (real + 1) * t.width, Felt::zero());
    const auto v = check_with(all[0], t, false);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->row, real);
    return;
  }
  FAIL() << "no shard with Keccak padding rows";
}

const zkvm::ShardRecord& shard_with_calls() {
  for (const zkvm::ShardRecord& s : keccak_shards())
    if (calls_in(s) >= 2) return s;
  throw std::runtime_error("no shard with Keccak calls");
}

TEST(Sp1RiscvKeccak, EveryControlColumnMatters) {
  const std::vector<Case> all = cases();
  const zkvm::ShardRecord& s = shard_with_calls();
  expect_every_column_matters(all[1], keccak_control_trace(s), calls_in(s));
}

// On a real row each column the AIR reads breaks a constraint or changes the
// Keccak messages; Plonky3's `export` and `preimage` do neither.
TEST(Sp1RiscvKeccak, EveryRoundColumnMattersButExportAndPreimage) {
  const std::vector<Case> all = cases();
  const MachineChip& chip = *all[0].chip;
  const RiscvChipTrace t = keccak_permute_trace(shard_with_calls());
  std::set<size_t> free{kRound.keccak.export_flag};
  for (const auto& row : kRound.keccak.preimage)
    for (const auto& lane : row)
      for (size_t col : lane) free.insert(col);
  const auto pv = public_values(false);
  const Felt delta = Felt::from_canonical(12345);
  for (size_t r : {size_t(0), size_t(23), size_t(30)}) {
    std::vector<Felt> row(t.main.begin() + r * t.width, t.main.begin() + (r + 1) * t.width);
    const auto before = chip.eval(std::span<const Felt>(row), {}, pv);
    ASSERT_FALSE(any_nonzero(before.constraints));
    for (size_t col = 0; col < t.width; ++col) {
      const Felt old = row[col];
      row[col] = old + delta;
      const auto after = chip.eval(std::span<const Felt>(row), {}, pv);
      row[col] = old;
      const bool matters = any_nonzero(after.constraints) || !same_interactions(before, after);
      EXPECT_EQ(matters, !free.count(col)) << "row " << r << " column " << col;
    }
  }
}

// --- the User chip ---------------------------------------------------------------

// A hand-made call at `clk` on the state at `addr`, its words last touched at `prev`.
zkvm::PrecompileEvent keccak_call(uint64_t clk, uint64_t addr, uint64_t prev) {
  zkvm::PrecompileEvent p;
  p.syscall.clk = clk;
  p.syscall.code = zkvm::sys::KECCAK_PERMUTE;
  p.syscall.arg1 = addr;
  State in{}, out{};
  for (size_t i = 0; i < 25; ++i) in[i] = 0x0123'4567'89ab'cdefULL * (i + 1);
  out = in;
  zkvm::keccak_f1600(out.data());
  for (size_t i = 0; i < 25; ++i) p.memory.push_back({addr + 8 * i, in[i], prev, in[i], clk, false});
  for (size_t i = 0; i < 25; ++i) p.memory.push_back({addr + 8 * i, in[i], clk, out[i], clk + 1, true});
  p.syscall.memory_end = p.memory.size();
  return p;
}

// The User trace of one call (user_mode_calls.hpp), the state's pages from its
// first on with permissions `prots`.
RiscvChipTrace user_trace(const zkvm::PrecompileEvent& p, std::initializer_list<uint8_t> prots) {
  UserModePages pages;
  uint64_t page = p.syscall.arg1 >> zkvm::kLogPageSize;
  for (const uint8_t prot : prots) pages.set(page++, prot);
  zkvm::ShardRecord s;
  s.precompiles.push_back(pages.lift(p));
  return keccak_control_trace(s, options_for(TrustMode::User));
}

constexpr uint8_t kRw = zkvm::kProtRead | zkvm::kProtWrite, kRead = zkvm::kProtRead;

TEST(Sp1RiscvKeccak, UserChipChecksTheStatesPages) {
  const std::vector<Case> all = cases();
  const Case& user = all[4];  // mprotect build
  const uint64_t clk = (uint64_t(3) << 24) + 40;
  // The state crosses from page 0x20 into page 0x21, and lies in one page.
  for (const uint64_t addr : {uint64_t(0x20FC0), uint64_t(0x20800)}) {
    SCOPED_TRACE(addr);
    const zkvm::PrecompileEvent p = keccak_call(clk, addr, clk - 100);
    const RiscvChipTrace t = user_trace(p, {kRw, kRw});
    const auto v = check_with(user, t, true);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
    // The default build keeps the chip empty.
    const auto d = check_with(all[3], t, true);
    ASSERT_TRUE(d);
    EXPECT_EQ(d->row, 0u);
    // A missing permission traps; a row that hides the trap breaks a constraint.
    RiscvChipTrace no_write = user_trace(p, {kRead, kRead});
    const Row row(no_write.main.data(), no_write.width);
    const auto& trap = kUser.write_state_slice_page_prot_access.trap_page_operations[0];
    EXPECT_FALSE(check_with(user, no_write, true));
    row[trap.is_write_fail] = Felt::zero();
    row[trap.is_now_trap] = Felt::zero();
    EXPECT_TRUE(check_with(user, no_write, true));
  }
}

// The trap's code reaches the syscall table only through the call's message.
TEST(Sp1RiscvKeccak, UserChipTrapSendsNoState) {
  const std::vector<Case> all = cases();
  const uint64_t clk = (uint64_t(3) << 24) + 40;
  const zkvm::PrecompileEvent p = keccak_call(clk, 0x20FC0, clk - 100);
  const RiscvChipTrace t = user_trace(p, {kRead, kRw});
  ASSERT_FALSE(check_with(all[4], t, true));
  const auto eval = all[4].chip->eval(std::span<const Felt>(t.main.data(), t.width), {}, public_values(true));
  const auto state_kind = [](InteractionKind k) {
    return k == InteractionKind::Keccak || k == InteractionKind::Memory;
  };
  for (const auto& i : eval.sends) {
    if (state_kind(i.kind)) {
      EXPECT_TRUE(i.multiplicity.is_zero());
    }
  }
  for (const auto& i : eval.receives) {
    if (i.kind == InteractionKind::Syscall) {
      EXPECT_EQ(i.values[3].to_canonical(), rv::kProtFailureWrite);  // the trap code, mprotect's fourth value
      EXPECT_TRUE(i.multiplicity == Felt::one());
    }
    if (state_kind(i.kind)) {
      EXPECT_TRUE(i.multiplicity.is_zero());
    }
  }
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
