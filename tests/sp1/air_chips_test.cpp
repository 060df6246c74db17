// Each recursion chip on hand-made rows: a row that follows the chip's rule satisfies
// every constraint; breaking one value violates one. Poseidon2 rows come from the
// library permutation, which pins the AIR's round structure and linear layers to it.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "math/poseidon2/poseidon2_31.hpp"
#include "sp1/air/chips/base_alu.hpp"
#include "sp1/air/chips/ext_alu.hpp"
#include "sp1/air/chips/ext_felt_convert.hpp"
#include "sp1/air/chips/memory_const.hpp"
#include "sp1/air/chips/memory_var.hpp"
#include "sp1/air/chips/poseidon2_linear_layer.hpp"
#include "sp1/air/chips/poseidon2_sbox.hpp"
#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/air/chips/prefix_sum_checks.hpp"
#include "sp1/air/chips/public_values.hpp"
#include "sp1/air/chips/select.hpp"
#include "sp1/air/degree.hpp"
#include "sp1/air/evaluator.hpp"
#include "sp1/air/machine.hpp"
#include "sp1/air/trace_check.hpp"

namespace zkgpu::sp1::air {
namespace {

using Row = std::vector<Felt>;

Felt f(uint32_t x) { return Felt::from_canonical(x); }

Felt random_felt(std::mt19937& rng) { return f(rng() % Felt::kP); }

template <class Chip>
RowEvaluation<Felt> run(const Chip& chip, const Row& main, const Row& prep, const Row& pv = {}) {
  return evaluate<Chip, Felt>(chip, main, prep, pv);
}

// Indices of the constraints that do not vanish.
std::vector<size_t> violated(const RowEvaluation<Felt>& e) {
  std::vector<size_t> out;
  for (size_t i = 0; i < e.constraints.size(); ++i)
    if (!e.constraints[i].is_zero()) out.push_back(i);
  return out;
}

void expect_interaction(const Interaction<Felt>& i, Felt addr, std::array<Felt, 4> value, Felt mult) {
  ASSERT_EQ(i.values.size(), 5u);
  EXPECT_EQ(i.kind, InteractionKind::Memory);
  EXPECT_EQ(i.values[0], addr);
  for (size_t k = 0; k < 4; ++k) EXPECT_EQ(i.values[1 + k], value[k]) << k;
  EXPECT_EQ(i.multiplicity, mult);
}

TEST(Sp1AirChips, BaseAluOpsSatisfyAndViolations) {
  std::mt19937 rng(1);
  const BaseAluChip chip;
  const Felt a = random_felt(rng), b = random_felt(rng);
  struct Case {
    size_t flag;
    Felt out;
  } cases[] = {{3, a + b}, {4, a - b}, {5, a * b}, {6, a * b.inverse()}};
  for (const auto& c : cases) {
    Row main{c.out, a, b};
    Row prep{f(10), f(11), f(12), f(0), f(0), f(0), f(0), f(5)};
    prep[c.flag] = f(1);
    const auto e = run(chip, main, prep);
    EXPECT_TRUE(violated(e).empty()) << "flag " << c.flag;
    ASSERT_EQ(e.receives.size(), 2u);
    ASSERT_EQ(e.sends.size(), 1u);
    expect_interaction(e.receives[0], f(11), {a, f(0), f(0), f(0)}, f(1));
    expect_interaction(e.receives[1], f(12), {b, f(0), f(0), f(0)}, f(1));
    expect_interaction(e.sends[0], f(10), {c.out, f(0), f(0), f(0)}, f(5));

    main[0] += f(1);
    EXPECT_EQ(violated(run(chip, main, prep)).size(), 1u);
  }
  // Two flags at once: is_real = 2 is not a bit.
  Row prep{f(0), f(0), f(0), f(1), f(1), f(0), f(0), f(0)};
  EXPECT_EQ(violated(run(chip, Row{a + b, a, b}, prep)), std::vector<size_t>({0, 2}));
  // A padding row (all zero) satisfies everything and interacts with multiplicity 0.
  const auto pad = run(chip, Row(3, f(0)), Row(8, f(0)));
  EXPECT_TRUE(violated(pad).empty());
  EXPECT_EQ(pad.receives[0].multiplicity, f(0));
}

Row block_row(std::initializer_list<Ext> blocks) {
  Row r;
  for (const Ext& x : blocks) r.insert(r.end(), std::begin(x.c), std::end(x.c));
  return r;
}

Ext random_ext(std::mt19937& rng) {
  return Ext{{random_felt(rng), random_felt(rng), random_felt(rng), random_felt(rng)}};
}

TEST(Sp1AirChips, ExtAluOpsSatisfyAndViolations) {
  std::mt19937 rng(2);
  const ExtAluChip chip;
  const Ext a = random_ext(rng), b = random_ext(rng);
  struct Case {
    size_t flag;
    Ext out;
  } cases[] = {{3, a + b}, {4, a - b}, {5, a * b}, {6, a * b.inverse()}};
  for (const auto& c : cases) {
    Row main = block_row({c.out, a, b});
    Row prep{f(1), f(2), f(3), f(0), f(0), f(0), f(0), f(4)};
    prep[c.flag] = f(1);
    const auto e = run(chip, main, prep);
    EXPECT_TRUE(violated(e).empty()) << "flag " << c.flag;
    expect_interaction(e.sends[0], f(1), {c.out.c[0], c.out.c[1], c.out.c[2], c.out.c[3]}, f(4));
    main[2] += f(1);  // out's x^2 coefficient
    EXPECT_FALSE(violated(run(chip, main, prep)).empty()) << "flag " << c.flag;
  }
}

TEST(Sp1AirChips, MemoryChipsHaveNoConstraintsAndSendTheirBlocks) {
  const MemoryConstChip mc;
  const auto e = run(mc, Row{f(0)}, Row{f(1), f(2), f(3), f(4), f(77), f(Felt::kP - 1)});
  EXPECT_TRUE(e.constraints.empty());
  ASSERT_EQ(e.sends.size(), 1u);
  expect_interaction(e.sends[0], f(77), {f(1), f(2), f(3), f(4)}, f(Felt::kP - 1));

  const MemoryVarChip<2> mv;
  const auto v = run(mv, Row{f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8)}, Row{f(10), f(1), f(11), f(2)});
  ASSERT_EQ(v.sends.size(), 2u);
  expect_interaction(v.sends[1], f(11), {f(5), f(6), f(7), f(8)}, f(2));
  EXPECT_EQ(MemoryVarChip<1>::kWidth, 4u);
  EXPECT_EQ(MemoryVarChip<1>::kPreprocessedWidth, 2u);
}

TEST(Sp1AirChips, SelectSwapsOnBit) {
  const SelectChip chip;
  const Row prep{f(1), f(20), f(21), f(22), f(23), f(24), f(1), f(2)};
  EXPECT_TRUE(violated(run(chip, Row{f(0), f(5), f(9), f(5), f(9)}, prep)).empty());
  EXPECT_TRUE(violated(run(chip, Row{f(1), f(9), f(5), f(5), f(9)}, prep)).empty());
  EXPECT_EQ(violated(run(chip, Row{f(1), f(5), f(9), f(5), f(9)}, prep)), std::vector<size_t>({1}));
  EXPECT_EQ(violated(run(chip, Row{f(2), f(13), f(1), f(5), f(9)}, prep)), std::vector<size_t>({0}));
  const auto e = run(chip, Row{f(1), f(9), f(5), f(5), f(9)}, prep);
  ASSERT_EQ(e.receives.size(), 3u);
  expect_interaction(e.receives[0], f(20), {f(1), f(0), f(0), f(0)}, f(1));
  expect_interaction(e.sends[1], f(22), {f(5), f(0), f(0), f(0)}, f(2));
}

TEST(Sp1AirChips, ExtFeltConvertReadsOneWritesFour) {
  const ExtFeltConvertChip chip;
  const auto e = run(chip, Row{f(1), f(2), f(3), f(4)},
                     Row{f(10), f(11), f(12), f(13), f(14), f(Felt::kP - 1), f(1), f(1), f(1), f(1)});
  EXPECT_TRUE(e.constraints.empty());
  ASSERT_EQ(e.receives.size(), 1u);
  ASSERT_EQ(e.sends.size(), 4u);
  expect_interaction(e.receives[0], f(10), {f(1), f(2), f(3), f(4)}, f(Felt::kP - 1));
  expect_interaction(e.sends[3], f(14), {f(4), f(0), f(0), f(0)}, f(1));
}

TEST(Sp1AirChips, Poseidon2SBoxCubes) {
  const Poseidon2SBoxChip chip;
  const Row in{f(2), f(3), f(5), f(7)};
  Row main = in;
  for (Felt x : in) main.push_back(x * x * x);
  const Row external{f(1), f(2), f(1), f(0)}, internal{f(1), f(2), f(0), f(1)};
  EXPECT_TRUE(violated(run(chip, main, external)).empty());
  const auto e = run(chip, main, internal);
  EXPECT_TRUE(violated(e).empty());
  // The internal S-box passes lanes 1..3 through.
  expect_interaction(e.sends[1], f(2), {f(8), f(3), f(5), f(7)}, f(1));
  EXPECT_EQ(violated(run(chip, main, Row{f(1), f(2), f(1), f(1)})), std::vector<size_t>({2}));
  main[7] += f(1);
  EXPECT_EQ(violated(run(chip, main, external)), std::vector<size_t>({6}));
}

using P2 = zkgpu::poseidon2::KoalaBear16;
using State = Felt[16];

TEST(Sp1AirChips, Poseidon2LinearLayerMatchesLibraryLayers) {
  std::mt19937 rng(3);
  State s, ext, in;
  for (int i = 0; i < 16; ++i) s[i] = ext[i] = in[i] = random_felt(rng);
  zkgpu::poseidon2::external_layer(ext);
  P2::internal_layer(in);
  const Row main(std::begin(s), std::end(s));
  Row prep{f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8), f(1), f(0)};
  const auto e = run(Poseidon2LinearLayerChip{}, main, prep);
  EXPECT_TRUE(violated(e).empty());
  ASSERT_EQ(e.sends.size(), 8u);
  for (size_t i = 0; i < 4; ++i) {
    expect_interaction(e.sends[2 * i], f(5 + i), {ext[4 * i], ext[4 * i + 1], ext[4 * i + 2], ext[4 * i + 3]}, f(1));
    expect_interaction(e.sends[2 * i + 1], f(5 + i), {in[4 * i], in[4 * i + 1], in[4 * i + 2], in[4 * i + 3]}, f(0));
  }
  prep[9] = f(1);
  EXPECT_EQ(violated(run(Poseidon2LinearLayerChip{}, main, prep)), std::vector<size_t>({2}));
}

