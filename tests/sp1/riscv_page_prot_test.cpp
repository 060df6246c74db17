// SP1's page-protection chips (sp1/air/riscv/page_prot_chip.hpp, page_prot_local.hpp,
// page_prot_global.hpp, mprotect.hpp: PageProt, PageProtLocal, PageProtGlobalInit,
// PageProtGlobalFinalize, Mprotect) and their traces (sp1/riscv/page_prot_traces.hpp):
// SP1's widths, constraint counts and interactions in both builds; a hand-made shard
// of a program with untrusted code (loads, stores and fetches with their pages'
// records, MPROTECT calls, pages initialized and finalized) gives rows that satisfy
// every constraint under `mprotect`, balance the PageProtAccess argument and the two
// control chains with the public values, and where every column SP1 constrains
// matters; padding rows are SP1's zero rows; the default build keeps the chips
// empty; a corrupted cell is found at its chip and row; an MPROTECT outside the
// untrusted region or off a page boundary breaks a constraint; records the chips
// cannot prove are refused.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <utility>
#include <string>
#include <vector>

#include "riscv_precompile_harness.hpp"
#include "sp1/air/riscv/global.hpp"
#include "sp1/air/riscv/mprotect.hpp"
#include "sp1/air/riscv/page_prot_chip.hpp"
#include "sp1/air/riscv/page_prot_global.hpp"
#include "sp1/air/riscv/page_prot_local.hpp"
#include "sp1/riscv/global_trace.hpp"
#include "sp1/riscv/page_prot_traces.hpp"
#include "sp1/riscv/public_values.hpp"
#include "zkvm/program.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using zkvm::PageProtLocalEvent;
using zkvm::PageProtRecord;
using GlobalKind = rv::MemoryGlobalKind;

enum class PageChip { PageProt, Local, GlobalInit, GlobalFinalize, Mprotect };
using PageCase = ChipCase<PageChip>;

template <Features F>
using Init = rv::PageProtGlobalChip<GlobalKind::Initialize, F>;
template <Features F>
using Finalize = rv::PageProtGlobalChip<GlobalKind::Finalize, F>;

// SP1's widths (rv64im_costs.json) and constraint counts (rv64im_complexity.json,
// rv64im_complexity_mprotect.json). Sends and receives (riscv_chip_harness.hpp's
// letters; i and z: the page chains' PageProtGlobalInitControl and
// PageProtGlobalFinalizeControl): PageProt per check the AND lookup, the page's
// two range checks, the timestamp's two and the previous record, receiving the
// lookup and the new record; the global chips the permissions' and indices' range
// checks, the chain and the Global message, the comparison's u16 check; Mprotect
// the comparisons' u16 checks, the page split's range checks, the timestamp's and
// the previous record, receiving the call and the new record.
template <Features F>
void add_cases(std::vector<PageCase>& out) {
  const bool m = F == Features::Mprotect;
  const TrustMode u = TrustMode::User;  // these chips assert the untrusted-code flag is 1
  add_case<rv::PageProtChip<F>>(out, PageChip::PageProt, u, F, 60, m ? 33 : 37, rep("BBBBBQ", 4), rep("RQ", 4));
  add_case<rv::PageProtLocalChip<F>>(out, PageChip::Local, u, F, 10, m ? 2 : 3, "GGQ", "Q");
  add_case<Init<F>>(out, PageChip::GlobalInit, u, F, 25, m ? 27 : 28, "BBBBBBBiGB", "i");
  add_case<Finalize<F>>(out, PageChip::GlobalFinalize, u, F, 25, m ? 26 : 27, "BBBBBBBzGB", "z");
  add_case<rv::MprotectChip<F>>(out, PageChip::Mprotect, u, F, 40, m ? 50 : 45, "BBBBBBQ", "YQ");
}

const std::vector<PageCase>& cases() {
  static const std::vector<PageCase> out = [] {
    std::vector<PageCase> v;
    add_cases<Features::Default>(v);
    add_cases<Features::Mprotect>(v);
    return v;
  }();
  return out;
}

