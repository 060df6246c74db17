// SP1's RISC-V ALU chips (sp1/air/riscv) and their trace generation
// (sp1/riscv/alu_traces): each chip's column count is SP1's, its interactions
// have SP1's kinds, order and arities, its constraint count follows SP1's eval,
// traces from real guests' events (fibonacci, loop, sha2, keccak) and from
// hand-made events at edge values
// satisfy every constraint (padding rows included), and every column matters:
// changing it on some row breaks a constraint, or (for columns only the
// interactions read) changes an interaction.
#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "riscv_chip_harness.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/add_sub.hpp"
#include "sp1/air/riscv/alu_x0.hpp"
#include "sp1/air/riscv/bitwise.hpp"
#include "sp1/air/riscv/divrem.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/mul.hpp"
#include "sp1/air/riscv/shift_left.hpp"
#include "sp1/air/riscv/shift_right.hpp"
#include "sp1/riscv/alu_traces.hpp"
#include "zkvm/shard_costs.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using namespace test_support;
using AluCase = ChipCase<AluChipKind>;

// --- hand-made events -----------------------------------------------------------

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

uint64_t sext32(uint32_t x) { return uint64_t(int64_t(int32_t(x))); }

// RISC-V's M extension (the unprivileged ISA, "Division Operations"): by zero the
// quotient is all ones and the remainder the dividend; the signed overflow gives
// the dividend and 0; W forms divide the low 32 bits and sign-extend the result.
const std::array<Op, 8> kDivisions{Op::div, Op::divu, Op::rem, Op::remu, Op::divw, Op::divuw, Op::remw, Op::remuw};

uint64_t riscv_div(Op op, uint64_t b, uint64_t c) {
  const int64_t sb = int64_t(b), sc = int64_t(c);
  const int32_t wb = int32_t(uint32_t(b)), wc = int32_t(uint32_t(c));
  const uint32_t ub = uint32_t(b), uc = uint32_t(c);
  switch (op) {
    case Op::div: return c == 0 ? ~uint64_t(0) : (sb == INT64_MIN && sc == -1) ? b : uint64_t(sb / sc);
    case Op::divu: return c == 0 ? ~uint64_t(0) : b / c;
    case Op::rem: return c == 0 ? b : (sb == INT64_MIN && sc == -1) ? 0 : uint64_t(sb % sc);
    case Op::remu: return c == 0 ? b : b % c;
    case Op::divw: return wc == 0 ? ~uint64_t(0) : (wb == INT32_MIN && wc == -1) ? sext32(ub) : sext32(uint32_t(wb / wc));
    case Op::divuw: return uc == 0 ? ~uint64_t(0) : sext32(ub / uc);
    case Op::remw: return wc == 0 ? sext32(ub) : (wb == INT32_MIN && wc == -1) ? 0 : sext32(uint32_t(wb % wc));
    case Op::remuw: return uc == 0 ? sext32(ub) : sext32(ub % uc);
    default: throw std::invalid_argument("not a division");
  }
}