// A Poseidon2WideDeg3 row for `input`, built round by round from the library's
// pieces; the last check makes sure the pieces compose to the library permutation.
Row wide_row(const State& input) {
  const auto& rc = zkgpu::poseidon2::kHostConstants<P2>;
  Row row(Poseidon2WideChip::kWidth);
  State s;
  for (int i = 0; i < 16; ++i) s[i] = input[i];
  constexpr auto& c = Poseidon2WideChip::kMain;
  auto store = [&](const std::array<size_t, 16>& cols) {
    for (int i = 0; i < 16; ++i) row[cols[i]] = s[i];
  };
  store(c.external_rounds_state[0]);
  zkgpu::poseidon2::external_layer(s);
  for (int r = 0; r < 4; ++r) {
    if (r > 0) store(c.external_rounds_state[r]);
    for (int i = 0; i < 16; ++i) s[i] = P2::sbox(s[i] + Felt::from_raw(rc.initial[r][i]));
    zkgpu::poseidon2::external_layer(s);
  }
  store(c.internal_rounds_state);
  for (int r = 0; r < 20; ++r) {
    s[0] = P2::sbox(s[0] + Felt::from_raw(rc.internal[r]));
    P2::internal_layer(s);
    if (r < 19) row[c.internal_rounds_s0[r]] = s[0];
  }
  for (int r = 0; r < 4; ++r) {
    store(c.external_rounds_state[4 + r]);
    for (int i = 0; i < 16; ++i) s[i] = P2::sbox(s[i] + Felt::from_raw(rc.terminal[r][i]));
    zkgpu::poseidon2::external_layer(s);
  }
  store(c.output_state);

  State expect;
  for (int i = 0; i < 16; ++i) expect[i] = input[i];
  zkgpu::poseidon2::permute<P2>(expect, rc);
  for (int i = 0; i < 16; ++i) EXPECT_EQ(s[i], expect[i]);
  return row;
}