// The untrusted region [start, end) of the public values.
constexpr std::array<uint64_t, 2> kRegion{0x1000'0000, 0x2000'0000};

RiscvTraceOptions untrusted_options() {
  RiscvTraceOptions o;
  o.untrusted_programs_enabled = true;
  o.untrusted_memory = kRegion;
  return o;
}

RiscvChipTrace trace_of(PageChip kind, const zkvm::ShardRecord& shard, const RiscvTraceOptions& o) {
  switch (kind) {
    case PageChip::PageProt: return page_prot_trace(shard, o);
    case PageChip::Local: return page_prot_local_trace(shard, o);
    case PageChip::GlobalInit: return page_prot_global_trace(GlobalKind::Initialize, shard, o);
    case PageChip::GlobalFinalize: return page_prot_global_trace(GlobalKind::Finalize, shard, o);
    default: return mprotect_trace(shard, o);
  }
}

// The public values the chips see: untrusted code enabled (or not), the region.
std::vector<Felt> chip_public_values(bool untrusted, std::array<uint64_t, 2> region = kRegion) {
  std::vector<Felt> pv = public_values(untrusted);
  for (size_t i = 0; i < 2; ++i)
    for (size_t k = 0; k < 3; ++k)
      pv[rv::kTrapHandler.untrusted_memory[i][k]] = Felt::from_canonical((region[i] >> (16 * k)) & 0xFFFF);
  return pv;
}

std::optional<air::Violation> violation(const PageCase& c, const RiscvChipTrace& t,
                                        const std::vector<Felt>& pv = chip_public_values(true)) {
  return air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows}, pv);
}

// --- a shard of a program with untrusted code --------------------------------------

constexpr uint64_t kPageA = kRegion[0] >> 12, kPageB = kPageA + 1;
constexpr uint64_t kInitialPageTs = (uint64_t(1) << 24) - 4000;  // below every access, another clk_high for some

// Loads and stores on two read-write pages and the untrusted fetches of their
// instructions, each with its page's record before it; the pages' local records;
// three MPROTECT calls on other pages of the region (their own local records);
// the pages initialized (page 0 among them, as the run's first) and finalized.
struct PageShard {
  zkvm::ShardRecord shard;
  size_t checks = 0;  // PageProt's page checks
};

