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
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/add_sub.hpp"
#include "sp1/air/riscv/alu_x0.hpp"
#include "sp1/air/riscv/bitwise.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/mul.hpp"
#include "sp1/air/riscv/shift_left.hpp"
#include "sp1/air/riscv/shift_right.hpp"
#include "sp1/air/trace_check.hpp"
#include "sp1/riscv/alu_traces.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/program.hpp"
#include "zkvm/recorder.hpp"

namespace zkgpu::sp1::riscv {
namespace {

namespace fs = std::filesystem;
using air::Felt;
using air::InteractionKind;
using air::MachineChip;
using rv::Features;
using rv::TrustMode;
using zkvm::InstrEvent;
using zkvm::MemoryAccess;
using zkvm::Op;

// SP1's PROOF_MAX_NUM_PVS public values, is_untrusted_programs_enabled set as given.
std::vector<Felt> public_values(bool untrusted_enabled) {
  std::vector<Felt> pv(187, Felt::zero());
  pv[rv::kIsUntrustedProgramsEnabled] = Felt::from_canonical(untrusted_enabled);
  return pv;
}

// --- hand-made events -----------------------------------------------------------

// Builds ALU events with consistent register records: each register's previous
// timestamp is its last access. Starts just below clk_high = 1 so the events cross
// a change of clk_high (where a register's previous access counts from 0).
struct EventMaker {
  uint64_t clk = (uint64_t(1) << 24) - 8 * 20 + 1;
  std::array<uint64_t, 32> ts{}, value{};

