// SP1's RISC-V load and store chips (sp1/air/riscv/{loads,stores}.hpp) and their
// trace generation (sp1/riscv/memory_traces): SP1's column and constraint counts
// and interaction order, traces from hand-made events (every size at every
// aligned offset, addresses at the bounds, words stored then loaded, loads into
// x0, accesses across a change of clk_high) and from real guests satisfy every
// constraint, padding rows included, and every column matters.
#include <gtest/gtest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "riscv_chip_harness.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/loads.hpp"
#include "sp1/air/riscv/stores.hpp"
#include "sp1/riscv/memory_traces.hpp"
#include "zkvm/shard_costs.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using MemoryCase = ChipCase<MemoryChipKind>;

const std::vector<Op> kLoads{Op::lb, Op::lbu, Op::lh, Op::lhu, Op::lw, Op::lwu, Op::ld};
const std::vector<Op> kStores{Op::sb, Op::sh, Op::sw, Op::sd};

unsigned access_size(Op op) {
  switch (op) {
    case Op::lb: case Op::lbu: case Op::sb: return 1;
    case Op::lh: case Op::lhu: case Op::sh: return 2;
    case Op::lw: case Op::lwu: case Op::sw: return 4;
    default: return 8;
  }
}

// Stores of edge values of every size at every aligned offset, each word loaded
// back by every load at every aligned offset; words at the address bounds (2^16
// and just below 2^48) and with negative offsets; stores of x0 and loads into x0
// of every size; a word never stored (its initial 0); enough accesses to carry
// the clock past 2^24 (EventMaker starts just below).
std::vector<InstrEvent> edge_events() {
  EventMaker m;
  std::vector<InstrEvent> out;
  const std::vector<uint64_t> values = {0, 1, ~uint64_t(0), uint64_t(1) << 63, 0x8000'8080'8000'0080,
                                        0x1234'5678'9abc'def0};
  const std::vector<std::pair<uint64_t, int64_t>> places = {
      {0x1'0000, 0}, {0x1'0800, -2048}, {0xffff'ffff'fff8, 0}, {0xffff'ffff'f800, 2040}, {0x2000'0000, 8},
      {0x7fff'0000'0000, 0}, {0x1234'5678, 0x7f8}};
  size_t k = 0;
  for (const auto& [base, imm] : places)
    for (Op st : kStores)
      for (uint64_t offset = 0; offset < 8; offset += access_size(st)) {
        out.push_back(m.store(st, unsigned(5 + k % 3), 2, base, imm + int64_t(offset), values[k % values.size()]));
        ++k;
        for (Op ld : kLoads)
          for (uint64_t at = 0; at < 8; at += access_size(ld))
            out.push_back(m.load(ld, unsigned(8 + k % 5), 3, base, imm + int64_t(at)));
      }
  for (Op st : kStores) out.push_back(m.store(st, 0, 2, 0x3000'0000, 0, 0));  // x0
  for (Op ld : kLoads)
    for (uint64_t at = 0; at < 8; at += access_size(ld)) out.push_back(m.load(ld, 0, 2, 0x3000'0000, int64_t(at)));
  out.push_back(m.load(Op::ld, 9, 2, 0x4000'0000, 0));
  return out;
}

// Column counts (memory/instructions/{load,store}/*.rs): the frame CPUState 6 +
// ITypeReader 19 + AddressOperation (AddrAddOperation 3, top_two_limb_inv) 4 +
// MemoryAccessCols (prev_value 4, MemoryAccessTimestamp 5) 9 = 38, and each chip's
// own (loads.hpp, stores.hpp). Constraints: the frame's AddressOperation 10 (is_real
// and 3 offset bits, AddrAdd's is_real and 4 carries, the inverse), memory access 4
// (do_check, compare_low, equal highs, the difference), CPUState 1, ITypeReader 7
// (is_real, 4 op_a_0 word limbs, 2 register do_checks) = 22, plus: LoadByte 2 flags
// + is_real, op_a_0, 4 limb selections, the byte, LBU's msb = 10; LoadHalf and
// LoadWord the same with the msb operation's 2 for the byte = 11; LoadDouble is_real
// and op_a_0; LoadX0 8 flags, 3 alignments, 2 op_a_0 = 13; StoreByte is_real, 4
// selections, the increment, 4 store limbs = 10; StoreHalf, StoreWord is_real and 4
// store limbs; StoreDouble is_real. All as SP1's rv64im_complexity.json has them.
// Sends: the address's 3 u16 limbs and 13-bit quotient, the timestamp's 2 limbs and
// the previous word, the chip's own lookups, the state and its 2 byte checks, [User:
// the fetch and the PageProt lookup,] the program, registers a and b (2 timestamp
// limbs and the previous value each). Receives: the word as accessed, the state,
// registers a and b.
std::vector<MemoryCase> chips() {
  std::vector<MemoryCase> out;
  const std::string head = "BBBBBBM", tail = "SBBPBBMBBM", receives = "MSMM";
  add_chip<rv::LoadByteChip>(out, MemoryChipKind::LoadByte, 47, 32, head + "BB" + tail, receives, 0, 0, "R");
  add_chip<rv::LoadHalfChip>(out, MemoryChipKind::LoadHalf, 44, 33, head + "B" + tail, receives, 0, 0, "R");
  add_chip<rv::LoadWordChip>(out, MemoryChipKind::LoadWord, 44, 33, head + "B" + tail, receives, 0, 0, "R");
  add_chip<rv::LoadDoubleChip>(out, MemoryChipKind::LoadDouble, 39, 24, head + tail, receives, 0, 0, "R");
  add_chip<rv::LoadX0Chip>(out, MemoryChipKind::LoadX0, 48, 35, head + tail, receives, 0, 0, "R");
  add_chip<rv::StoreByteChip>(out, MemoryChipKind::StoreByte, 50, 32, head + "BB" + tail, receives, 0, 0, "R");
  add_chip<rv::StoreHalfChip>(out, MemoryChipKind::StoreHalf, 45, 27, head + tail, receives, 0, 0, "R");
  add_chip<rv::StoreWordChip>(out, MemoryChipKind::StoreWord, 44, 27, head + tail, receives, 0, 0, "R");
  add_chip<rv::StoreDoubleChip>(out, MemoryChipKind::StoreDouble, 39, 23, head + tail, receives, 0, 0, "R");
  return out;
}

TEST(Sp1RiscvMemory, LayoutsAndInteractionsAreSp1s) {
  for (const MemoryCase& c : chips()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// SP1 ships each chip's width as its cost per row (rv64im_costs.json, which the
// shard cutter reads through zkvm::shard_costs).
TEST(Sp1RiscvMemory, WidthsAreSp1sCosts) {
  using zkvm::shard_costs::Air;
  const std::map<MemoryChipKind, Air> air{
      {MemoryChipKind::LoadByte, Air::LoadByte},     {MemoryChipKind::LoadHalf, Air::LoadHalf},
      {MemoryChipKind::LoadWord, Air::LoadWord},     {MemoryChipKind::LoadDouble, Air::LoadDouble},
      {MemoryChipKind::LoadX0, Air::LoadX0},         {MemoryChipKind::StoreByte, Air::StoreByte},
      {MemoryChipKind::StoreHalf, Air::StoreHalf},   {MemoryChipKind::StoreWord, Air::StoreWord},
      {MemoryChipKind::StoreDouble, Air::StoreDouble}};
  for (const MemoryCase& c : chips())
    if (c.mode == TrustMode::Supervisor) {
      SCOPED_TRACE(name_of(c));
      EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(air.at(c.kind)));
    }
}

TEST(Sp1RiscvMemory, NamesAreRiscvAirs) {
  EXPECT_STREQ((rv::LoadDoubleChip<TrustMode::Supervisor, Features::Default>::kName), "LoadDouble");
  EXPECT_STREQ((rv::LoadDoubleChip<TrustMode::User, Features::Mprotect>::kName), "LoadDoubleUser");
  EXPECT_STREQ((rv::StoreDoubleChip<TrustMode::Supervisor, Features::Mprotect>::kName), "StoreDouble");
  EXPECT_STREQ((rv::StoreDoubleChip<TrustMode::User, Features::Default>::kName), "StoreDoubleUser");
  EXPECT_STREQ((rv::LoadX0Chip<TrustMode::Supervisor, Features::Default>::kName), "LoadX0");
  EXPECT_STREQ((rv::LoadByteChip<TrustMode::User, Features::Default>::kName), "LoadByteUser");
  EXPECT_STREQ((rv::StoreByteChip<TrustMode::Supervisor, Features::Default>::kName), "StoreByte");
}

TEST(Sp1RiscvMemory, EventsGoWhereSp1FilesThem) {
  EventMaker m;
  const std::vector<std::pair<Op, MemoryChipKind>> expected{
      {Op::lb, MemoryChipKind::LoadByte},   {Op::lbu, MemoryChipKind::LoadByte},  {Op::lh, MemoryChipKind::LoadHalf},
      {Op::lhu, MemoryChipKind::LoadHalf},  {Op::lw, MemoryChipKind::LoadWord},   {Op::lwu, MemoryChipKind::LoadWord},
      {Op::ld, MemoryChipKind::LoadDouble}};
  for (const auto& [op, kind] : expected) {
    EXPECT_EQ(memory_chip_of(m.load(op, 1, 2, 0x1'0000, 0)), kind) << int(op);
    EXPECT_EQ(memory_chip_of(m.load(op, 0, 2, 0x1'0000, 0)), MemoryChipKind::LoadX0) << int(op);
  }
  EXPECT_EQ(memory_chip_of(m.store(Op::sb, 0, 2, 0x1'0000, 0, 0)), MemoryChipKind::StoreByte);
  EXPECT_EQ(memory_chip_of(m.store(Op::sh, 1, 2, 0x1'0000, 0, 0)), MemoryChipKind::StoreHalf);
  EXPECT_EQ(memory_chip_of(m.store(Op::sw, 1, 2, 0x1'0000, 0, 0)), MemoryChipKind::StoreWord);
  EXPECT_EQ(memory_chip_of(m.store(Op::sd, 0, 2, 0x1'0000, 0, 0)), MemoryChipKind::StoreDouble);
  EXPECT_THROW(memory_chip_of(m.make(Op::add, 1, 2, 3, 0, 0, 0)), std::invalid_argument);
}

RiscvChipTrace trace_of(const MemoryCase& c, const std::vector<InstrEvent>& events) {
  return mode_trace(c, events, memory_trace);
}

void expect_satisfied(const std::vector<InstrEvent>& events, size_t min_rows_each) {
  test_support::expect_satisfied(chips(), events, min_rows_each, memory_trace);
}

TEST(Sp1RiscvMemory, EdgeValueTracesSatisfyEveryConstraint) {
  const auto events = edge_events();
  size_t high_compares = 0;
  for (const InstrEvent& e : events) high_compares += (e.memory.prev_timestamp >> 24) != (e.memory.timestamp >> 24);
  EXPECT_GT(high_compares, 0u);  // some accesses compare the high clock parts
  expect_satisfied(events, 4);
}

TEST(Sp1RiscvMemory, PaddingRowsSatisfyEveryConstraint) { expect_satisfied({}, 0); }

TEST(Sp1RiscvMemory, GuestTracesSatisfyEveryConstraint) {
  std::map<MemoryChipKind, size_t> rows;
  for (const GuestEvents& g : guests()) {
    const std::vector<InstrEvent>& events = g.memory;
    ASSERT_GT(events.size(), 100u);
    expect_satisfied(events, 0);
    for (const MemoryCase& c : chips()) rows[c.kind] += events_of(c.kind, events).size();
  }
  // Every chip sees real rows from the guests, except LoadX0 (compilers do not load
  // into x0; the hand-made events cover it).
  for (const auto& [kind, n] : rows)
    if (kind != MemoryChipKind::LoadX0) {
      EXPECT_GT(n, 0u) << "chip " << int(kind);
    }
}

TEST(Sp1RiscvMemory, DefaultBuildKeepsUserChipsEmpty) {
  expect_default_build_keeps_user_chips_empty(chips(), edge_events(), memory_trace);
}

TEST(Sp1RiscvMemory, MprotectBuildChecksTheUntrustedFlag) {
  expect_mprotect_build_checks_the_untrusted_flag(chips(), edge_events(), memory_trace);
}

TEST(Sp1RiscvMemory, EveryColumnMatters) {
  const auto events = edge_events();
  for (const MemoryCase& c : chips()) {
    if (c.mode == TrustMode::User && c.features == Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters(c, trace_of(c, events), events_of(c.kind, events).size());
  }
}

// An address below 2^16 has no inverse for its upper limbs; records out of time
// order are refused.
TEST(Sp1RiscvMemory, BadAccessesAreRefused) {
  EventMaker m;
  const std::vector<InstrEvent> low{m.load(Op::ld, 1, 2, 0xfff8, 0)};
  EXPECT_THROW(memory_trace(MemoryChipKind::LoadDouble, low), std::invalid_argument);
  auto events = edge_events();
  events[1].memory.prev_timestamp = events[1].memory.timestamp;
  EXPECT_THROW(memory_trace(memory_chip_of(events[1]), events), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