const PageShard& page_shard() {
  static const PageShard r = [] {
    PageShard out;
    zkvm::ShardRecord& s = out.shard;
    s.public_values.is_untrusted_programs_enabled = 1;
    EventMaker em;
    std::map<uint64_t, PageProtRecord> pages;  // page -> its current record
    std::map<uint64_t, PageProtRecord> first;  // page -> its record before the shard
    const auto touch = [&](uint64_t page, uint8_t prot, uint64_t clk) {
      if (!pages.count(page)) pages[page] = first[page] = {false, kInitialPageTs + page % 7, page, prot};
      const PageProtRecord prev = pages[page];
      pages[page].timestamp = clk;
      return prev;
    };
    const auto fetch = [&] {
      const uint64_t pc = (0x1800'0000 + em.clk / 2) & ~uint64_t(3);  // InstrEvent pcs: untrusted code here
      s.fetch_page_prot.push_back({em.clk, pc, touch(pc >> 12, zkvm::kProtRead | zkvm::kProtExec, em.clk)});
    };
    const auto add = [&](const zkvm::InstrEvent& e) {
      s.memory.push_back(e);
      s.memory_page_prot.push_back(touch(e.memory.addr >> 12, zkvm::kDefaultProt, e.memory.timestamp));
    };
    for (int i = 0; i < 5; ++i) {
      const uint64_t base = (i % 2 ? kPageB : kPageA) << 12;
      fetch();
      add(em.store(Op::sd, 5, 6, base, 8 * i, 0x1111 * uint64_t(i + 1)));
      fetch();
      add(em.load(Op::ld, 7, 6, base, 8 * i));
      fetch();
      add(em.load(i % 2 ? Op::lbu : Op::lw, i == 4 ? 0 : 8, 6, base, i % 2 ? 4 * i + 1 : 4 * i));
      fetch();
      add(em.store(i % 2 ? Op::sh : Op::sb, 9, 6, base, 2 * i, 0xABCD));
    }
    fetch();
    add(em.load(Op::lhu, 10, 6, kPageA << 12, 6));
    for (const auto& [page, rec] : pages) s.page_prot_local.push_back({page, first[page], rec});
    out.checks = s.memory.size() + s.fetch_page_prot.size();
    // MPROTECT calls: read only, read and execute, none; each page's first.
    uint64_t page = kPageA + 16;
    for (const uint8_t prot : {zkvm::kProtRead, uint8_t(zkvm::kProtRead | zkvm::kProtExec), uint8_t(0)}) {
      zkvm::PrecompileEvent call;
      call.syscall.clk = em.clk;
      call.syscall.code = zkvm::sys::MPROTECT;
      call.syscall.arg1 = page << 12;
      call.syscall.arg2 = prot;
      const PageProtRecord before{false, kInitialPageTs + 2, page, zkvm::kDefaultProt};
      call.page_prot_local.push_back({page, before, {false, em.clk, page, prot}});
      s.precompiles.push_back(call);
      em.clk += zkvm::kClkInc + zkvm::kSyscallClkInc;
      page += 3;
    }
    // The run's first initializations (page 0 first, compared with nothing) and a
    // later shard's finalizations after page 3.
    for (const uint64_t p : {kPageB, uint64_t(0), kPageA, uint64_t(1) << 35, uint64_t(17)})
      s.page_prot_initialize.push_back({p, zkvm::kDefaultProt, 0});
    for (const uint64_t p : {kPageA, uint64_t(9), kPageB + 0x12345})
      s.page_prot_finalize.push_back({p, zkvm::kProtRead, em.clk + p % 5});
    s.public_values.previous_finalize_page_idx = 3;
    s.public_values.last_init_page_idx = uint64_t(1) << 35;
    s.public_values.last_finalize_page_idx = kPageB + 0x12345;
    return out;
  }();
  return r;
}

size_t real_rows(PageChip kind) {
  const PageShard& p = page_shard();
  switch (kind) {
    case PageChip::PageProt: return (p.checks + 3) / 4;
    case PageChip::Local: return p.shard.page_prot_local.size() + p.shard.precompiles.size();
    case PageChip::GlobalInit: return p.shard.page_prot_initialize.size();
    case PageChip::GlobalFinalize: return p.shard.page_prot_finalize.size();
    default: return p.shard.precompiles.size();
  }
}

// --- layouts -----------------------------------------------------------------------

TEST(Sp1RiscvPageProt, LayoutsConstraintsAndInteractionsAreSp1s) {
  for (const PageCase& c : cases()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

TEST(Sp1RiscvPageProt, ChipsSitWhereRiscvAirListsThem) {
  for (const Features f : {Features::Default, Features::Mprotect}) {
    const auto chips = riscv_air_chips(f);
    const auto at = [&](std::string_view n) {
      const auto it = std::find_if(chips.begin(), chips.end(), [&](const RiscvAirChip& c) { return c.name == n; });
      EXPECT_TRUE(it != chips.end() && it->chip) << n;
      return it - chips.begin();
    };
    EXPECT_EQ(at("Bn254Fp2MulAssignUser") + 1, at("Mprotect"));
    EXPECT_EQ(at("MemoryBump") + 1, at("PageProt"));
    EXPECT_EQ(at("PageProt") + 1, at("PageProtLocal"));
    EXPECT_EQ(at("PageProtLocal") + 1, at("StateBump"));
    EXPECT_EQ(at("MemoryGlobalFinalize") + 1, at("PageProtGlobalInit"));
    EXPECT_EQ(at("PageProtGlobalInit") + 1, at("PageProtGlobalFinalize"));
    EXPECT_EQ(at("PageProtGlobalFinalize") + 1, at("MemoryLocal"));
  }
}

// --- traces ------------------------------------------------------------------------

TEST(Sp1RiscvPageProt, UntrustedShardSatisfiesEveryConstraintUnderMprotect) {
  const zkvm::ShardRecord& s = page_shard().shard;
  ASSERT_EQ(page_shard().checks % 4, 2u) << "the last PageProt row has free checks";
  for (const PageCase& c : cases()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, s, untrusted_options());
    EXPECT_EQ(t.name, c.chip->name());
    EXPECT_EQ(t.width, c.chip->width());
    EXPECT_GE(real_rows(c.kind), 3u);
    EXPECT_EQ(t.rows, air::padded_height(real_rows(c.kind)));
    const auto v = violation(c, t);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
  }
}

// SP1 pads with zero rows (and leaves a PageProt row's unused checks zero).
TEST(Sp1RiscvPageProt, PaddingRowsAreZero) {
  for (const PageCase& c : cases()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, page_shard().shard, untrusted_options());
    const size_t real = real_rows(c.kind);
    EXPECT_TRUE(std::all_of(t.main.begin() + real * t.width, t.main.end(), [](Felt x) { return x.is_zero(); }));
    EXPECT_TRUE(any_nonzero({t.main.begin() + (real - 1) * t.width, t.main.begin() + real * t.width}));
    // Without records the chip is all padding, which holds.
    const RiscvChipTrace empty = trace_of(c.kind, zkvm::ShardRecord{}, untrusted_options());
    EXPECT_EQ(empty.rows, air::padded_height(0));
    EXPECT_FALSE(any_nonzero(empty.main));
    EXPECT_FALSE(violation(c, empty));
  }
  // The last PageProt row holds the last two checks and two zero ones.
  const auto& entries = rv::PageProtChip<Features::Default>::kMain.page_prot_entries;
  const RiscvChipTrace t = page_prot_trace(page_shard().shard, untrusted_options());
  const size_t last = real_rows(PageChip::PageProt) - 1;
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(t.main[last * t.width + entries[k].is_real], Felt::from_canonical(k < 2));
}

TEST(Sp1RiscvPageProt, DefaultBuildKeepsTheChipsEmpty) {
  for (const PageCase& c : cases()) {
    if (c.features != Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    RiscvTraceOptions o = untrusted_options();
    o.untrusted_memory.reset();
    const auto v = violation(c, trace_of(c.kind, page_shard().shard, o));
    ASSERT_TRUE(v) << "a real row in the default build";
    EXPECT_EQ(v->row, 0u);
    EXPECT_FALSE(violation(c, trace_of(c.kind, zkvm::ShardRecord{}, o)));
  }
  // A program without untrusted code has no rows; records of its pages are refused.
  zkvm::ShardRecord trusted = page_shard().shard;
  trusted.public_values.is_untrusted_programs_enabled = 0;
  EXPECT_EQ(page_prot_trace(trusted).rows, 0u);
  EXPECT_THROW(page_prot_local_trace(trusted), std::invalid_argument);
  EXPECT_THROW(page_prot_global_trace(GlobalKind::Initialize, trusted), std::invalid_argument);
  EXPECT_THROW(page_prot_global_trace(GlobalKind::Finalize, trusted), std::invalid_argument);
  EXPECT_THROW(mprotect_trace(trusted), std::invalid_argument);
  EXPECT_EQ(mprotect_trace(zkvm::ShardRecord{}).rows, 0u);
}

// Both builds assert is_untrusted_programs_enabled = 1 on every row, padding too.
TEST(Sp1RiscvPageProt, BothBuildsCheckTheUntrustedFlag) {
  for (const PageCase& c : cases()) {
    SCOPED_TRACE(name_of(c));
    EXPECT_TRUE(violation(c, trace_of(c.kind, zkvm::ShardRecord{}, untrusted_options()), chip_public_values(false)));
  }
}

const PageCase& mprotect_case() {
  return *std::find_if(cases().begin(), cases().end(), [](const PageCase& c) {
    return c.kind == PageChip::Mprotect && c.features == Features::Mprotect;
  });
}

// Under `mprotect` a call's page must lie in the public values' untrusted region
// and start a page; the rows copy the region.
TEST(Sp1RiscvPageProt, MprotectOutsideTheRegionOrOffAPageBreaksAConstraint) {
  const PageCase& c = mprotect_case();
  const auto with_addr = [](uint64_t addr) {
    zkvm::ShardRecord s = page_shard().shard;
    s.precompiles[1].syscall.arg1 = addr;
    return s;
  };
  for (const uint64_t addr : {kRegion[0] - 0x1000, kRegion[1], kRegion[1] + 0x5000, kRegion[0] + 0x1800}) {
    SCOPED_TRACE(addr);
    const auto v = violation(c, mprotect_trace(with_addr(addr), untrusted_options()));
    ASSERT_TRUE(v);
    EXPECT_EQ(v->row, 1u);
  }
  EXPECT_FALSE(violation(c, mprotect_trace(with_addr(kRegion[0]), untrusted_options())));
  EXPECT_FALSE(violation(c, mprotect_trace(with_addr(kRegion[1] - 0x1000), untrusted_options())));
  // Another region in the public values than the rows'.
  const RiscvChipTrace t = mprotect_trace(page_shard().shard, untrusted_options());
  EXPECT_TRUE(violation(c, t, chip_public_values(true, {kRegion[0], kRegion[1] + 0x1000})));
  // The permissions written are the call's.
  const auto& cols = rv::MprotectChip<Features::Mprotect>::kMain;
  EXPECT_EQ(t.main[1 * t.width + cols.prot], Felt::from_canonical(zkvm::kProtRead | zkvm::kProtExec));
  EXPECT_EQ(t.main[1 * t.width + cols.prot_write], Felt::zero());
}

// --- interactions --------------------------------------------------------------------

// The five chips' traces, and the Global chip's, as a shard's traces under `mprotect`.
ShardTraces page_traces(const zkvm::ShardRecord& s) {
  static const air::ChipModel<rv::GlobalChip> global;
  ShardTraces out;
  out.features = Features::Mprotect;
  for (const PageCase& c : cases()) {
    if (c.features != Features::Mprotect) continue;
    RiscvChipTrace t = trace_of(c.kind, s, untrusted_options());
    out.chips.push_back({c.chip.get(), t.rows, std::move(t.main), {}});
  }
  GlobalTrace g = global_trace(s);
  out.chips.push_back({&global, g.trace.rows, std::move(g.trace.main), {}});
  zkvm::PublicValues pv = s.public_values;
  pv.global_page_prot_init_count = uint32_t(s.page_prot_initialize.size());
  pv.global_page_prot_finalize_count = uint32_t(s.page_prot_finalize.size());
  TrapHandlerValues trap;
  trap.untrusted_memory = kRegion;
  out.public_value_felts = public_values_felts(pv, Features::Mprotect, trap);
  return out;
}

bool balances(const ShardTraces& t, InteractionKind kind) {
  const auto u = unbalanced_kinds(t, random_challenge());
  return std::find(u.begin(), u.end(), kind) == u.end();
}

// The permission records the chips read and write close with PageProtLocal's
// (each page's record before the shard and after it), the global chips' chains with
// the public values' ends; the Global chip carries the local and global records.
TEST(Sp1RiscvPageProt, PageRecordsAndChainsBalance) {
  const ShardTraces t = page_traces(page_shard().shard);
  for (const InteractionKind k : {InteractionKind::PageProtAccess, InteractionKind::PageProtGlobalInitControl,
                                  InteractionKind::PageProtGlobalFinalizeControl}) {
    SCOPED_TRACE(std::string(kind_name(k)));
    EXPECT_TRUE(balances(t, k));
  }
  // Without the MPROTECT calls (whose syscalls the Global chip also carries), the
  // Global chip receives exactly the page chips' messages.
  zkvm::ShardRecord s = page_shard().shard;
  s.precompiles.clear();
  const ShardTraces without_calls = page_traces(s);
  EXPECT_TRUE(balances(without_calls, InteractionKind::Global));
  // A finalization the Global chip carries but no chip sends.
  s.page_prot_finalize.pop_back();
  ShardTraces fewer = page_traces(s);
  fewer.chips.back() = without_calls.chips.back();
  EXPECT_FALSE(balances(fewer, InteractionKind::Global));
  // A load that read its page's permissions from another record than the last.
  s = page_shard().shard;
  s.memory_page_prot[3].timestamp -= 1;
  EXPECT_FALSE(balances(page_traces(s), InteractionKind::PageProtAccess));
  // A finalization whose chain does not end where the public values say.
  s = page_shard().shard;
  s.public_values.last_finalize_page_idx += 1;
  EXPECT_FALSE(balances(page_traces(s), InteractionKind::PageProtGlobalFinalizeControl));
}

TEST(Sp1RiscvPageProt, GlobalMessagesCarryThePageRecords) {
  const zkvm::ShardRecord& s = page_shard().shard;
  std::vector<GlobalEvent> pages;
  for (const GlobalEvent& e : global_events(s))
    if (e.kind == uint8_t(InteractionKind::PageProtAccess)) pages.push_back(e);
  const size_t locals = s.page_prot_local.size() + s.precompiles.size();
  ASSERT_EQ(pages.size(), 2 * locals + s.page_prot_initialize.size() + s.page_prot_finalize.size());
  // The MPROTECT calls' records first: received before, sent after.
  const PageProtLocalEvent& call = s.precompiles[0].page_prot_local[0];
  EXPECT_TRUE(pages[0].is_receive);
  EXPECT_EQ(pages[0].message, (std::array<uint32_t, 8>{uint32_t(call.initial_access.timestamp >> 24),
                                                        uint32_t(call.initial_access.timestamp & 0xFFFFFF),
                                                        uint32_t(call.page_idx & 0xF), uint32_t(call.page_idx >> 4),
                                                        0, zkvm::kDefaultProt, 0, 0}));
  EXPECT_FALSE(pages[1].is_receive);
  EXPECT_EQ(pages[1].message[5], zkvm::kProtRead);
  // Initializations are sent at clock 0 by page index (page 0 first); finalizations received.
  const GlobalEvent& init0 = pages[2 * locals];
  EXPECT_FALSE(init0.is_receive);
  EXPECT_EQ(init0.message, (std::array<uint32_t, 8>{0, 0, 0, 0, 0, zkvm::kDefaultProt, 0, 0}));
  EXPECT_TRUE(pages.back().is_receive);
}

// --- every column, corruption, refusals ------------------------------------------------

// For each column: on some real row, adding a constant to it breaks a constraint or
// changes an interaction; the columns where nothing changes are SP1's free ones.
std::set<size_t> free_columns(const PageCase& c, const RiscvChipTrace& t, size_t real) {
  const std::vector<Felt> pv = chip_public_values(true);
  const Felt delta = Felt::from_canonical(12345);
  std::set<size_t> out;
  for (size_t col = 0; col < t.width; ++col) {
    bool matters = false;
    for (size_t r = 0; r < real && !matters; ++r) {
      std::vector<Felt> row(t.main.begin() + r * t.width, t.main.begin() + (r + 1) * t.width);
      const auto before = c.chip->eval(std::span<const Felt>(row), {}, pv);
      row[col] = row[col] + delta;
      const auto after = c.chip->eval(std::span<const Felt>(row), {}, pv);
      matters = any_nonzero(after.constraints) || !same_interactions(before, after);
    }
    if (!matters) out.insert(col);
  }
  return out;
}

TEST(Sp1RiscvPageProt, EveryColumnMattersWhereSp1s) {
  for (const PageCase& c : cases()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c.kind, page_shard().shard, untrusted_options());
    // The initialization's clock: sent to the Global chip as 0, constrained nowhere.
    const auto& g = Init<Features::Mprotect>::kMain;
    const std::set<size_t> free =
        c.kind == PageChip::GlobalInit ? std::set<size_t>{g.clk_high, g.clk_low} : std::set<size_t>{};
    EXPECT_EQ(free_columns(c, t, real_rows(c.kind)), free);
  }
}

// The first broken constraint among the chips (the hand-made shard's public values
// are not a whole run's, so theirs are not checked): its chip and row.
std::optional<std::pair<std::string, size_t>> first_chip_violation(const ShardTraces& t) {
  for (const ShardChipTrace& c : t.chips)
    if (const auto v = air::first_violation(*c.chip, c.view(), t.public_value_felts))
      return std::pair{std::string(c.chip->name()), v->row};
  return std::nullopt;
}

// One main cell of chip `name` raised by 3 on `row`: the check must report that chip and row.
void expect_found(const ShardTraces& good, std::string_view name, size_t column, std::optional<size_t> row = {}) {
  ShardTraces t = good;
  ShardChipTrace& c = chip_in(t, name);
  const size_t r = row.value_or(c.rows - 1), cell = r * c.chip->width() + column;
  SCOPED_TRACE(std::string(name) + " row " + std::to_string(r));
  c.main[cell] = c.main[cell] + Felt::from_canonical(3);
  const auto v = first_chip_violation(t);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->first, name);
  EXPECT_EQ(v->second, r);
}