  MemoryAccess read(unsigned r, uint64_t v, uint32_t position) {
    const MemoryAccess m{r, v, ts[r], v, clk + position, false};
    ts[r] = m.timestamp;
    value[r] = v;
    return m;
  }
  MemoryAccess write(unsigned r, uint64_t v) {
    const MemoryAccess m{r, value[r], ts[r], v, clk + 4, true};
    ts[r] = m.timestamp;
    value[r] = v;
    return m;
  }
  // rs2 < 0: c is an immediate.
  InstrEvent make(Op op, unsigned rd, unsigned rs1, int rs2, uint64_t b, uint64_t c, uint64_t a) {
    InstrEvent e;
    e.clk = clk;
    e.pc = 0x2000'0000 + (clk / 2);  // any 4-aligned pc below 2^48
    e.pc &= ~uint64_t(3);
    e.next_pc = e.pc + 4;
    e.opcode = op;
    e.used = InstrEvent::kA | InstrEvent::kB;
    if (rs2 >= 0) {
      e.rc = read(unsigned(rs2), c, 2);
      e.used |= InstrEvent::kC;
    }
    e.rb = read(rs1, b, 3);
    e.ra = write(rd, a);
    e.a = a;
    e.b = b;
    e.c = c;
    clk += 8;
    return e;
  }
};

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

uint64_t sext32(uint32_t x) { return uint64_t(int64_t(int32_t(x))); }

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

std::vector<uint8_t> read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<uint8_t> u64_entry(uint64_t x) {
  std::vector<uint8_t> out(8);
  for (size_t i = 0; i < 8; ++i) out[i] = uint8_t(x >> (8 * i));
  return out;
}

// The ALU events of a fixture guest run to its end.
std::vector<InstrEvent> guest_events(const std::string& elf, std::vector<uint8_t> input) {
  const auto bytes = read_file(fs::path(ZKGPU_SP1_FIXTURES_DIR) / elf);
  if (bytes.empty()) throw std::runtime_error("fixture " + elf + " missing in " ZKGPU_SP1_FIXTURES_DIR);
  const zkvm::Program program = zkvm::load_elf(bytes);
  zkvm::RecordingRun run(program, {std::move(input)});
  zkvm::EventRecorder rec;
  while (!run.resume(rec)) {
  }
  if (!run.report().ok()) throw std::runtime_error(elf + " failed: " + run.report().error);
  return std::move(rec.alu);
}

// Small runs of the fixture guests (inputs as tests/data/sp1/README.md says SP1
// feeds them: a u64 for fibonacci and loop, a byte vector for sha2 and keccak).
const std::vector<std::vector<InstrEvent>>& guests() {
  static const std::vector<std::vector<InstrEvent>> runs = [] {
    std::vector<uint8_t> data(300);
    for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
    return std::vector<std::vector<InstrEvent>>{guest_events("elf/fibonacci.elf", u64_entry(40)),
                                                guest_events("elf/loop.elf", u64_entry(50)),
                                                guest_events("elf/sha2.elf", data),
                                                guest_events("elf/keccak.elf", data)};
  }();
  return runs;
}

// --- the chips ---------------------------------------------------------------------

struct ChipCase {
  AluChipKind kind;
  std::unique_ptr<MachineChip> chip;
  TrustMode mode;
  Features features;
  size_t sp1_width;      // SP1's NUM_*_COLS in this mode
  size_t constraints;    // counted from SP1's eval
  std::string sends, receives;  // interaction kinds in SP1's order
};

template <template <TrustMode, Features> class Chip>
void add_chip(std::vector<ChipCase>& out, AluChipKind kind, size_t supervisor_width, size_t constraints,
              const std::string& sends, const std::string& receives, size_t user_width = 0,
              size_t user_constraints = 0) {
  if (!user_width) user_width = supervisor_width + 1;
  if (!user_constraints) user_constraints = constraints + 4;
  // User chips send the InstructionFetch right after the CPU state (before the
  // reader's Program send); the default build adds assert_zero(is_real), both
  // builds three flag checks; `mprotect` adds the public-value assertion.
  const size_t fetch_at = sends.find('P');
  const std::string user_sends = sends.substr(0, fetch_at) + "F" + sends.substr(fetch_at);
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::Supervisor, Features::Default>>>(),
                 TrustMode::Supervisor, Features::Default, supervisor_width, constraints, sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::Supervisor, Features::Mprotect>>>(),
                 TrustMode::Supervisor, Features::Mprotect, supervisor_width, constraints + 1, sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::User, Features::Default>>>(), TrustMode::User,
                 Features::Default, user_width, user_constraints, user_sends, receives});
  out.push_back({kind, std::make_unique<air::ChipModel<Chip<TrustMode::User, Features::Mprotect>>>(), TrustMode::User,
                 Features::Mprotect, user_width, user_constraints, user_sends, receives});
}

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
std::vector<ChipCase> chips() {
  std::vector<ChipCase> out;
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
  // AluX0 (alu/alu_x0.rs): opcode, is_real; User adds is_trusted and
  // AluX0OpcodeSelectors (4 fields + 29 selectors). Constraints: is_real bit, 2
  // op_a_0 cases, CPUState 1, ALUTypeReader 13; User: imm_c bit, the default
  // build's is_real = 0 (mprotect: the flag instead), selectors 36 (29 bits, sum
  // bit, 2 sum cases, 4 fields), 3 untrusted-fetch checks.
  add_chip<rv::AluX0Chip>(out, AluChipKind::AluX0, 6 + 26 + 2, 17, "SBBBPBBMBBMBBM", "SMMM", 34 + 1 + 33,
                          17 + 1 + 1 + 36 + 3);
  return out;
}

std::string name_of(const ChipCase& c) {
  return std::string(c.chip->name()) + (c.features == Features::Mprotect ? " (mprotect)" : " (default)");
}

// SP1's InteractionKind::num_values.
size_t sp1_arity(InteractionKind k) {
  switch (k) {
    case InteractionKind::Memory: return 9;
    case InteractionKind::Program: return 16;
    case InteractionKind::Byte: return 4;
    case InteractionKind::State: return 5;
    case InteractionKind::InstructionFetch: return 22;
    default: return 0;
  }
}

