// SP1 recursion programs end to end on the CPU: each shipped program and random
// programs assemble, execute and generate traces for the compress and wrap machines
// that satisfy every constraint on every row, with the Memory interactions of all
// chips summing to zero. A mutated trace cell or a wrong multiplicity breaks it.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "recursion_program_files.hpp"

#include "math/poseidon2/poseidon2_31.hpp"
#include "sp1/air/chips/memory_var.hpp"
#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/air/trace_check.hpp"
#include "sp1/recursion/errors.hpp"
#include "sp1/recursion/executor.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/septic.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/recursion/traces.hpp"

namespace zkgpu::sp1::recursion {
namespace {

using air::MachineKind;

struct Executed {
  Program program;
  ExecutionRecord record;
  std::vector<ChipTrace> traces;
};

Executed run(Program p, MachineKind kind) {
  ExecutionRecord rec = execute(p);
  auto traces = generate_traces(air::machine(kind), p, rec);
  return {std::move(p), std::move(rec), std::move(traces)};
}

Felt f(uint32_t x) { return Felt::from_canonical(x); }

struct Challenge {
  Ext alpha;
  std::vector<Ext> betas;
};

Challenge challenge(uint64_t seed) {
  std::mt19937_64 rng(seed);
  auto e = [&] { return Ext{{f(rng() % Felt::kP), f(rng() % Felt::kP), f(rng() % Felt::kP), f(rng() % Felt::kP)}}; };
  Challenge c{e(), {}};
  for (int i = 0; i < 6; ++i) c.betas.push_back(e());
  return c;
}

air::TraceView view(const ChipTrace& t) { return {t.main, t.preprocessed, t.rows}; }

Ext interaction_total(const Executed& r, MachineKind kind, const Challenge& c) {
  const air::Machine& m = air::machine(kind);
  Ext sum = Ext::zero();
  for (size_t i = 0; i < m.chips.size(); ++i)
    sum = sum + air::interaction_sum(*m.chips[i], view(r.traces[i]), r.record.public_values, c.alpha, c.betas);
  return sum;
}

// Every row of every chip satisfies its constraints; the interactions cancel.
void expect_valid(const Executed& r, MachineKind kind, const std::string& what) {
  const air::Machine& m = air::machine(kind);
  ASSERT_EQ(r.traces.size(), m.chips.size());
  for (size_t i = 0; i < m.chips.size(); ++i) {
    const auto v = air::first_violation(*m.chips[i], view(r.traces[i]), r.record.public_values);
    EXPECT_FALSE(v) << what << ": " << m.chips[i]->name() << " row " << v->row << " constraint " << v->constraint;
  }
  EXPECT_TRUE(interaction_total(r, kind, challenge(1)).is_zero()) << what;
  EXPECT_TRUE(interaction_total(r, kind, challenge(2)).is_zero()) << what;
}

size_t chip_index(const air::Machine& m, std::string_view name) {
  for (size_t i = 0; i < m.chips.size(); ++i)
    if (m.chips[i]->name() == name) return i;
  throw std::runtime_error("no chip " + std::string(name));
}

const ChipTrace& trace(const Executed& r, std::string_view name) {
  for (const ChipTrace& t : r.traces)
    if (t.name == name) return t;
  throw std::runtime_error("no chip " + std::string(name));
}

struct Shipped {
  const char* file;
  bool compress, wrap;
};

constexpr Shipped kShipped[] = {
    {"poseidon2_chain.rasm", true, false},      {"ext_arithmetic.rasm", true, true}, {"selects.rasm", true, true},
    {"public_values.rasm", true, true},         {"prefix_sum.rasm", true, false},    {"hints.rasm", true, true},
    {"wrap_poseidon2_steps.rasm", false, true},
};

TEST(Sp1RecursionPrograms, ShippedProgramsGiveValidTraces) {
  for (const Shipped& s : kShipped)
    for (MachineKind kind : {MachineKind::Compress, MachineKind::Wrap}) {
      if (!(kind == MachineKind::Compress ? s.compress : s.wrap)) continue;
      const std::string what = std::string(s.file) + " on " + std::string(air::machine_name(kind));
      expect_valid(run(load_program(test::recursion_program_text(s.file)), kind), kind, what);
    }
}

TEST(Sp1RecursionPrograms, RandomProgramsGiveValidTraces) {
  for (MachineKind kind : {MachineKind::Compress, MachineKind::Wrap})
    for (uint64_t seed = 0; seed < 20; ++seed) {
      const Executed r = run(random_program(seed, 200 + 40 * seed, kind), kind);
      expect_valid(r, kind, "seed " + std::to_string(seed) + " on " + std::string(air::machine_name(kind)));
    }
}

TEST(Sp1RecursionPrograms, RandomProgramsAreDeterministicAndRoundTripThroughText) {
  const Program a = random_program(7, 300, MachineKind::Compress);
  const Program b = random_program(7, 300, MachineKind::Compress);
  EXPECT_EQ(to_text(a), to_text(b));
  EXPECT_NE(to_text(a), to_text(random_program(8, 300, MachineKind::Compress)));
  const Program c = load_program(to_text(a));
  EXPECT_EQ(to_text(c), to_text(a));
  const Executed ra = run(a, MachineKind::Compress), rc = run(c, MachineKind::Compress);
  for (size_t i = 0; i < ra.traces.size(); ++i) {
    EXPECT_EQ(ra.traces[i].main, rc.traces[i].main) << ra.traces[i].name;
    EXPECT_EQ(ra.traces[i].preprocessed, rc.traces[i].preprocessed) << ra.traces[i].name;
  }
}

TEST(Sp1RecursionPrograms, RandomProgramsWithChosenRows) {
  const ChipRows compress{{"MemoryConst", 40}, {"MemoryVar", 37},         {"BaseAlu", 100},       {"ExtAlu", 64},
                          {"Select", 3},       {"Poseidon2WideDeg3", 33}, {"PrefixSumChecks", 50}};
  const Executed c = run(random_program_with_rows(5, compress, MachineKind::Compress), MachineKind::Compress);
  expect_valid(c, MachineKind::Compress, "compress rows");
  EXPECT_EQ(c.record.mem_const_count, 40u);
  EXPECT_EQ(c.record.mem_var.size(), 74u);  // two events per row
  EXPECT_EQ(c.record.base_alu.size(), 100u);
  EXPECT_EQ(c.record.ext_alu.size(), 64u);
  EXPECT_EQ(c.record.select.size(), 3u);
  EXPECT_EQ(c.record.poseidon2.size(), 33u);
  EXPECT_EQ(c.record.prefix_sum_checks.size(), 50u);
  EXPECT_EQ(trace(c, "Poseidon2WideDeg3").rows, 64u);
  EXPECT_EQ(trace(c, "Select").rows, 32u);

  // Linear layers and S-boxes bring ExtAlu consumers: 4 * 10 + 20 = 60 <= 70.
  const ChipRows wrap{
      {"Poseidon2LinearLayer", 10}, {"Poseidon2SBox", 20}, {"ExtAlu", 70}, {"ExtFeltConvert", 5}, {"MemoryVar", 9}};
  const Executed w = run(random_program_with_rows(6, wrap, MachineKind::Wrap), MachineKind::Wrap);
  expect_valid(w, MachineKind::Wrap, "wrap rows");
  EXPECT_EQ(w.record.poseidon2_linear_layer.size(), 10u);
  EXPECT_EQ(w.record.poseidon2_sbox.size(), 20u);
  EXPECT_EQ(w.record.ext_alu.size(), 70u);
  EXPECT_EQ(w.record.ext_felt.size(), 5u);
  EXPECT_EQ(w.record.mem_var.size(), 9u);
  EXPECT_EQ(w.record.base_alu.size(), 0u);
  EXPECT_EQ(w.record.mem_const_count, 8u);  // the constants every program starts with

  EXPECT_THROW(random_program_with_rows(1, {{"Poseidon2WideDeg3", 1}}, MachineKind::Wrap), std::invalid_argument);
}

TEST(Sp1RecursionPrograms, Poseidon2ChainMatchesTheLibraryPermutation) {
  const Executed r = run(load_program(test::recursion_program_text("poseidon2_chain.rasm")), MachineKind::Compress);
  using P2 = zkgpu::poseidon2::KoalaBear16;
  Felt s[16];
  for (uint32_t i = 0; i < 16; ++i) s[i] = f(i + 1);
  std::vector<Felt> states;
  for (int k = 0; k < 12; ++k) {
    zkgpu::poseidon2::permute<P2>(s, zkgpu::poseidon2::kHostConstants<P2>);
    states.insert(states.end(), std::begin(s), std::end(s));
  }
  ASSERT_EQ(r.record.poseidon2.size(), 12u);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(r.record.poseidon2.back().output[i], s[i]);
  for (size_t i = 0; i < kNumPublicValues; ++i) EXPECT_EQ(r.record.public_values[i], states[i]) << i;
  // 12 permutations pad to 32 rows; padding rows hold the permutation of zero.
  const ChipTrace& wide = trace(r, "Poseidon2WideDeg3");
  EXPECT_EQ(wide.rows, 32u);
  const auto& out = air::Poseidon2WideChip::kMain.output_state;
  Felt zero[16] = {};
  zkgpu::poseidon2::permute<P2>(zero, zkgpu::poseidon2::kHostConstants<P2>);
  EXPECT_EQ(wide.main[31 * air::Poseidon2WideChip::kWidth + out[0]], zero[0]);
  EXPECT_EQ(trace(r, "PublicValues").rows, 16u);
}

TEST(Sp1RecursionPrograms, ArithmeticFollowsSp1Semantics) {
  std::ostringstream printed;
  const Program p = load_program(test::recursion_program_text("ext_arithmetic.rasm"));
  const ExecutionRecord rec = execute(p, &printed);
  ASSERT_EQ(rec.base_alu.size(), 6u);
  EXPECT_EQ(rec.base_alu[3].out, -f(24) * f(7).inverse());
  EXPECT_EQ(rec.base_alu[4].out, Felt::one());  // 0 / 0
  EXPECT_EQ(rec.base_alu[5].out, -f(24));
  const Block a{f(1), f(2), f(3), f(4)};
  EXPECT_EQ(rec.ext_alu[3].out, a);                                // a b / b
  EXPECT_EQ(rec.ext_alu[5].out, (Block{f(1), f(0), f(0), f(0)}));  // 0 / 0
  EXPECT_EQ(rec.mem_const_count, 6u);
  EXPECT_EQ(printed.str(), "PRINTF=" + std::to_string(Felt::kP - 24) + "\nPRINTEF=Block([1, 2, 3, 4])\n");
}

TEST(Sp1RecursionPrograms, HintsSelectsAndPrefixSums) {
  const Executed sel = run(load_program(test::recursion_program_text("selects.rasm")), MachineKind::Compress);
  ASSERT_EQ(sel.record.select.size(), 3u);
  EXPECT_EQ(sel.record.select[0].out1, f(200));
  EXPECT_EQ(sel.record.select[1].out1, f(100));
  EXPECT_EQ(sel.record.base_alu[1].out, f(0));

  const Executed ps = run(load_program(test::recursion_program_text("prefix_sum.rasm")), MachineKind::Compress);
  ASSERT_EQ(ps.record.prefix_sum_checks.size(), 4u);
  EXPECT_EQ(ps.record.prefix_sum_checks.back().new_field_acc, f(6));  // bits 0 1 1 0, most significant first

  const Executed h = run(load_program(test::recursion_program_text("hints.rasm")), MachineKind::Wrap);
  // hint [0 1], hint.ext2felts (4), hint.add_curve (14)
  ASSERT_EQ(h.record.mem_var.size(), 2u + 4u + 14u);
  EXPECT_EQ(h.record.mem_var[5], (Block{f(4), f(0), f(0), f(0)}));
  // P + Q = R: -R lies on the line through P and Q.
  septic::Element x1, y1, x3, y3;
  for (uint32_t k = 0; k < 7; ++k) {
    x1[k] = f(11 + k);
    y1[k] = f(21 + k);
    x3[k] = h.record.mem_var[6 + k][0];
    y3[k] = h.record.mem_var[13 + k][0];
  }
  const septic::Element zero{};
  const auto lhs = septic::mul(septic::sub(x1, y1), septic::sub(x3, x1));  // (y2 - y1)(x3 - x1), y2 = x1
  const auto rhs = septic::mul(septic::sub(septic::sub(zero, y3), y1), septic::sub(y1, x1));  // (-y3 - y1)(x2 - x1)
  EXPECT_EQ(lhs, rhs);
}

TEST(Sp1RecursionPrograms, SepticInverse) {
  std::mt19937 rng(3);
  for (int t = 0; t < 20; ++t) {
    septic::Element a;
    for (Felt& x : a) x = f(rng() % Felt::kP);
    const auto inv = septic::inverse(a);
    ASSERT_TRUE(inv);
    septic::Element one{};
    one[0] = Felt::one();
    EXPECT_EQ(septic::mul(a, *inv), one);
  }
  EXPECT_FALSE(septic::inverse(septic::Element{}));
}

TEST(Sp1RecursionPrograms, MutatedTraceCellBreaksAConstraint) {
  Executed r = run(load_program(test::recursion_program_text("poseidon2_chain.rasm")), MachineKind::Compress);
  const air::Machine& m = air::compress_machine();
  const size_t chip = chip_index(m, "Poseidon2WideDeg3");
  ASSERT_EQ(m.chips[chip]->name(), r.traces[chip].name);
  ChipTrace& wide = r.traces[chip];
  wide.main[5 * air::Poseidon2WideChip::kWidth + air::Poseidon2WideChip::kMain.internal_rounds_s0[3]] += f(1);
  const auto v = air::first_violation(*m.chips[chip], view(wide), r.record.public_values);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->row, 5u);