TEST(Sp1AirChips, Poseidon2WideAcceptsRealPermutations) {
  std::mt19937 rng(4);
  const Poseidon2WideChip chip;
  Row prep(Poseidon2WideChip::kPreprocessedWidth, f(1));
  for (int trial = 0; trial < 4; ++trial) {
    State in;
    for (auto& x : in) x = trial == 0 ? f(0) : random_felt(rng);
    Row row = wide_row(in);
    const auto e = run(chip, row, prep);
    EXPECT_TRUE(violated(e).empty()) << "trial " << trial;
    EXPECT_EQ(e.constraints.size(), 1u + 8 * 16 + 19 + 16);
    ASSERT_EQ(e.receives.size(), 16u);
    ASSERT_EQ(e.sends.size(), 16u);
    expect_interaction(e.sends[15], f(1), {row[Poseidon2WideChip::kMain.output_state[15]], f(0), f(0), f(0)}, f(1));

    // One wrong intermediate value breaks the constraint that produces it (and the
    // next one that reads it).
    row[Poseidon2WideChip::kMain.internal_rounds_s0[7]] += f(1);
    const auto bad = violated(run(chip, row, prep));
    ASSERT_FALSE(bad.empty());
    EXPECT_EQ(bad.front(), 1u + 8 * 16 + 7);
  }
}

