// SP1's RISC-V control-flow and U-type chips (sp1/air/riscv/{utype,branch,jump}.hpp)
// and their trace generation (sp1/riscv/control_traces): each chip's column count
// is SP1's, its interactions have SP1's kinds, order and arities, its constraint
// count follows SP1's eval; traces from real guests' events (fibonacci, loop,
// sha2, keccak) and from hand-made events at edge values (taken and not-taken
// branches of each kind, negative offsets, far targets, x0 destinations) satisfy
// every constraint (padding rows included); a wrong outcome breaks one; and every
// column matters.
#include <gtest/gtest.h>

#include <limits>
#include <map>
#include <string>
#include <vector>

#include "riscv_chip_harness.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/branch.hpp"
#include "sp1/air/riscv/jump.hpp"
#include "sp1/air/riscv/utype.hpp"
#include "sp1/riscv/control_traces.hpp"
#include "zkvm/shard_costs.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using ControlCase = ChipCase<ControlChipKind>;

// --- hand-made events -----------------------------------------------------------

const std::vector<uint64_t> kEdge = {0,
                                     1,
                                     ~uint64_t(0),
                                     uint64_t(std::numeric_limits<int64_t>::min()),
                                     uint64_t(std::numeric_limits<int64_t>::max()),
                                     0x7fff'ffff,
                                     0x8000'0000,
                                     0xffff'ffff,
                                     0x1'0000,
                                     0x1234'5678'9abc'def0};

// The RISC-V outcome of a branch (the reference the traces are checked against).
bool taken(Op op, uint64_t a, uint64_t b) {
  switch (op) {
    case Op::beq: return a == b;
    case Op::bne: return a != b;
    case Op::blt: return int64_t(a) < int64_t(b);
    case Op::bge: return int64_t(a) >= int64_t(b);
    case Op::bltu: return a < b;
    case Op::bgeu: return a >= b;
    default: throw std::invalid_argument("not a branch");
  }
}

constexpr std::array<Op, 6> kBranches{Op::beq, Op::bne, Op::blt, Op::bge, Op::bltu, Op::bgeu};

// pcs at limb boundaries (4-aligned, below 2^48) and offsets that carry or borrow
// across them.
const std::vector<uint64_t> kPcs = {0x2000'0000, 0xfffc, 0x1'0000, 0x1'0000'0000, 0x7fff'ffff'fff0};

std::vector<InstrEvent> edge_events() {
  EventMaker m;
  std::vector<InstrEvent> out;
  // Every pair of edge values through each branch kind, taken or not, with
  // forward and backward offsets.
  size_t n = 0;
  for (Op op : kBranches)
    for (uint64_t a : kEdge)
      for (uint64_t b : kEdge) {
        const int64_t offset = std::array<int64_t, 4>{8, -16, 4092, -4096}[n % 4];
        const uint64_t pc = kPcs[n++ % kPcs.size()];
        out.push_back(m.branch(op, pc, 5, 6, a, b, offset, taken(op, a, b)));
      }
  // Branches on x0 (op_a_0), and rs1 = rs2.
  for (Op op : kBranches) {
    out.push_back(m.branch(op, 0x1'0000, 0, 7, 0, ~uint64_t(0), -4, taken(op, 0, ~uint64_t(0))));
    out.push_back(m.branch(op, 0x1'0000, 0, 0, 0, 0, 12, taken(op, 0, 0)));
    out.push_back(m.branch(op, 0xfffc, 9, 9, 42, 42, 4, taken(op, 42, 42)));
  }
  // JAL: short and the longest offsets both ways, across limbs, linking or not.
  for (uint64_t pc : kPcs)
    for (int64_t offset : {int64_t(4), int64_t(-4), int64_t((1 << 20) - 4), int64_t(-(1 << 20)), int64_t(0)})
      for (unsigned rd : {1u, 0u})
        if (pc + uint64_t(offset) < (uint64_t(1) << 48)) out.push_back(m.jal(pc, rd, offset));
  // JALR: targets with bit 0 set (cleared by the jump), negative immediates,
  // far targets, rd = rs1, rd = x0.
  const std::vector<std::pair<uint64_t, int64_t>> jalr_targets = {
      {0x1000, 0},         {0x1000, 1},        {0x2000'0800, -2048},     {0x2000'0000, 2044},
      {0x1'0000'0000, -4}, {0x1'0000'0000, -3}, {0xfff0, 16},            {0x7fff'ffff'fff0, 13},
      {0x4, -4},           {0x7fff'ffff'f7fd, 2047}};
  for (const auto& [base, imm] : jalr_targets)
    for (unsigned rd : {1u, 0u, 8u}) out.push_back(m.jalr(0x2000'0000, rd, 8, base, imm));
  // LUI and AUIPC: immediates with the sign bit set and clear, pcs across limbs.
  for (uint64_t imm : {uint64_t(0), uint64_t(0x1000), uint64_t(0x7fff'f000), uint64_t(0xffff'ffff'8000'0000),
                       uint64_t(0xffff'ffff'ffff'f000)})
    for (uint64_t pc : kPcs)
      for (unsigned rd : {3u, 0u}) {
        out.push_back(m.utype(Op::lui, pc, rd, imm));
        out.push_back(m.utype(Op::auipc, pc, rd, imm));
      }
  return out;
}

// --- the chips ---------------------------------------------------------------------

// Column counts derived from SP1's structs (NUM_*_COLS_SUPERVISOR =
// size_of::<*Columns<u8, SupervisorMode>>()): CPUState 6; JTypeReader
// (adapter/register/j_type.rs) 1+6+1+4+4 = 16; ITypeReader 19; AddOperation 4;
// LtOperationSigned 10.
// Constraints counted from the evals (CPUState 1, JTypeReader 6 = is_real bit +
// 4 op_a_0 word + do_check bit, ITypeReader 7, AddOperation 5):
//   UType  (utype/mod.rs): 2 bits, CPUState, 4 addend limbs, op_a_0 on padding,
//          AddOperation, JTypeReader = 19
//   Branch (control_flow/branch/air.rs): 6 flags + is_real bit, CPUState,
//          ITypeReader, LtOperationSigned 24, is_branching bit and value, 2 x 4
//          carries = 49
//   Jal    (control_flow/jal/air.rs): is_real, AddOperation, next_pc[3], CPUState,
//          op_a_0 on padding, AddOperation, value[3], 3 x0 limbs, JTypeReader = 24
//   Jalr   (control_flow/jalr/air.rs): is_real, AddOperation, next_pc[3], lsb bit,
//          CPUState, ITypeReader, op_a_0 on padding, AddOperation, value[3], 3 x0
//          limbs = 26
// Interactions: B Byte, S State, P Program, F InstructionFetch, M Memory.
std::vector<ControlCase> chips() {
  std::vector<ControlCase> out;
  add_chip<rv::UTypeChip>(out, ControlChipKind::UType, 6 + 16 + 3 + 4 + 1 + 1, 19, "SBBBBBBPBBM", "SM");
  add_chip<rv::BranchChip>(out, ControlChipKind::Branch, 6 + 19 + 3 + 6 + 1 + 10, 49, "SBBPBBMBBMBBBBBB", "SMM");
  add_chip<rv::JalChip>(out, ControlChipKind::Jal, 6 + 16 + 4 + 4 + 1, 24, "BBBBBSBBBBBBPBBM", "SM");
  add_chip<rv::JalrChip>(out, ControlChipKind::Jalr, 6 + 19 + 1 + 4 + 4 + 1, 26, "BBBBBSBBPBBMBBMBBBB", "SMM");
  return out;
}

TEST(Sp1RiscvControl, LayoutsAndInteractionsAreSp1s) {
  for (const ControlCase& c : chips()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// SP1 ships each chip's width as its cost per row (rv64im_costs.json, which the
// shard cutter reads through zkvm::shard_costs).
TEST(Sp1RiscvControl, WidthsAreSp1sCosts) {
  using zkvm::shard_costs::Air;
  const std::map<ControlChipKind, Air> air{{ControlChipKind::UType, Air::UType},
                                           {ControlChipKind::Branch, Air::Branch},
                                           {ControlChipKind::Jal, Air::Jal},
                                           {ControlChipKind::Jalr, Air::Jalr}};
  for (const ControlCase& c : chips())
    if (c.mode == TrustMode::Supervisor) {
      SCOPED_TRACE(name_of(c));
      EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(air.at(c.kind)));
    }
}

TEST(Sp1RiscvControl, NamesAreRiscvAirs) {
  EXPECT_STREQ((rv::UTypeChip<TrustMode::Supervisor, Features::Default>::kName), "UType");
  EXPECT_STREQ((rv::UTypeChip<TrustMode::User, Features::Mprotect>::kName), "UTypeUser");
  EXPECT_STREQ((rv::BranchChip<TrustMode::Supervisor, Features::Mprotect>::kName), "Branch");
  EXPECT_STREQ((rv::BranchChip<TrustMode::User, Features::Default>::kName), "BranchUser");
  EXPECT_STREQ((rv::JalChip<TrustMode::Supervisor, Features::Default>::kName), "Jal");
  EXPECT_STREQ((rv::JalChip<TrustMode::User, Features::Default>::kName), "JalUser");
  EXPECT_STREQ((rv::JalrChip<TrustMode::Supervisor, Features::Default>::kName), "Jalr");
  EXPECT_STREQ((rv::JalrChip<TrustMode::User, Features::Mprotect>::kName), "JalrUser");
}

TEST(Sp1RiscvControl, EventsGoWhereSp1FilesThem) {
  EventMaker m;
  EXPECT_EQ(control_chip_of(m.branch(Op::bgeu, 0x1000, 1, 2, 0, 0, 8, true)), ControlChipKind::Branch);
  EXPECT_EQ(control_chip_of(m.jal(0x1000, 0, 8)), ControlChipKind::Jal);
  EXPECT_EQ(control_chip_of(m.jalr(0x1000, 0, 1, 0x2000, 0)), ControlChipKind::Jalr);
  EXPECT_EQ(control_chip_of(m.utype(Op::lui, 0x1000, 0, 0x1000)), ControlChipKind::UType);
  EXPECT_EQ(control_chip_of(m.utype(Op::auipc, 0x1000, 4, 0x1000)), ControlChipKind::UType);
  EXPECT_THROW(control_chip_of(m.make(Op::add, 1, 2, 3, 0, 0, 0)), std::invalid_argument);
  EXPECT_THROW(control_trace(ControlChipKind::Jal, std::vector{m.make(Op::add, 1, 2, 3, 0, 0, 0)}),
               std::invalid_argument);
}

RiscvChipTrace trace_of(const ControlCase& c, const std::vector<InstrEvent>& events) {
  return mode_trace(c, events, control_trace);
}

void expect_satisfied(const std::vector<InstrEvent>& events, size_t min_rows_each) {
  test_support::expect_satisfied(chips(), events, min_rows_each, control_trace);
}

TEST(Sp1RiscvControl, EdgeValueTracesSatisfyEveryConstraint) {
  const auto events = edge_events();
  size_t taken_branches = 0, branches = 0;
  for (const InstrEvent& e : events)
    if (control_chip_of(e) == ControlChipKind::Branch) {
      ++branches;
      taken_branches += e.next_pc != e.pc + 4;
    }
  EXPECT_GT(taken_branches, 100u);
  EXPECT_GT(branches - taken_branches, 100u);
  expect_satisfied(events, 30);
}

// A shard without events still has SP1's 16 padding rows, all zero.
TEST(Sp1RiscvControl, PaddingRowsSatisfyEveryConstraint) { expect_satisfied({}, 0); }

TEST(Sp1RiscvControl, GuestTracesSatisfyEveryConstraint) {
  std::map<ControlChipKind, size_t> rows;
  for (const GuestEvents& g : guests()) {
    std::vector<InstrEvent> events = g.branch;
    events.insert(events.end(), g.jump.begin(), g.jump.end());
    events.insert(events.end(), g.utype.begin(), g.utype.end());
    ASSERT_GT(events.size(), 100u);
    expect_satisfied(events, 0);
    for (const ControlCase& c : chips()) rows[c.kind] += events_of(c.kind, events).size();
  }
  for (const auto& [kind, n] : rows) EXPECT_GT(n, 0u) << "chip " << int(kind);
}

TEST(Sp1RiscvControl, DefaultBuildKeepsUserChipsEmpty) {
  expect_default_build_keeps_user_chips_empty(chips(), edge_events(), control_trace);
}

TEST(Sp1RiscvControl, MprotectBuildChecksTheUntrustedFlag) {
  expect_mprotect_build_checks_the_untrusted_flag(chips(), edge_events(), control_trace);
}

const ControlCase& supervisor_case(ControlChipKind kind) {
  static const std::vector<ControlCase> all = chips();
  for (const ControlCase& c : all)
    if (c.kind == kind && c.mode == TrustMode::Supervisor && c.features == Features::Default) return c;
  throw std::logic_error("no such chip case");
}

// A branch that goes the other way breaks a constraint (the outcome columns come
// from the operands, the next pc from the event).
TEST(Sp1RiscvControl, BranchesTheOtherWayBreakConstraints) {
  const auto good = edge_events();
  const ControlCase& c = supervisor_case(ControlChipKind::Branch);
  size_t tried = 0;
  for (size_t i = 0; i < good.size(); i += 7) {
    if (control_chip_of(good[i]) != ControlChipKind::Branch || good[i].c == 4) continue;
    auto events = good;
    InstrEvent& e = events[i];
    e.next_pc = e.next_pc == e.pc + 4 ? e.pc + e.c : e.pc + 4;
    EXPECT_TRUE(check(c, trace_of(c, events))) << "event " << i;
    ++tried;
  }
  EXPECT_GT(tried, 50u);
}

// A jump elsewhere (the target 4 further, still aligned) or a wrong link value
// breaks a constraint.
TEST(Sp1RiscvControl, JumpsElsewhereBreakConstraints) {
  const auto events = edge_events();
  for (ControlChipKind kind : {ControlChipKind::Jal, ControlChipKind::Jalr}) {
    const ControlCase& c = supervisor_case(kind);
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace good = trace_of(c, events);
    const size_t real = events_of(kind, events).size();
    const auto target = kind == ControlChipKind::Jal ? detail::kMap<rv::JalCols>.add_operation.value[0]
                                                     : detail::kMap<rv::JalrCols>.add_operation.value[0];
    const auto link = kind == ControlChipKind::Jal ? detail::kMap<rv::JalCols>.op_a_operation.value[0]
                                                   : detail::kMap<rv::JalrCols>.op_a_operation.value[0];
    for (size_t r = 0; r < real; ++r)
      for (size_t col : {target, link}) {
        RiscvChipTrace t = good;
        t.main[r * t.width + col] = t.main[r * t.width + col] + Felt::from_canonical(4);
        EXPECT_TRUE(check(c, t)) << "row " << r << " column " << col;
      }
  }
}

TEST(Sp1RiscvControl, EveryColumnMatters) {
  const auto events = edge_events();
  for (const ControlCase& c : chips()) {
    if (c.mode == TrustMode::User && c.features == Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters(c, trace_of(c, events), events_of(c.kind, events).size());
  }
}

TEST(Sp1RiscvControl, OutOfOrderRecordsAreRefused) {
  auto events = edge_events();
  events[0].ra.prev_timestamp = events[0].ra.timestamp;
  EXPECT_THROW(control_trace(ControlChipKind::Branch, events), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