const std::vector<uint64_t> kEdge = {0,
                                     1,
                                     ~uint64_t(0),
                                     uint64_t(std::numeric_limits<int64_t>::min()),
                                     uint64_t(std::numeric_limits<int64_t>::max()),
                                     0x7fff'ffff,
                                     0x8000'0000,
                                     0xffff'ffff,
                                     0x1234'5678'9abc'def0};
const std::vector<uint64_t> kImm = {0, 1, ~uint64_t(0), 2047, uint64_t(-2048)};

// Every pair of edge values through each add/sub form, registers and immediates.
std::vector<InstrEvent> edge_events() {
  EventMaker m;
  std::vector<InstrEvent> out;
  for (uint64_t b : kEdge)
    for (uint64_t c : kEdge) {
      out.push_back(m.make(Op::add, 5, 6, 7, b, c, b + c));
      out.push_back(m.make(Op::sub, 5, 6, 7, b, c, b - c));
      out.push_back(m.make(Op::addw, 8, 6, 7, b, c, sext32(uint32_t(b) + uint32_t(c))));
      out.push_back(m.make(Op::subw, 9, 6, 7, b, c, sext32(uint32_t(b) - uint32_t(c))));
      out.push_back(m.make(Op::xor_, 13, 6, 7, b, c, b ^ c));
      out.push_back(m.make(Op::or_, 13, 6, 7, b, c, b | c));
      out.push_back(m.make(Op::and_, 13, 6, 7, b, c, b & c));
      out.push_back(m.make(Op::slt, 14, 6, 7, b, c, int64_t(b) < int64_t(c)));
      out.push_back(m.make(Op::sltu, 14, 6, 7, b, c, b < c));
      out.push_back(m.make(Op::mul, 16, 6, 7, b, c, b * c));
      out.push_back(m.make(Op::mulh, 16, 6, 7, b, c, uint64_t((i128(int64_t(b)) * i128(int64_t(c))) >> 64)));
      out.push_back(m.make(Op::mulhu, 16, 6, 7, b, c, uint64_t((u128(b) * u128(c)) >> 64)));
      out.push_back(m.make(Op::mulhsu, 16, 6, 7, b, c, uint64_t((i128(int64_t(b)) * i128(u128(c))) >> 64)));
      out.push_back(m.make(Op::mulw, 16, 6, 7, b, c, sext32(uint32_t(b) * uint32_t(c))));
      for (Op op : kDivisions) out.push_back(m.make(op, 17, 6, 7, b, c, riscv_div(op, b, c)));
    }
  // Divisions of random operands of random widths (the fixture guests but rsp never
  // divide): small divisors, remainders of both signs, quotients of every size.
  std::mt19937_64 rng(17);
  const auto operand = [&] { return rng() >> (rng() % 64); };
  for (size_t i = 0; i < 300; ++i) {
    const uint64_t b = rng() % 2 ? operand() : ~operand() + 1, c = rng() % 2 ? operand() : ~operand() + 1;
    const Op op = kDivisions[i % kDivisions.size()];
    out.push_back(m.make(op, 18, 6, 7, b, c, riscv_div(op, b, c)));
  }
  // Shifts by every amount 0..63 (and amounts with high bits set, which a register
  // amount may have) of edge values.
  for (uint64_t b : {uint64_t(0x8123'4567'89ab'cdef), ~uint64_t(0), uint64_t(1), uint64_t(0x7fff'ffff)})
    for (uint64_t amount = 0; amount < 64; ++amount) {
      const uint64_t c = amount | (amount % 7 == 0 ? 0xffff'ff00 : 0);
      const unsigned s = unsigned(amount), w = unsigned(amount & 31);
      out.push_back(m.make(Op::sll, 15, 6, 7, b, c, b << s));
      out.push_back(m.make(Op::srl, 15, 6, 7, b, c, b >> s));
      out.push_back(m.make(Op::sra, 15, 6, 7, b, c, uint64_t(int64_t(b) >> s)));
      out.push_back(m.make(Op::sllw, 15, 6, 7, b, c, sext32(uint32_t(b) << w)));
      out.push_back(m.make(Op::srlw, 15, 6, 7, b, c, sext32(uint32_t(b) >> w)));
      out.push_back(m.make(Op::sraw, 15, 6, 7, b, c, sext32(uint32_t(int32_t(uint32_t(b)) >> w))));
      out.push_back(m.make(Op::slli, 15, 6, -1, b, amount, b << s));
      out.push_back(m.make(Op::srai, 15, 6, -1, b, amount, uint64_t(int64_t(b) >> s)));
      if (amount < 32) {
        out.push_back(m.make(Op::slliw, 15, 6, -1, b, amount, sext32(uint32_t(b) << w)));
        out.push_back(m.make(Op::srliw, 15, 6, -1, b, amount, sext32(uint32_t(b) >> w)));
        out.push_back(m.make(Op::sraiw, 15, 6, -1, b, amount, sext32(uint32_t(int32_t(uint32_t(b)) >> w))));
      }
    }
  for (uint64_t b : kEdge)
    for (uint64_t imm : kImm) {
      out.push_back(m.make(Op::addi, 10, 11, -1, b, imm, b + imm));
      out.push_back(m.make(Op::addiw, 12, 11, -1, b, imm, sext32(uint32_t(b) + uint32_t(imm))));
      out.push_back(m.make(Op::xori, 13, 11, -1, b, imm, b ^ imm));
      out.push_back(m.make(Op::ori, 13, 11, -1, b, imm, b | imm));
      out.push_back(m.make(Op::andi, 13, 11, -1, b, imm, b & imm));
      out.push_back(m.make(Op::slti, 14, 11, -1, b, imm, int64_t(b) < int64_t(imm)));
      out.push_back(m.make(Op::sltiu, 14, 11, -1, b, imm, b < imm));
    }
  // The same register as both operands, and as destination.
  out.push_back(m.make(Op::add, 6, 6, 6, 3, 3, 6));
  out.push_back(m.make(Op::sub, 6, 6, 6, 6, 6, 0));
  // Writes to x0 (AluX0): register and immediate forms of every kind.
  for (Op op : {Op::add, Op::sub, Op::xor_, Op::sltu, Op::sll, Op::sra, Op::mul, Op::mulhsu, Op::divu, Op::remw,
                Op::addw, Op::subw, Op::sllw, Op::srlw, Op::mulw, Op::divuw, Op::addi, Op::addiw, Op::slti, Op::srai,
                Op::slliw, Op::sraiw, Op::andi}) {
    const bool imm = op >= Op::addi;
    for (uint64_t b : {uint64_t(0), ~uint64_t(0)}) {
      out.push_back(m.make(op, 0, 6, imm ? -1 : 7, b, imm ? 5 : 0x8000'0000'0000'0000, 0));
      out.back().op_a_0 = true;
    }
  }
  return out;
}

// --- a real guest's events -------------------------------------------------------

// --- the chips ---------------------------------------------------------------------

// Column counts derived from SP1's structs (crates/core/machine/src/alu/add_sub/*.rs,
// NUM_*_COLS_SUPERVISOR = size_of::<*Cols<u8, SupervisorMode>>()):
//   CPUState (adapter/state.rs) 6; RegisterAccessCols (memory/consistency/columns.rs)
//   4 + 2; RTypeReader 1+6+1+1+6+1+6 = 22; ITypeReader 1+6+1+1+6+4 = 19;
//   ALUTypeReader 1+6+1+1+6+4+6+1 = 26; AddOperation/SubOperation 4;
//   AddwOperation/SubwOperation 2 + U16MSBOperation 1 = 3; is_real 1.
// Constraints counted from the evals: Add = is_real bit 1 + op_a_0 1 + AddOperation
// (is_real bit + 4 carries) 5 + CPUState 1 + RTypeReader (is_real bit, 4 x op_a_0
// word, 3 register do_check bits) 8 = 16.
// Interactions: B Byte, S State, P Program, F InstructionFetch, M Memory.
std::vector<AluCase> chips() {
  std::vector<AluCase> out;
  add_chip<rv::AddChip>(out, AluChipKind::Add, 6 + 22 + 4 + 1, 16, "BBBBSBBPBBMBBMBBM", "SMMM");
  add_chip<rv::AddiChip>(out, AluChipKind::Addi, 6 + 19 + 4 + 1, 15, "BBBBSBBPBBMBBM", "SMM");
  add_chip<rv::AddwChip>(out, AluChipKind::Addw, 6 + 26 + 3 + 1, 21, "BBBSBBPBBMBBMBBM", "SMMM");
  add_chip<rv::SubChip>(out, AluChipKind::Sub, 6 + 22 + 4 + 1, 16, "BBBBSBBPBBMBBMBBM", "SMMM");
  add_chip<rv::SubwChip>(out, AluChipKind::Subw, 6 + 22 + 3 + 1, 16, "BBBSBBPBBMBBMBBM", "SMMM");
  // Bitwise (alu/bitwise/mod.rs): BitwiseU16Operation 4 + 4 + 8. Constraints: 3 flag
  // bits + is_real bit, op_a_0, BitwiseU16Operation's is_real bit, CPUState 1,
  // ALUTypeReader 13 (is_real bit, imm_c on padding, 4 op_a_0, 3 do_check bits, 4 imm copy).
  add_chip<rv::BitwiseChip>(out, AluChipKind::Bitwise, 6 + 26 + 16 + 3, 20, "BBBBBBBBSBBPBBMBBMBBM", "SMMM");
  // Lt (alu/lt/mod.rs): is_slt, is_sltu 2 + LtOperationSigned 8 + 2. Constraints: 3
  // flags, op_a_0, signed 9 (2 bits, padding, 2 x msb's 2, 2 unsigned msbs), unsigned
  // 15 (is_real, 4 flags, sum, 4 limb equalities, 2 comparison limbs, inverse,
  // compare's 2), CPUState 1, ALUTypeReader 13.
  add_chip<rv::LtChip>(out, AluChipKind::Lt, 6 + 26 + 2 + 10, 42, "BBBSBBPBBMBBMBBM", "SMMM");
  // ShiftLeft (alu/sll/mod.rs): a 4, c_bits 6, v 3, shift_u16 4, lower/higher/result
  // limbs 12, sllw_msb 1, 3 flags. Constraints: is_real, 2 flags, 6 bits, 4 x 2
  // shift_u16, their sum, 3 v, 4 limb splits, 4 limb results, 16 SLL and 4 SLLW
  // placements, 2 SLLW sign limbs, msb 2, is_sllw_imm, CPUState, op_a_0, reader 13.
  add_chip<rv::ShiftLeftChip>(out, AluChipKind::ShiftLeft, 6 + 26 + 4 + 6 + 3 + 4 + 12 + 1 + 3, 69,
                              std::string(10, 'B') + "SBBPBBMBBMBBM", "SMMM");
  // ShiftRight (alu/sr/mod.rs): a 4, b_msb, srw_msb, c_bits 6, sra_msb_v0123, v 3,
  // lower/higher/result 12, shift_u16 4, 4 flags, is_w_imm. Constraints: 4 flags +
  // is_real, is_w_imm, 6 bits, 8 shift_u16, sum, 3 v, 4 splits, 4 results, 2 x msb
  // 2, SRL zero msb, sra_msb_v0123, srw msb 2, its zero, 16 + 4 + 2 placements,
  // CPUState, op_a_0, reader 13.
  add_chip<rv::ShiftRightChip>(out, AluChipKind::ShiftRight, 6 + 26 + 4 + 1 + 1 + 6 + 1 + 3 + 12 + 4 + 4 + 1, 78,
                               std::string(12, 'B') + "SBBPBBMBBMBBM", "SMMM");
  // Mul (alu/mul/mod.rs): a 4, MulOperation 45, 5 flags. Constraints: MulOperation
  // 45 (msb 2, 2 sign extensions, 16 carries, 12 result limbs, 11 bits, 2 sign-msb),
  // 5 flags + is_real, CPUState, op_a_0, RTypeReader 8. Sends: 8 U8Range (b, c
  // bytes), 2 MSB, product msb, 16 carry Range, 8 product U8Range.
  add_chip<rv::MulChip>(out, AluChipKind::Mul, 6 + 22 + 4 + 45 + 5, 61, std::string(35, 'B') + "SBBPBBMBBMBBM",
                        "SMMM");
  // DivRem (alu/divrem/mod.rs): 246 columns (divrem.hpp). Constraints: 32 before the
  // products (is_real_not_word, 3 signs, 8 operand extensions, 2 x 10 for
  // quotient_comp / remainder_comp), 2 MulOperation 90, 4 IsEqualWord 72, 11 for
  // overflow, 8 sum limbs, 8 results, 2 remainder signs, IsZeroWord 17, 8 for c = 0,
  // 8 absolute values, 2 AddOperation 10 and 8 zero sums, 2 event flags, 4 max, 1
  // multiplicity, LtOperationUnsigned 15 and its bit, 7 msbs 14, 8 carry bits, 18
  // flags, their sum, CPUState, op_a_0, RTypeReader 8: 348, SP1's DivRem
  // complexity (rv64im_complexity.json; DivRemUser 352). Sends: 2 x 35 for the
  // products, 8 sum limbs, 2 x (4 + 4) absolute values, the comparison's Range, 7
  // msbs, 16 quotient, remainder and product limbs.
  add_chip<rv::DivRemChip>(out, AluChipKind::DivRem, 246, 348, std::string(118, 'B') + "SBBPBBMBBMBBM", "SMMM");
  // AluX0 (alu/alu_x0.rs): opcode, is_real; User adds is_trusted and
  // AluX0OpcodeSelectors (4 fields + 29 selectors). Constraints: is_real bit, 2
  // op_a_0 cases, CPUState 1, ALUTypeReader 13; User: imm_c bit, the default
  // build's is_real = 0 (mprotect: the flag instead), selectors 36 (29 bits, sum
  // bit, 2 sum cases, 4 fields), 3 untrusted-fetch checks.
  add_chip<rv::AluX0Chip>(out, AluChipKind::AluX0, 6 + 26 + 2, 17, "SBBBPBBMBBMBBM", "SMMM", 34 + 1 + 33,
                          17 + 1 + 1 + 36 + 3);
  return out;
}

TEST(Sp1RiscvAlu, LayoutsAndInteractionsAreSp1s) {
  for (const AluCase& c : chips()) {
    SCOPED_TRACE(name_of(c));
    expect_layout_and_interactions(c);
  }
}

// SP1 ships each chip's width as its cost per row (rv64im_costs.json, which the
// shard cutter reads through zkvm::shard_costs).
TEST(Sp1RiscvAlu, WidthsAreSp1sCosts) {
  using zkvm::shard_costs::Air;
  const std::map<AluChipKind, Air> air{
      {AluChipKind::Add, Air::Add},         {AluChipKind::Addw, Air::Addw},       {AluChipKind::Addi, Air::Addi},
      {AluChipKind::Sub, Air::Sub},         {AluChipKind::Subw, Air::Subw},       {AluChipKind::Bitwise, Air::Bitwise},
      {AluChipKind::Mul, Air::Mul},         {AluChipKind::DivRem, Air::DivRem},   {AluChipKind::Lt, Air::Lt},
      {AluChipKind::AluX0, Air::AluX0},     {AluChipKind::ShiftLeft, Air::ShiftLeft},
      {AluChipKind::ShiftRight, Air::ShiftRight}};
  for (const AluCase& c : chips())
    if (c.mode == TrustMode::Supervisor) {
      SCOPED_TRACE(name_of(c));
      EXPECT_EQ(c.chip->width(), zkvm::shard_costs::cost(air.at(c.kind)));
    }
}

TEST(Sp1RiscvAlu, NamesAreRiscvAirs) {
  EXPECT_STREQ((rv::AddChip<TrustMode::Supervisor, Features::Default>::kName), "Add");
  EXPECT_STREQ((rv::AddiChip<TrustMode::User, Features::Mprotect>::kName), "AddiUser");
  EXPECT_STREQ((rv::AddwChip<TrustMode::Supervisor, Features::Mprotect>::kName), "Addw");
  EXPECT_STREQ((rv::SubChip<TrustMode::User, Features::Default>::kName), "SubUser");
  EXPECT_STREQ((rv::SubwChip<TrustMode::Supervisor, Features::Default>::kName), "Subw");
  EXPECT_STREQ((rv::BitwiseChip<TrustMode::User, Features::Mprotect>::kName), "BitwiseUser");
  EXPECT_STREQ((rv::LtChip<TrustMode::Supervisor, Features::Default>::kName), "Lt");
  EXPECT_STREQ((rv::AluX0Chip<TrustMode::User, Features::Default>::kName), "AluX0User");
  EXPECT_STREQ((rv::MulChip<TrustMode::Supervisor, Features::Default>::kName), "Mul");
  EXPECT_STREQ((rv::DivRemChip<TrustMode::User, Features::Mprotect>::kName), "DivRemUser");
  EXPECT_STREQ((rv::ShiftLeftChip<TrustMode::Supervisor, Features::Default>::kName), "ShiftLeft");
  EXPECT_STREQ((rv::ShiftRightChip<TrustMode::User, Features::Default>::kName), "ShiftRightUser");
}

TEST(Sp1RiscvAlu, EventsGoWhereSp1FilesThem) {
  EventMaker m;
  EXPECT_EQ(alu_chip_of(m.make(Op::add, 1, 2, 3, 0, 0, 0)), AluChipKind::Add);
  EXPECT_EQ(alu_chip_of(m.make(Op::addi, 1, 2, -1, 0, 0, 0)), AluChipKind::Addi);
  EXPECT_EQ(alu_chip_of(m.make(Op::addiw, 1, 2, -1, 0, 0, 0)), AluChipKind::Addw);
  EXPECT_EQ(alu_chip_of(m.make(Op::xori, 1, 2, -1, 0, 0, 0)), AluChipKind::Bitwise);
  EXPECT_EQ(alu_chip_of(m.make(Op::sltiu, 1, 2, -1, 0, 0, 0)), AluChipKind::Lt);
  EXPECT_EQ(alu_chip_of(m.make(Op::sraiw, 1, 2, -1, 0, 0, 0)), AluChipKind::ShiftRight);
  EXPECT_EQ(alu_chip_of(m.make(Op::slli, 1, 2, -1, 0, 0, 0)), AluChipKind::ShiftLeft);
  EXPECT_EQ(alu_chip_of(m.make(Op::mulw, 1, 2, 3, 0, 0, 0)), AluChipKind::Mul);
  EXPECT_EQ(alu_chip_of(m.make(Op::remuw, 1, 2, 3, 0, 0, 0)), AluChipKind::DivRem);
  InstrEvent x0 = m.make(Op::sub, 0, 2, 3, 0, 0, 0);
  x0.op_a_0 = true;
  EXPECT_EQ(alu_chip_of(x0), AluChipKind::AluX0);
  InstrEvent load = x0;
  load.opcode = Op::ld;
  EXPECT_THROW(alu_chip_of(load), std::invalid_argument);
}

RiscvChipTrace trace_of(const AluCase& c, const std::vector<InstrEvent>& events) {
  return mode_trace(c, events, alu_trace);
}

void expect_satisfied(const std::vector<InstrEvent>& events, size_t min_rows_each) {
  test_support::expect_satisfied(chips(), events, min_rows_each, alu_trace);
}

TEST(Sp1RiscvAlu, EdgeValueTracesSatisfyEveryConstraint) { expect_satisfied(edge_events(), 45); }

// A shard without events still has SP1's 16 padding rows (the shift chips' are
// not zero: their v columns hold 2^0 and 2^16).
TEST(Sp1RiscvAlu, PaddingRowsSatisfyEveryConstraint) { expect_satisfied({}, 0); }

TEST(Sp1RiscvAlu, GuestTracesSatisfyEveryConstraint) {
  std::map<AluChipKind, size_t> rows;
  for (const GuestEvents& g : guests()) {
    const std::vector<InstrEvent>& events = g.alu;
    ASSERT_GT(events.size(), 100u);
    expect_satisfied(events, 0);
    for (const AluCase& c : chips()) rows[c.kind] += events_of(c.kind, events).size();
  }
  // Every chip here sees real rows from the guests, except AluX0 (compilers do not
  // write x0 with ALU instructions) and DivRem (of the fixture guests only rsp
  // divides: its ELF has 42 division instructions, the others none); the hand-made
  // and random events cover them.
  for (const auto& [kind, n] : rows)
    if (kind != AluChipKind::AluX0 && kind != AluChipKind::DivRem) {
      EXPECT_GT(n, 0u) << "chip " << int(kind);
    }
}

TEST(Sp1RiscvAlu, DefaultBuildKeepsUserChipsEmpty) {
  expect_default_build_keeps_user_chips_empty(chips(), edge_events(), alu_trace);
}

TEST(Sp1RiscvAlu, MprotectBuildChecksTheUntrustedFlag) {
  expect_mprotect_build_checks_the_untrusted_flag(chips(), edge_events(), alu_trace);
}

// For each column: on some real row, adding a constant to it breaks a constraint
// or changes an interaction (what the byte table, the memory argument or the
// program table then refuses). Columns a constraint reads only under a flag that
// real rows keep at 0 (an ALU result under op_a_0) count through their lookups.
TEST(Sp1RiscvAlu, EveryColumnMatters) {
  const auto events = edge_events();
  for (const AluCase& c : chips()) {
    if (c.mode == TrustMode::User && c.features == Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    expect_every_column_matters(c, trace_of(c, events), events_of(c.kind, events).size());
  }
}

TEST(Sp1RiscvAlu, OutOfOrderRecordsAreRefused) {
  auto events = edge_events();
  events[0].rb.prev_timestamp = events[0].rb.timestamp;
  EXPECT_THROW(alu_trace(AluChipKind::Add, events), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