TEST(Sp1RiscvPageProt, CorruptedCellIsFoundAtItsChipAndRow) {
  const ShardTraces good = page_traces(page_shard().shard);
  ASSERT_FALSE(first_chip_violation(good));
  const auto is_real = [](PageChip kind) -> size_t {
    switch (kind) {
      case PageChip::PageProt: return rv::PageProtChip<Features::Mprotect>::kMain.page_prot_entries[2].is_real;
      case PageChip::Local: return rv::PageProtLocalChip<Features::Mprotect>::kMain.is_real;
      case PageChip::GlobalInit: return Init<Features::Mprotect>::kMain.is_real;
      case PageChip::GlobalFinalize: return Finalize<Features::Mprotect>::kMain.is_real;
      default: return rv::MprotectChip<Features::Mprotect>::kMain.is_real;
    }
  };
  for (const PageCase& c : cases()) {
    if (c.features != Features::Mprotect) continue;
    expect_found(good, c.chip->name(), is_real(c.kind), 1);  // a real row
    expect_found(good, c.chip->name(), is_real(c.kind));     // the last padding row
  }
  // A timestamp difference off on PageProt's second row.
  const auto& ts = rv::PageProtChip<Features::Mprotect>::kMain.page_prot_entries[1].page_prot_op.page_prot_access;
  expect_found(good, "PageProt", ts.access_timestamp.diff_low_limb, 1);
}

TEST(Sp1RiscvPageProt, RecordsTheChipsCannotProveAreRefused) {
  const RiscvTraceOptions o = untrusted_options();
  zkvm::ShardRecord s = page_shard().shard;
  s.memory_page_prot.pop_back();
  EXPECT_THROW(page_prot_trace(s, o), std::invalid_argument);
  s = page_shard().shard;
  s.memory_page_prot[2].timestamp = s.memory[2].clk + 1;
  EXPECT_THROW(page_prot_trace(s, o), std::invalid_argument);
  s = page_shard().shard;
  s.precompiles[0].page_prot_local.push_back(s.precompiles[0].page_prot_local[0]);
  EXPECT_THROW(mprotect_trace(s, o), std::invalid_argument);
  s = page_shard().shard;
  s.page_prot_finalize.push_back(s.page_prot_finalize[0]);
  EXPECT_THROW(page_prot_global_trace(GlobalKind::Finalize, s, o), std::invalid_argument);
  s = page_shard().shard;
  s.page_prot_initialize.push_back({uint64_t(1) << 36, zkvm::kDefaultProt, 0});
  EXPECT_THROW(page_prot_global_trace(GlobalKind::Initialize, s, o), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