TEST(Sp1AirChips, PrefixSumChecksStep) {
  std::mt19937 rng(5);
  const PrefixSumChecksChip chip;
  for (uint32_t bit : {0u, 1u}) {
    const Felt x1 = f(bit);
    const Ext x2 = random_ext(rng), acc = random_ext(rng);
    const Ext one = Ext::one();
    const Ext x1e{{x1, f(0), f(0), f(0)}};
    const Ext eq = one - x1e - x2 + x1e * x2 + x1e * x2;
    const Ext new_acc = acc * eq;
    const Felt felt_acc = f(12345);
    Row main{x1};
    for (const Ext* e : {&x2, &acc, &new_acc}) main.insert(main.end(), std::begin(e->c), std::end(e->c));
    main.push_back(felt_acc);
    main.push_back(x1 + f(2) * felt_acc);
    const Row prep{f(1), f(2), f(3), f(4), f(5), f(6), f(7), f(8), f(1)};
    const auto e = run(chip, main, prep);
    EXPECT_TRUE(violated(e).empty()) << bit;
    EXPECT_EQ(e.receives.size(), 4u);
    EXPECT_EQ(e.sends.size(), 2u);
    main[14] += f(1);
    EXPECT_EQ(violated(run(chip, main, prep)), std::vector<size_t>({6}));
  }
  Row main(15, f(0));
  main[0] = f(2);  // x1 not a bit
  EXPECT_EQ(violated(run(chip, main, Row(9, f(0))))[0], 1u);
}

TEST(Sp1AirChips, PublicValuesBindsDigestRows) {
  const PublicValuesChip chip;
  Row pv(187, f(0));
  for (size_t i = 0; i < 8; ++i) pv[175 + i] = f(100 + i);
  for (size_t i = 0; i < 8; ++i) {
    Row prep(10, f(0));
    prep[i] = f(1);
    prep[8] = f(40 + i);
    prep[9] = f(1);
    const auto e = run(chip, Row{f(100 + i)}, prep, pv);
    EXPECT_TRUE(violated(e).empty()) << i;
    expect_interaction(e.receives[0], f(40 + i), {f(100 + i), f(0), f(0), f(0)}, f(1));
    EXPECT_EQ(violated(run(chip, Row{f(101 + i)}, prep, pv)), std::vector<size_t>({i}));
  }
}

TEST(Sp1AirChips, RowOfTheWrongWidthIsAnError) {
  EXPECT_THROW(run(BaseAluChip{}, Row(2, f(0)), Row(8, f(0))), std::invalid_argument);
  EXPECT_THROW(compress_machine().chips[0]->eval(std::span<const Felt>(), std::span<const Felt>(), {}),
               std::invalid_argument);
}

// Every constraint has degree at most 3 and every interaction is affine, as SP1's
// Chip::new asserts; the degree builder is checked on one chip with known degrees.
template <class Chip>
void expect_degrees(const Chip& chip, int max_constraint) {
  const ChipDegrees d = degrees(chip);
  int max = 0;
  for (int x : d.constraints) max = std::max(max, x);
  EXPECT_EQ(max, max_constraint) << Chip::kName;
  EXPECT_LE(d.max_interaction, 1) << Chip::kName;
}

TEST(Sp1AirChips, ConstraintDegreesAtMostThreeInteractionsAffine) {
  EXPECT_EQ(degrees(BaseAluChip{}).constraints, (std::vector<int>{2, 2, 2, 3, 3}));
  expect_degrees(BaseAluChip{}, 3);
  expect_degrees(ExtAluChip{}, 3);
  expect_degrees(ExtFeltConvertChip{}, 0);
  expect_degrees(MemoryConstChip{}, 0);
  expect_degrees(MemoryVarChip<2>{}, 0);
  expect_degrees(Poseidon2LinearLayerChip{}, 2);
  expect_degrees(Poseidon2SBoxChip{}, 3);
  expect_degrees(Poseidon2WideChip{}, 3);
  expect_degrees(PrefixSumChecksChip{}, 3);
  expect_degrees(PublicValuesChip{}, 2);
  expect_degrees(SelectChip{}, 2);
}