char letter(InteractionKind k) {
  switch (k) {
    case InteractionKind::Memory: return 'M';
    case InteractionKind::Program: return 'P';
    case InteractionKind::Byte: return 'B';
    case InteractionKind::State: return 'S';
    case InteractionKind::InstructionFetch: return 'F';
    default: return '?';
  }
}

std::string signature(const air::ConstraintProgram& p, const std::vector<air::ProgramInteraction>& list) {
  std::string s;
  for (const auto& i : list) {
    s += letter(i.kind);
    EXPECT_EQ(i.values_count, sp1_arity(i.kind)) << p.name << ": " << letter(i.kind);
  }
  return s;
}

TEST(Sp1RiscvAlu, LayoutsAndInteractionsAreSp1s) {
  for (const ChipCase& c : chips()) {
    SCOPED_TRACE(name_of(c));
    EXPECT_EQ(c.chip->width(), c.sp1_width);
    EXPECT_EQ(c.chip->preprocessed_width(), 0u);
    EXPECT_EQ(c.chip->num_constraints(), c.constraints);
    EXPECT_EQ(signature(c.chip->program(), c.chip->program().sends), c.sends);
    EXPECT_EQ(signature(c.chip->program(), c.chip->program().receives), c.receives);
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

// The trace of a chip case; it must have the events' rows plus SP1's padding.
RiscvChipTrace trace_of(const ChipCase& c, const std::vector<InstrEvent>& events) {
  AluTraceOptions o;
  o.mode = c.mode;
  o.untrusted_programs_enabled = c.mode == TrustMode::User;
  RiscvChipTrace t = alu_trace(c.kind, events, o);
  EXPECT_EQ(t.name, c.chip->name());
  EXPECT_EQ(t.width, c.chip->width());
  EXPECT_EQ(t.rows, air::padded_height(events_of(c.kind, events).size()));
  return t;
}

std::optional<air::Violation> check(const ChipCase& c, const RiscvChipTrace& t) {
  return air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows},
                              public_values(c.mode == TrustMode::User));
}

void expect_satisfied(const std::vector<InstrEvent>& events, size_t min_rows_each) {
  for (const ChipCase& c : chips()) {
    if (c.mode == TrustMode::User && c.features == Features::Default) continue;  // must stay empty: next test
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c, events);
    EXPECT_GE(events_of(c.kind, events).size(), min_rows_each);
    const auto v = check(c, t);
    EXPECT_FALSE(v) << "row " << v->row << " constraint " << v->constraint;
  }
}

TEST(Sp1RiscvAlu, EdgeValueTracesSatisfyEveryConstraint) { expect_satisfied(edge_events(), 45); }

// A shard without events still has SP1's 16 padding rows (the shift chips' are
// not zero: their v columns hold 2^0 and 2^16).
TEST(Sp1RiscvAlu, PaddingRowsSatisfyEveryConstraint) { expect_satisfied({}, 0); }

TEST(Sp1RiscvAlu, GuestTracesSatisfyEveryConstraint) {
  std::map<AluChipKind, size_t> rows;
  for (const auto& events : guests()) {
    ASSERT_GT(events.size(), 100u);
    expect_satisfied(events, 0);
    for (const ChipCase& c : chips()) rows[c.kind] += events_of(c.kind, events).size();
  }
  // Every chip here sees real rows from the guests, except AluX0 (compilers do not
  // write x0 with ALU instructions; the hand-made events cover it).
  for (const auto& [kind, n] : rows)
    if (kind != AluChipKind::AluX0) {
      EXPECT_GT(n, 0u) << "chip " << int(kind);
    }
}

TEST(Sp1RiscvAlu, DefaultBuildKeepsUserChipsEmpty) {
  const auto events = edge_events();
  for (const ChipCase& c : chips()) {
    if (c.mode != TrustMode::User || c.features != Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c, events);
    const auto v = check(c, t);
    ASSERT_TRUE(v) << "a real row in a User chip of the default build";
    EXPECT_EQ(v->row, 0u);
  }
  // And a chip of the other mode has no rows (SP1's num_rows).
  AluTraceOptions o;
  o.untrusted_programs_enabled = true;
  EXPECT_EQ(alu_trace(AluChipKind::Add, events, o).rows, 0u);
}