  // A hinted value changed in the trace: MemoryVar has no constraint, but memory no
  // longer balances.
  Executed h = run(load_program(test::recursion_program_text("hints.rasm")), MachineKind::Compress);
  expect_valid(h, MachineKind::Compress, "hints");
  const size_t var = chip_index(m, "MemoryVar");
  h.traces[var].main[air::MemoryVarChip<2>::kMain.values[1][0]] += f(1);
  EXPECT_FALSE(air::first_violation(*m.chips[var], view(h.traces[var]), h.record.public_values));
  EXPECT_FALSE(interaction_total(h, MachineKind::Compress, challenge(1)).is_zero());
}

TEST(Sp1RecursionPrograms, WrongMultiplicityUnbalancesMemory) {
  for (MachineKind kind : {MachineKind::Compress, MachineKind::Wrap}) {
    Program p = random_program(11, 300, kind);
    ASSERT_TRUE(interaction_total(run(p, kind), kind, challenge(1)).is_zero());
    for (Instruction& ins : p.instructions)
      if (auto* i = get_instr<BaseAluInstr>(&ins)) {
        i->mult += Felt::one();
        break;
      }
    const Executed r = run(p, kind);
    EXPECT_FALSE(interaction_total(r, kind, challenge(1)).is_zero());
  }
}

TEST(Sp1RecursionPrograms, PaddingHeights) {
  EXPECT_EQ(padded_height(0), 16u);
  EXPECT_EQ(padded_height(1), 32u);
  EXPECT_EQ(padded_height(32), 32u);
  EXPECT_EQ(padded_height(33), 64u);
  EXPECT_EQ(padded_height(5, 128), 128u);
  EXPECT_THROW(padded_height(129, 128), std::invalid_argument);

  const Program p = load_program(test::recursion_program_text("selects.rasm"));
  const ExecutionRecord rec = execute(p);
  TraceOptions fixed;
  fixed.fixed_heights["Select"] = 64;
  const auto traces = generate_traces(air::compress_machine(), p, rec, fixed);
  for (const ChipTrace& t : traces) {
    const size_t expect = t.name == "Select"                                                        ? 64
                          : t.name == "MemoryConst" || t.name == "BaseAlu" || t.name == "MemoryVar" ? 32
                                                                                                    : 16;
    EXPECT_EQ(t.rows, expect) << t.name;
  }
  fixed.fixed_heights["Select"] = 2;
  EXPECT_THROW(generate_traces(air::compress_machine(), p, rec, fixed), std::invalid_argument);
}

TEST(Sp1RecursionPrograms, InstructionWithoutAChipIsRejected) {
  const Program p = load_program(test::recursion_program_text("poseidon2_chain.rasm"));
  EXPECT_THROW(generate_traces(air::wrap_machine(), p, execute(p)), std::invalid_argument);
  const Program w = load_program(test::recursion_program_text("wrap_poseidon2_steps.rasm"));
  EXPECT_THROW(generate_traces(air::compress_machine(), w, execute(w)), std::invalid_argument);
}

TEST(Sp1RecursionPrograms, TracesNeedTheProgramsOwnRecord) {
  const Program p = random_program(21, 400, MachineKind::Compress);
  const Program other = random_program(22, 500, MachineKind::Compress);
  PreparedTraces prepared(air::compress_machine(), p);
  try {
    (void)std::move(prepared).finish(execute(other));
    FAIL() << "a record of another program was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("the record is not this program's"), std::string::npos) << e.what();
  }
}

template <class E>
std::string error_of(const std::string& text, bool run_it = false) {
  try {
    const Program p = load_program(text);
    if (run_it) execute(p);
  } catch (const E& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(Sp1RecursionPrograms, ParseAndAssembleErrorsNameTheLine) {
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1\nbase.add 1 0\n"),
            "line 2: expected an address at the end of the line");
  EXPECT_EQ(error_of<ProgramError>("\n# c\nfrobnicate 1\n"), "line 3: unknown instruction 'frobnicate'");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 2130706433\n"),
            "line 1: a field element 2130706433 is not below 2130706433");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 x1\n"), "line 1: expected a field element, found 'x1'");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1 2\n"), "line 1: expected a field element at the end of the line");
  EXPECT_EQ(error_of<ProgramError>("p2.linear.external [0 1 2] [4..8]\n"),
            "line 1: the outputs has 3 addresses, expected 4");
  EXPECT_EQ(error_of<ProgramError>("hint [0 1\n"), "line 1: missing ']' after the outputs");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1\nbase.add 2 0 1\n"),
            "line 2: base.add: reads address 1, which no earlier instruction writes");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1\nbase.add 0 0 0\n"),
            "line 2: base.add: writes address 0 a second time");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1\np2.sbox.external 1 0\nbase.add 2 1 1\n"),
            "line 2: p2.sbox.external: output 1 is read 2 times; the chip writes it for exactly one read");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1\nprefix_sum_checks 0 0 [0] [0 0] [1] [2]\n"),
            "line 2: prefix_sum_checks: x1, x2, accs and field_accs must have the same length");
  EXPECT_EQ(error_of<ProgramError>("mem.write 0 1\ncommit_pv [0*187]\ncommit_pv [0*187]\n"),
            "line 3: commit_pv: a second commit of the public values");
  EXPECT_EQ(error_of<ProgramError>("mem.write 200000000 1\n"),
            "line 1: mem.write: address 200000000 is beyond the 134217728-cell memory");
}

