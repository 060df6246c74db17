// The RISC-V machine's lookup tables and the pieces of a program's setup, checked
// against SP1 v6.4's definitions: SP1's transpiler (crates/core/executor/src/
// disassembler/rrs.rs, opcode.rs), the Program, Byte and Range traces (crates/core/
// machine/src/{program/trusted.rs, bytes/, range/}), the ELF memory image
// (disassembler/elf.rs) and the septic curve (crates/hypercube/src/septic_*.rs).
#include <gtest/gtest.h>

#include <random>

#include "sp1/air/interaction.hpp"
#include "sp1/air/program_eval.hpp"
#include "sp1/setup/global_sum.hpp"
#include "sp1/setup/lookup_tables.hpp"
#include "sp1/setup/program_setup.hpp"
#include "sp1/stage/septic_digest.hpp"
#include "zkvm/memory_image.hpp"
#include "zkvm/sp1_instruction.hpp"

namespace zkgpu::sp1::setup {
namespace {

using air::ByteOpcode;
using zkvm::Sp1Instruction;
using O = zkvm::Sp1Opcode;
namespace septic = air::septic;

uint32_t c(F x) { return x.to_canonical(); }
constexpr uint64_t kMinus1 = ~uint64_t(0);

TEST(Sp1Transpile, OperandsAsSp1AssignsThem) {
  // addi x29, x0, 5 / add x31, x30, x29 (SP1's own ProgramChip test program).
  EXPECT_EQ(zkvm::transpile(0x00500e93), (Sp1Instruction{O::ADDI, 29, 0, 5, false, true}));
  EXPECT_EQ(zkvm::transpile(0x01df0fb3), (Sp1Instruction{O::ADD, 31, 30, 29, false, false}));
  // xori x13, x7, -2048: immediates sign-extend to 64 bits; XORI shares XOR.
  EXPECT_EQ(zkvm::transpile(0x8003c693), (Sp1Instruction{O::XOR, 13, 7, kMinus1 - 2047, false, true}));
  // lui x17, 0x123ab and lui x0, 0xfffff: b = c = the (sign-extended) upper immediate.
  EXPECT_EQ(zkvm::transpile(0x123ab8b7), (Sp1Instruction{O::LUI, 17, 0x123ab000, 0x123ab000, true, true}));
  EXPECT_EQ(zkvm::transpile(0xfffff037), (Sp1Instruction{O::LUI, 0, kMinus1 - 0xfff, kMinus1 - 0xfff, true, true}));
  // sw x5, -1(x25): a is the stored register; beq x10, x14, .-4096: a, b the compared ones.
  EXPECT_EQ(zkvm::transpile(0xfe5cafa3), (Sp1Instruction{O::SW, 5, 25, kMinus1, false, true}));
  EXPECT_EQ(zkvm::transpile(0x80e50063), (Sp1Instruction{O::BEQ, 10, 14, kMinus1 - 4095, false, true}));
  // jal x31, .-0x100000: b is the offset, c zero; jalr x1, 8(x5).
  EXPECT_EQ(zkvm::transpile(0x80000fef), (Sp1Instruction{O::JAL, 31, uint64_t(-0x100000), 0, true, true}));
  EXPECT_EQ(zkvm::transpile(0x008280e7), (Sp1Instruction{O::JALR, 1, 5, 8, false, true}));
  // slli x12, x5, 13 / srai x7, x23, 0 / addiw x1, x2, -1.
  EXPECT_EQ(zkvm::transpile(0x00d29613), (Sp1Instruction{O::SLL, 12, 5, 13, false, true}));
  EXPECT_EQ(zkvm::transpile(0x400bd393), (Sp1Instruction{O::SRA, 7, 23, 0, false, true}));
  EXPECT_EQ(zkvm::transpile(0xfff1009b), (Sp1Instruction{O::ADDW, 1, 2, kMinus1, false, true}));
  EXPECT_EQ(zkvm::transpile(0x00000073), (Sp1Instruction{O::ECALL, 5, 10, 11, false, false}));
  EXPECT_EQ(zkvm::transpile(0x00100073), (Sp1Instruction{O::EBREAK, 0, 0, 0, false, false}));
  EXPECT_EQ(zkvm::transpile(0x0ff0000f), (Sp1Instruction{O::UNIMP, 0, 0, 0, true, true}));  // fence
  EXPECT_EQ(zkvm::transpile(0xc0002573), (Sp1Instruction{O::UNIMP, 0, 0, 0, true, true}));  // csrrs (rdcycle)
  EXPECT_THROW(zkvm::transpile(0xffffffff), zkvm::TranspileError);
  EXPECT_THROW(zkvm::transpile(0x0000100f), zkvm::TranspileError);  // fence.i
}

TEST(Sp1ProgramTable, RowsAndColumnsAsSp1) {
  EXPECT_EQ(program_rows(1), 32u);
  EXPECT_EQ(program_rows(32), 32u);
  EXPECT_EQ(program_rows(33), 64u);
  const std::vector<Sp1Instruction> code = zkvm::transpile(std::vector<uint32_t>{0x00500e93, 0x02500f13, 0x01df0fb3});
  const uint64_t base = 0x1'2345'0000;
  const std::vector<F> t = program_preprocessed_trace(base, code);
  ASSERT_EQ(t.size(), 32u * 16);
  // Row 1: pc limbs, ADDI (1), a 30, b = [0; 4], c = [37, 0, 0, 0], op_a_0 0, imm_b 0, imm_c 1.
  const std::vector<uint32_t> row1 = {0x0004, 0x2345, 0x0001, 1, 30, 0, 0, 0, 0, 37, 0, 0, 0, 0, 0, 1};
  for (size_t i = 0; i < 16; ++i) EXPECT_EQ(c(t[16 + i]), row1[i]) << "column " << i;
  // Row 2 is the R-type ADD (0): b and c are registers 30 and 29.
  EXPECT_EQ(c(t[32 + 3]), 0u);
  EXPECT_EQ(c(t[32 + 5]), 30u);
  EXPECT_EQ(c(t[32 + 9]), 29u);
  EXPECT_EQ(c(t[32 + 15]), 0u);
  // Padding rows repeat instruction 0, pc included.
  for (size_t r = 3; r < 32; ++r)
    for (size_t i = 0; i < 16; ++i) EXPECT_EQ(t[r * 16 + i], t[i]) << "row " << r;
  // op_a_0 for a write to x0.
  const auto x0 = program_preprocessed_trace(base, zkvm::transpile(std::vector<uint32_t>{0x00500013}));
  EXPECT_EQ(c(x0[13]), 1u);
  EXPECT_THROW(program_preprocessed_trace(base, {}), std::invalid_argument);
  EXPECT_THROW(program_preprocessed_trace(uint64_t(1) << 48, code), std::invalid_argument);
}

TEST(Sp1ByteTable, EveryPairWithItsResults) {
  const std::vector<F> t = byte_preprocessed_trace();
  ASSERT_EQ(t.size(), 65536u * 7);
  const auto row = [&](uint32_t b, uint32_t cc) {
    std::vector<uint32_t> r;
    for (size_t i = 0; i < 7; ++i) r.push_back(c(t[((b << 8) + cc) * 7 + i]));
    return r;
  };
  EXPECT_EQ(row(0xf0, 0x3c), (std::vector<uint32_t>{0xf0, 0x3c, 0x30, 0xfc, 0xcc, 0, 1}));
  EXPECT_EQ(row(0x3c, 0xf0), (std::vector<uint32_t>{0x3c, 0xf0, 0x30, 0xfc, 0xcc, 1, 0}));
  EXPECT_EQ(row(0, 0), (std::vector<uint32_t>{0, 0, 0, 0, 0, 0, 0}));
  EXPECT_EQ(row(255, 255), (std::vector<uint32_t>{255, 255, 255, 255, 0, 0, 1}));
}

TEST(Sp1RangeTable, EveryValueUnderEachBitCount) {
  const std::vector<F> t = range_preprocessed_trace();
  ASSERT_EQ(t.size(), 131072u * 2);
  const auto row = [&](size_t r) { return std::pair{c(t[2 * r]), c(t[2 * r + 1])}; };
  EXPECT_EQ(row(0), (std::pair{0u, 0u}));
  EXPECT_EQ(row(1), (std::pair{0u, 0u}));  // a = 0 in 0 bits
  EXPECT_EQ(row(2), (std::pair{0u, 1u}));
  EXPECT_EQ(row(3), (std::pair{1u, 1u}));
  EXPECT_EQ(row(4 + 3), (std::pair{3u, 2u}));
  EXPECT_EQ(row((1 << 16) + 5), (std::pair{5u, 16u}));
  EXPECT_EQ(row(131071), (std::pair{65535u, 16u}));
}

// The LogUp balance the machine relies on: what other chips send (the lookups,
// counted) equals what the tables receive, row by row through each chip's AIR and
// its main trace from the counts.
air::Ext receive_total(const air::MachineChip& chip, std::span<const F> main, std::span<const F> prep, size_t rows,
                       const air::Ext& alpha, std::span<const air::Ext> betas) {
  air::Ext total{};
  for (size_t r = 0; r < rows; ++r) {
    const auto ev = chip.eval(main.subspan(r * chip.width(), chip.width()),
                              prep.subspan(r * chip.preprocessed_width(), chip.preprocessed_width()), {});
    EXPECT_TRUE(ev.constraints.empty() && ev.sends.empty());
    for (const auto& i : ev.receives)
      if (!i.multiplicity.is_zero()) total = total + air::as_ext(i.multiplicity) * air::fingerprint(i, alpha, betas).inverse();
  }
  return total;
}

air::Ext random_ext(std::mt19937& rng) {
  air::Ext e;
  for (auto& x : e.c) x = F::from_canonical(rng() % F::kP);
  return e;
}

TEST(Sp1LookupTables, MainTracesBalanceTheLookups) {
  std::mt19937 rng(7);
  const air::Ext alpha = random_ext(rng);
  std::vector<air::Ext> betas;
  for (int i = 0; i < 17; ++i) betas.push_back(random_ext(rng));
  const auto sent = [&](air::InteractionKind kind, std::vector<uint32_t> values, uint64_t n) {
    return air::as_ext(F::from_canonical(uint32_t(n))) *
           air::fingerprint(kind, values.size(), [&](size_t k) { return F::from_canonical(values[k]); }, alpha, betas)
               .inverse();
  };

  ByteLookupCounts counts;
  counts[{ByteOpcode::AND, 0x30, 0xf0, 0x3c}] = 3;
  counts[{ByteOpcode::XOR, 0xcc, 0xf0, 0x3c}] = 1;
  counts[{ByteOpcode::U8Range, 0, 7, 200}] = 5;
  counts[{ByteOpcode::LTU, 1, 2, 9}] = 2;
  counts[{ByteOpcode::MSB, 1, 0x80, 0}] = 4;
  counts[{ByteOpcode::Range, 1000, 10, 0}] = 6;
  counts[{ByteOpcode::Range, 0, 0, 0}] = 1;
  air::Ext expected{};
  for (const auto& [l, n] : counts)
    expected = expected + sent(air::InteractionKind::Byte, {uint32_t(l.opcode), l.a, l.b, l.c}, n);
  const auto byte_main = byte_main_trace(counts), range_main = range_main_trace(counts);
  const air::Ext received = receive_total(byte_chip(), byte_main, byte_preprocessed_trace(), 65536, alpha, betas) +
                            receive_total(range_chip(), range_main, range_preprocessed_trace(), 131072, alpha, betas);
  EXPECT_EQ(received, expected);

  // A count in the wrong cell breaks the balance.
  auto moved = byte_main;
  std::swap(moved[((0xf0 << 8) + 0x3c) * 6 + 0], moved[((0xf0 << 8) + 0x3d) * 6 + 0]);
  EXPECT_NE(receive_total(byte_chip(), moved, byte_preprocessed_trace(), 65536, alpha, betas) +
                receive_total(range_chip(), range_main, range_preprocessed_trace(), 131072, alpha, betas),
            expected);
  EXPECT_THROW(range_main_trace({{{ByteOpcode::Range, 1024, 10, 0}, 1}}), std::invalid_argument);
  EXPECT_THROW(range_main_trace({{{ByteOpcode::Range, 0, 17, 0}, 1}}), std::invalid_argument);

  // Program: each executed instruction sends [pc limbs, its InstructionCols].
  const std::vector<uint32_t> words{0x00500e93, 0x02500f13, 0x01df0fb3};
  const auto code = zkvm::transpile(words);
  const uint64_t base = 0x78000000;
  const auto prep = program_preprocessed_trace(base, code);
  const auto main = program_main_trace(base, code.size(), {{base, 2}, {base + 8, 7}, {base + 400, 1}});
  air::Ext program_expected{};
  for (size_t i : {0, 2}) {
    std::vector<uint32_t> values;
    for (size_t k = 0; k < 16; ++k) values.push_back(c(prep[i * 16 + k]));
    program_expected = program_expected + sent(air::InteractionKind::Program, values, i == 0 ? 2 : 7);
  }
  EXPECT_EQ(receive_total(program_chip(), main, prep, program_rows(3), alpha, betas), program_expected);
}

// The chips compiled once (symbolic builder) evaluate as their template eval, and
// have SP1's shape: no constraints, receives only (Program 1 of 16 values, Byte 6 of
// 4, Range 1 of 4).
TEST(Sp1LookupChips, CompiledProgramsEqualTheTemplateOnTableRows) {
  const std::vector<F> byte = byte_preprocessed_trace(), range = range_preprocessed_trace();
  const auto code = zkvm::transpile(std::vector<uint32_t>{0x00500e93, 0x01df0fb3});
  const std::vector<F> program = program_preprocessed_trace(0x78000000, code);
  struct Case {
    const air::MachineChip* chip;
    const std::vector<F>* prep;
    size_t receives, arity;
  };
  for (const Case& k : {Case{&program_chip(), &program, 1, 17}, Case{&byte_chip(), &byte, 6, 5},
                        Case{&range_chip(), &range, 1, 5}}) {
    const air::MachineChip& chip = *k.chip;
    EXPECT_EQ(chip.num_constraints(), 0u) << chip.name();
    EXPECT_EQ(chip.num_sends(), 0u) << chip.name();
    EXPECT_EQ(chip.num_receives(), k.receives) << chip.name();
    EXPECT_EQ(chip.max_interaction_arity(), k.arity) << chip.name();
    air::ProgramRunner<F> runner(chip.program());
    for (size_t r : {size_t(0), size_t(1), size_t(1000) % (k.prep->size() / chip.preprocessed_width())}) {
      std::vector<F> main(chip.width());
      for (size_t i = 0; i < main.size(); ++i) main[i] = F::from_canonical(uint32_t(7 * r + i + 1));
      const std::span<const F> prep(k.prep->data() + r * chip.preprocessed_width(), chip.preprocessed_width());
      const auto want = chip.eval(std::span<const F>(main), prep, {});
      runner.run(main, prep, {});
      const auto got = runner.row_evaluation();
      ASSERT_EQ(got.receives.size(), want.receives.size());
      for (size_t i = 0; i < want.receives.size(); ++i) {
        EXPECT_EQ(got.receives[i].kind, want.receives[i].kind);
        EXPECT_EQ(got.receives[i].values, want.receives[i].values) << chip.name() << " row " << r;
        EXPECT_EQ(got.receives[i].multiplicity, want.receives[i].multiplicity);
      }
    }
  }
}

zkvm::LoadSegment segment(uint64_t vaddr, uint64_t mem_size, std::vector<uint8_t> bytes, uint8_t flags = 6) {
  zkvm::LoadSegment s;
  s.vaddr = vaddr;
  s.mem_size = mem_size;
  s.flags = flags;
  s.file_bytes = std::move(bytes);
  return s;
}

TEST(Sp1MemoryImage, WordsAsSp1BuildsThem) {
  zkvm::Program p;
  // 12 file bytes (ends at 4 mod 8) then zero fill to 24 bytes: SP1 zeroes the whole
  // second word, losing bytes 8..11.
  p.segments.push_back(segment(0x1000, 24, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  // A segment starting at 4 mod 8 adds into the word below; 6 file bytes: a partial step.
  p.segments.push_back(segment(0x201c, 8, {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}, 5));
  const auto image = zkvm::sp1_memory_image(p);
  const std::vector<zkvm::ImageWord> expected{{0x1000, 0x0807060504030201}, {0x1008, 0}, {0x1010, 0},
                                              {0x2018, 0xddccbbaa00000000}, {0x2020, 0xffee}};
  EXPECT_EQ(image, expected);
  const auto pages = zkvm::sp1_page_prot_image(p);
  EXPECT_EQ(pages, (std::vector<zkvm::ImagePage>{{1, 6}, {2, 5}}));

  // An image past the bound is refused before anything is built.
  p.segments.push_back(segment(0x10000000, zkvm::kMaxImageWords * 8, {}));
  EXPECT_THROW(zkvm::sp1_memory_image(p), zkvm::ElfError);
}

TEST(Sp1GlobalMessages, LayoutAsSp1) {
  const auto m = memory_word_message(0x1234'5678'9abc, 0x1122'3344'5566'7788);
  EXPECT_EQ(m, (std::array<uint32_t, 8>{0, 0, 0x9abc, 0x5678, 0x1234, 0x7788 + (0x44u << 16), 0x5566 + (0x33u << 16),
                                        0x1122}));
  EXPECT_EQ(page_prot_message(0x123456789, 5),
            (std::array<uint32_t, 8>{0, 0, 0x9, 0x5678, 0x1234, 5, 0, 0}));
}

// SP1's constant points lie on the curve as written here (field, modulus z^7 - 3z - 5
// and formula): CURVE_CUMULATIVE_SUM_START (septic_digest.rs, SepticDigest::zero())
// and CURVE_WITNESS_DUMMY_POINT (septic_curve.rs).
TEST(Sp1SepticCurve, Sp1ConstantPointsAreOnTheCurve) {
  const stage::SepticPoint zero = stage::septic_digest_zero();
  EXPECT_TRUE(septic::on_curve({zero.x, zero.y}));
  const uint32_t dx[7] = {0x2718281 + (1 << 24), 0x8284590, 0x4523536, 0x0287471, 0x3526624, 0x9775724, 0x7093699};
  const uint32_t dy[7] = {1250555984, 1592495468, 656721246, 420301347, 2125819749, 819876460, 17687681};
  septic::Point dummy;
  for (size_t i = 0; i < 7; ++i) {
    dummy.x[i] = F::from_canonical(dx[i]);
    dummy.y[i] = F::from_canonical(dy[i]);
  }
  EXPECT_TRUE(septic::on_curve(dummy));
  dummy.y[0] += F::one();
  EXPECT_FALSE(septic::on_curve(dummy));
}

TEST(Sp1SepticCurve, LiftSqrtAndGroupLaw) {
  // SP1's test_lift_x message: the point is on the curve, y in the receive range.
  const std::array<F, 8> m{F::from_canonical(0x2013), F::from_canonical(0x2015), F::from_canonical(0x2016),
                           F::from_canonical(0x2023), F::from_canonical(0x2024), F::from_canonical(0x2016),
                           F::from_canonical(0x2017), F::from_canonical(0)};
  const septic::Lift lift = septic::lift_x(m);
  EXPECT_TRUE(septic::on_curve(lift.point));
  EXPECT_TRUE(septic::is_receive(lift.point.y));
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(lift.point.x[i], lift.output[i]);
  EXPECT_EQ(lift.input[7], F::from_canonical(uint32_t(lift.offset) << 16));

  // sqrt: a square's root squares back; a non-square has none.
  std::mt19937 rng(3);
  int non_squares = 0;
  for (int i = 0; i < 20; ++i) {
    septic::Element a;
    for (auto& x : a) x = F::from_canonical(rng() % F::kP);
    const auto r = septic::sqrt(septic::mul(a, a));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(septic::mul(*r, *r), septic::mul(a, a));
    if (!septic::sqrt(a)) ++non_squares;
    EXPECT_EQ(septic::mul(a, septic::inverse(a)), (septic::Element{F::one()}));
  }
  EXPECT_GT(non_squares, 0);

  const septic::Point p = lift.point;
  const septic::Point q = septic::global_interaction_point({1, 2, 3, 4, 5, 6, 7, 8}, false, 1);
  EXPECT_TRUE(septic::is_send(q.y));
  EXPECT_TRUE(septic::on_curve(q));
  EXPECT_FALSE(septic::add(p, septic::negate(p)).has_value());
  const auto two_p = septic::add(p, p);
  ASSERT_TRUE(two_p && septic::on_curve(*two_p));
  // (p + q) + p = (p + p) + q: associativity through both the chord and the tangent.
  EXPECT_EQ(septic::add(septic::add(p, q), p), septic::add(two_p, q));
}

TEST(Sp1ProgramConstants, PcStartAndUntrustedConfig) {
  zkvm::Program p;
  p.entry = 0x1'7800'72a8;
  p.segments.push_back(segment(0x78000000, 8, {1, 0, 0, 0, 0, 0, 0, 0}));
  const auto plain = program_constants(p, wire::Sp1Variant::Mprotect, 2);
  EXPECT_EQ(c(plain.pc_start[0]), 0x72a8u);
  EXPECT_EQ(c(plain.pc_start[1]), 0x7800u);
  EXPECT_EQ(c(plain.pc_start[2]), 1u);
  EXPECT_TRUE(plain.untrusted_config.enable_untrusted_programs.is_zero());
  EXPECT_TRUE(plain.untrusted_config.enable_trap_handler.is_zero());

  p.trap_context = 0x7900'0000;
  p.untrusted_memory = std::pair<uint64_t, uint64_t>{0x1'0000'0000, 0x2'0000'0000};
  const auto user = program_constants(p, wire::Sp1Variant::Mprotect, 2);
  EXPECT_EQ(c(user.untrusted_config.enable_untrusted_programs), 1u);
  EXPECT_EQ(c(user.untrusted_config.enable_trap_handler), 1u);
  EXPECT_EQ(c(user.untrusted_config.trap_context[2][0]), 0x0010u);  // address + 16
  EXPECT_EQ(c(user.untrusted_config.trap_context[2][1]), 0x7900u);
  EXPECT_EQ(c(user.untrusted_config.untrusted_memory[1][2]), 2u);
  // User mode adds the pages' permissions to the sum.
  EXPECT_NE(user.initial_global_cumulative_sum_x, plain.initial_global_cumulative_sum_x);
  // The sum does not depend on the threads.
  EXPECT_EQ(program_constants(p, wire::Sp1Variant::Default, 1).initial_global_cumulative_sum_y,
            user.initial_global_cumulative_sum_y);
}

}  // namespace
}  // namespace zkgpu::sp1::setup