// A three-instruction program as traces: MemoryConst writes 3 at address 1 (read
// twice) and 4 at address 2; BaseAlu computes [3] = [1] + [2] = 7 and [4] = [1] * [3]
// = 21 (never read). Each chip has one all-zero padding row.
struct TinyProgram {
  Row const_main{f(0), f(0), f(0)};
  Row const_prep{f(3), f(0), f(0), f(0), f(1), f(2),  //
                 f(4), f(0), f(0), f(0), f(2), f(1),  //
                 f(0), f(0), f(0), f(0), f(0), f(0)};
  Row alu_main{f(7), f(3), f(4),  //
               f(21), f(3), f(7),  //
               f(0), f(0), f(0)};
  Row alu_prep{f(3), f(1), f(2), f(1), f(0), f(0), f(0), f(1),  //
               f(4), f(1), f(3), f(0), f(0), f(1), f(0), f(0),  //
               f(0), f(0), f(0), f(0), f(0), f(0), f(0), f(0)};
};

TEST(Sp1AirTraces, ConstraintsAndInteractionsOverWholeTraces) {
  const Machine& m = compress_machine();
  const MachineChip& mem = *m.find("MemoryConst");
  const MachineChip& alu = *m.find("BaseAlu");
  TinyProgram p;
  const Ext alpha{{f(11), f(12), f(13), f(14)}};
  std::vector<Ext> betas;
  for (uint32_t i = 0; i < 8; ++i) betas.push_back(Ext{{f(100 + i), f(7 * i), f(1), f(i * i)}});

  auto sum = [&](const TinyProgram& q) {
    return interaction_sum(mem, {q.const_main, q.const_prep, 3}, {}, alpha, betas) +
           interaction_sum(alu, {q.alu_main, q.alu_prep, 3}, {}, alpha, betas);
  };
  EXPECT_FALSE(first_violation(alu, {p.alu_main, p.alu_prep, 3}, {}));
  EXPECT_FALSE(first_violation(mem, {p.const_main, p.const_prep, 3}, {}));
  EXPECT_TRUE(sum(p).is_zero());

  // A wrong sum in row 0 breaks its add constraint.
  TinyProgram bad = p;
  bad.alu_main[0] = f(8);
  const auto v = first_violation(alu, {bad.alu_main, bad.alu_prep, 3}, {});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->row, 0u);
  EXPECT_EQ(v->constraint, 1u);
  // Reading address 1 a third time unbalances memory.
  bad = p;
  bad.alu_prep[2 * 8 + 1] = f(1);  // padding row now reads [1] with in1 = 0
  bad.alu_prep[2 * 8 + 3] = f(1);
  EXPECT_FALSE(first_violation(alu, {bad.alu_main, bad.alu_prep, 3}, {}));
  EXPECT_FALSE(sum(bad).is_zero());
  EXPECT_THROW(first_violation(alu, {p.alu_main, p.alu_prep, 2}, {}), std::invalid_argument);
}

TEST(Sp1AirMachines, ChipListsAndShapes) {
  std::vector<std::string_view> names;
  for (const auto& c : compress_machine().chips) names.push_back(c->name());
  EXPECT_EQ(names, (std::vector<std::string_view>{"MemoryConst", "MemoryVar", "BaseAlu", "ExtAlu",
                                                  "Poseidon2WideDeg3", "PrefixSumChecks", "Select",
                                                  "PublicValues"}));
  names.clear();
  for (const auto& c : wrap_machine().chips) names.push_back(c->name());
  EXPECT_EQ(names, (std::vector<std::string_view>{"MemoryConst", "MemoryVar", "BaseAlu", "ExtAlu",
                                                  "Poseidon2LinearLayer", "Poseidon2SBox", "ExtFeltConvert",
                                                  "Select", "PublicValues"}));
  EXPECT_EQ(compress_machine().find("MemoryVar")->width(), 8u);
  EXPECT_EQ(wrap_machine().find("MemoryVar")->width(), 4u);
  EXPECT_EQ(wrap_machine().find("Poseidon2WideDeg3"), nullptr);
  const MachineChip& wide = *compress_machine().find("Poseidon2WideDeg3");
  EXPECT_EQ(wide.width(), 179u);
  EXPECT_EQ(wide.preprocessed_width(), 49u);
  EXPECT_EQ(wide.num_constraints(), 1u + 8 * 16 + 19 + 16);
  EXPECT_EQ(wide.num_interactions(), 32u);
  EXPECT_EQ(wide.max_interaction_arity(), 6u);
}

}  // namespace
}  // namespace zkgpu::sp1::air