TEST(Sp1RecursionPrograms, UnassembledProgramsAreErrorsNotCrashes) {
  Program p = parse_program("mem.write 0 1\nprefix_sum_checks 0 0 [0] [0] [1] [2]\n");
  get_instr<PrefixSumChecksInstr>(&p.instructions[1])->x2.clear();
  EXPECT_THROW(execute(p), ProgramError);
  EXPECT_THROW(generate_traces(air::compress_machine(), p, ExecutionRecord{}), ProgramError);
  EXPECT_THROW(execute(parse_program("mem.write 0 1\n")), ExecutionError);  // no memory: not assembled
}

TEST(Sp1RecursionPrograms, ExecutionErrorsNameTheLine) {
  EXPECT_EQ(error_of<ExecutionError>("mem.write 0 1\nmem.write 1 0\nbase.div 2 0 1\n", true),
            "line 3: base.div: divides 1 by zero");
  EXPECT_EQ(error_of<ExecutionError>("mem.write 0 1\nmem.write 1 0\next.div 2 0 1\n", true),
            "line 3: ext.div: divides a nonzero extension element by zero");
  EXPECT_EQ(error_of<ExecutionError>("witness 1\nhint [0 1]\n", true), "line 2: hint: needs 2 witness blocks, 1 left");
  EXPECT_EQ(error_of<ExecutionError>("mem.write 0 1\nmem.read 0 2\n", true),
            "line 2: mem.read: address 0 holds another value");
  EXPECT_EQ(error_of<ExecutionError>("mem.write 0 1\nhint.add_curve [1..8] [8..15] [0*7] [0*7] [0*7] [0*7]\n", true),
            "line 2: hint.add_curve: adds two points with the same x coordinate");
}