TEST(Sp1RiscvAlu, MprotectBuildChecksTheUntrustedFlag) {
  const auto events = edge_events();
  for (const ChipCase& c : chips()) {
    if (c.features != Features::Mprotect) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c, events);
    const auto v = air::first_violation(*c.chip, air::TraceView{t.main, {}, t.rows},
                                        public_values(c.mode != TrustMode::User));
    EXPECT_TRUE(v);
  }
}

// Columns some constraint reads (the program's constraint part, pruned).
std::set<size_t> constrained_columns(const MachineChip& chip) {
  std::set<size_t> out;
  for (const air::Node& n : air::constraints_only(chip.program()).nodes)
    if (n.op == air::Op::Main) out.insert(n.a);
  return out;
}

bool same_interactions(const air::RowEvaluation<Felt>& x, const air::RowEvaluation<Felt>& y) {
  auto eq = [](const auto& a, const auto& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i].values != b[i].values || a[i].multiplicity != b[i].multiplicity) return false;
    return true;
  };
  return eq(x.sends, y.sends) && eq(x.receives, y.receives);
}

bool any_nonzero(const std::vector<Felt>& v) {
  for (const Felt& x : v)
    if (!x.is_zero()) return true;
  return false;
}

// For each column: on some real row, adding a constant to it breaks a constraint
// or changes an interaction (what the byte table, the memory argument or the
// program table then refuses). Columns a constraint reads only under a flag that
// real rows keep at 0 (an ALU result under op_a_0) count through their lookups.
TEST(Sp1RiscvAlu, EveryColumnMatters) {
  const auto events = edge_events();
  const Felt delta = Felt::from_canonical(12345);
  for (const ChipCase& c : chips()) {
    if (c.mode == TrustMode::User && c.features == Features::Default) continue;
    SCOPED_TRACE(name_of(c));
    const RiscvChipTrace t = trace_of(c, events);
    const size_t real = events_of(c.kind, events).size();
    const auto pv = public_values(c.mode == TrustMode::User);
    const std::set<size_t> constrained = constrained_columns(*c.chip);
    size_t n_constrained = 0;
    for (size_t col = 0; col < t.width; ++col) {
      bool matters = false;
      size_t breaks_constraint = 0;
      for (size_t r = 0; r < real && !breaks_constraint; ++r) {
        std::vector<Felt> row(t.main.begin() + r * t.width, t.main.begin() + (r + 1) * t.width);
        const auto before = c.chip->eval(std::span<const Felt>(row), {}, pv);
        row[col] = row[col] + delta;
        const auto after = c.chip->eval(std::span<const Felt>(row), {}, pv);
        matters = matters || any_nonzero(after.constraints) || !same_interactions(before, after);
        breaks_constraint += any_nonzero(after.constraints);
      }
      EXPECT_TRUE(matters) << "column " << col;
      // A column no constraint reads never breaks one.
      if (!constrained.count(col)) {
        EXPECT_EQ(breaks_constraint, 0u) << "column " << col;
      }
      n_constrained += breaks_constraint > 0;
    }
    EXPECT_GT(n_constrained, 0u);
    // The trace checker finds the same through the compiled program.
    auto broken = t;
    broken.main[*constrained.begin()] = broken.main[*constrained.begin()] + delta;
    EXPECT_TRUE(check(c, broken));
  }
}

TEST(Sp1RiscvAlu, OutOfOrderRecordsAreRefused) {
  auto events = edge_events();
  events[0].rb.prev_timestamp = events[0].rb.timestamp;
  EXPECT_THROW(alu_trace(AluChipKind::Add, events), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::riscv