// Each chip's widths are those of SP1 v6.4's column structs (crates/recursion/machine/
// src/chips/: the *Cols and *PreprocessedCols structs; MemoryVar per machine).
TEST(Sp1RecursionPrograms, ChipWidthsMatchSp1) {
  struct W {
    const char* name;
    size_t main, prep;
  };
  const W compress[] = {
      {"MemoryConst", 1, 6},          {"MemoryVar", 8, 4},        {"BaseAlu", 3, 8}, {"ExtAlu", 12, 8},
      {"Poseidon2WideDeg3", 179, 49}, {"PrefixSumChecks", 15, 9}, {"Select", 5, 8},  {"PublicValues", 1, 10}};
  const W wrap[] = {{"MemoryConst", 1, 6},
                    {"MemoryVar", 4, 2},
                    {"BaseAlu", 3, 8},
                    {"ExtAlu", 12, 8},
                    {"Poseidon2LinearLayer", 16, 10},
                    {"Poseidon2SBox", 8, 4},
                    {"ExtFeltConvert", 4, 10},
                    {"Select", 5, 8},
                    {"PublicValues", 1, 10}};
  for (const auto& [m, list] : {std::pair{&air::compress_machine(), std::span<const W>(compress)},
                                std::pair{&air::wrap_machine(), std::span<const W>(wrap)}}) {
    ASSERT_EQ(m->chips.size(), list.size());
    for (size_t i = 0; i < list.size(); ++i) {
      EXPECT_EQ(m->chips[i]->name(), list[i].name);
      EXPECT_EQ(m->chips[i]->width(), list[i].main) << list[i].name;
      EXPECT_EQ(m->chips[i]->preprocessed_width(), list[i].prep) << list[i].name;
    }
  }
}

}  // namespace
}  // namespace zkgpu::sp1::recursion
