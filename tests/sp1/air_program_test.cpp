// The compiled constraint programs against the chips' template evals: on random
// rows of base-field and extension values every constraint, every interaction and
// the verifier's fold are equal, for every chip of both machines; the degrees read
// off the graph equal the degree builder's. Then the symbolic builder's own rules.
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <set>
#include <tuple>
#include <vector>

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
#include "sp1/air/machine.hpp"
#include "sp1/air/program_eval.hpp"
#include "sp1/air/symbolic_builder.hpp"
#include "sp1/air/trace_check.hpp"

namespace zkgpu::sp1::air {
namespace {

Felt f(uint32_t x) { return Felt::from_canonical(x); }

Felt random_value(std::mt19937& rng, Felt) {
  // Mostly uniform values, with some 0s and 1s so flags and selectors take their
  // boolean values too.
  const uint32_t r = rng() % 8;
  return r == 0 ? Felt::zero() : r == 1 ? Felt::one() : f(rng() % Felt::kP);
}

Ext random_value(std::mt19937& rng, Ext) {
  return Ext{{f(rng() % Felt::kP), f(rng() % Felt::kP), f(rng() % Felt::kP), f(rng() % Felt::kP)}};
}

template <class E>
std::vector<E> random_row(std::mt19937& rng, size_t n) {
  std::vector<E> row(n);
  for (E& x : row) x = random_value(rng, E{});
  return row;
}

template <class E>
void expect_same_interactions(const std::vector<Interaction<E>>& a, const std::vector<Interaction<E>>& b,
                              const std::string& what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (size_t k = 0; k < a.size(); ++k) {
    EXPECT_EQ(a[k].kind, b[k].kind) << what << " " << k;
    EXPECT_TRUE(a[k].values == b[k].values) << what << " " << k;
    EXPECT_TRUE(a[k].multiplicity == b[k].multiplicity) << what << " " << k;
  }
}

// `rows` random rows (and the zero row) through the template eval and the program.
template <class E>
void expect_program_equals_template(const MachineChip& chip, size_t rows, uint32_t seed) {
  const std::string name(chip.name());
  std::mt19937 rng(seed);
  const std::vector<Felt> public_values = random_row<Felt>(rng, compress_machine().num_public_values);
  const Ext alpha = random_value(rng, Ext{});
  const std::vector<Ext> powers = constraint_powers(alpha, chip.num_constraints());
  ProgramRunner<E> runner(chip.program());
  for (size_t r = 0; r <= rows; ++r) {
    const E zero = Embed<E>::from(Felt::zero());
    std::vector<E> main(chip.width(), zero), prep(chip.preprocessed_width(), zero);
    if (r < rows) {
      main = random_row<E>(rng, chip.width());
      prep = random_row<E>(rng, chip.preprocessed_width());
    }
    // Half the rows see all the public values, half none (reads past them are 0).
    const std::span<const Felt> pv = r % 2 ? std::span<const Felt>(public_values) : std::span<const Felt>();
    const RowEvaluation<E> want = chip.eval(std::span<const E>(main), prep, pv);
    runner.run(main, prep, pv);
    const RowEvaluation<E> got = runner.row_evaluation();

    ASSERT_EQ(got.constraints.size(), want.constraints.size()) << name;
    for (size_t c = 0; c < want.constraints.size(); ++c)
      ASSERT_TRUE(got.constraints[c] == want.constraints[c]) << name << " row " << r << " constraint " << c;
    expect_same_interactions(got.sends, want.sends, name + " sends");
    expect_same_interactions(got.receives, want.receives, name + " receives");

    Ext fold = Ext::zero();
    for (const E& c : want.constraints) fold = fold * alpha + as_ext(c);
    EXPECT_TRUE(runner.fold_constraints(alpha) == fold) << name << " row " << r;
    EXPECT_TRUE(runner.fold_constraints(powers) == fold) << name << " row " << r;
  }
}

std::vector<const MachineChip*> all_chips() {
  std::vector<const MachineChip*> out;
  for (const Machine* m : {&compress_machine(), &wrap_machine()})
    for (const auto& c : m->chips) out.push_back(c.get());
  return out;
}

TEST(Sp1AirProgram, CoversEveryRecursionChip) {
  std::set<std::string_view> names;
  for (const MachineChip* c : all_chips()) names.insert(c->name());
  EXPECT_EQ(names.size(), 11u);
  EXPECT_EQ(all_chips().size(), 17u);  // 8 + 9; MemoryVar has two widths
}

TEST(Sp1AirProgram, BaseRowsEqualTheTemplate) {
  uint32_t seed = 1;
  for (const MachineChip* c : all_chips()) expect_program_equals_template<Felt>(*c, 300, seed++);
}

TEST(Sp1AirProgram, ExtensionRowsEqualTheTemplate) {
  uint32_t seed = 100;
  for (const MachineChip* c : all_chips()) expect_program_equals_template<Ext>(*c, 40, seed++);
}

TEST(Sp1AirProgram, RandomRowsViolateConstraints) {
  // The comparison above is not between two empty lists: a row of random nonzero
  // values breaks something in each chip that has constraints.
  std::mt19937 rng(7);
  for (const MachineChip* c : all_chips()) {
    if (c->num_constraints() == 0) continue;
    auto uniform_row = [&](size_t n) {
      std::vector<Felt> row(n);
      for (Felt& x : row) x = f(1 + rng() % (Felt::kP - 1));
      return row;
    };
    ProgramRunner<Felt> r(c->program());
    r.run(uniform_row(c->width()), uniform_row(c->preprocessed_width()), {});
    EXPECT_FALSE(r.fold_constraints(Ext{{f(3), f(1), f(4), f(1)}}).is_zero()) << c->name();
  }
}

template <class Chip>
void expect_same_degrees() {
  const ChipDegrees want = degrees(Chip{});
  const ChipDegrees got = degrees(compile(Chip{}));
  EXPECT_EQ(got.constraints, want.constraints) << Chip::kName;
  EXPECT_EQ(got.max_interaction, want.max_interaction) << Chip::kName;
}

TEST(Sp1AirProgram, DegreesEqualTheDegreeBuilder) {
  expect_same_degrees<BaseAluChip>();
  expect_same_degrees<ExtAluChip>();
  expect_same_degrees<ExtFeltConvertChip>();
  expect_same_degrees<MemoryConstChip>();
  expect_same_degrees<MemoryVarChip<1>>();
  expect_same_degrees<MemoryVarChip<2>>();
  expect_same_degrees<Poseidon2LinearLayerChip>();
  expect_same_degrees<Poseidon2SBoxChip>();
  expect_same_degrees<Poseidon2WideChip>();
  expect_same_degrees<PrefixSumChecksChip>();
  expect_same_degrees<PublicValuesChip>();
  expect_same_degrees<SelectChip>();
}

TEST(Sp1AirProgram, ProgramsAreValidDeterministicAndShared) {
  for (const MachineChip* c : all_chips()) {
    const ConstraintProgram& p = c->program();
    EXPECT_NO_THROW(validate(p)) << c->name();
    EXPECT_EQ(p.name, c->name());
    // Interning leaves one node per distinct (operation, operands).
    std::set<std::tuple<Op, uint32_t, uint32_t>> distinct;
    for (const Node& n : p.nodes) distinct.insert({n.op, n.a, n.b});
    EXPECT_EQ(distinct.size(), p.nodes.size()) << c->name();
  }
  const ConstraintProgram a = compile(Poseidon2WideChip{}), b = compile(Poseidon2WideChip{});
  ASSERT_EQ(a.nodes.size(), b.nodes.size());
  for (size_t n = 0; n < a.nodes.size(); ++n) {
    EXPECT_EQ(a.nodes[n].op, b.nodes[n].op);
    EXPECT_EQ(a.nodes[n].a, b.nodes[n].a);
    EXPECT_EQ(a.nodes[n].b, b.nodes[n].b);
  }
  EXPECT_EQ(a.constraints, b.constraints);
}

TEST(Sp1AirProgram, ConstraintAndInteractionHalvesEvaluateAsTheWhole) {
  std::mt19937 rng(11);
  for (const MachineChip* c : all_chips()) {
    const ConstraintProgram& whole = c->program();
    const ConstraintProgram cons = constraints_only(whole), inter = interactions_only(whole);
    EXPECT_NO_THROW(validate(cons));
    EXPECT_NO_THROW(validate(inter));
    EXPECT_LE(cons.nodes.size(), whole.nodes.size());
    EXPECT_LE(inter.nodes.size(), whole.nodes.size());
    EXPECT_EQ(cons.num_interactions(), 0u);
    EXPECT_TRUE(inter.constraints.empty());
    ProgramRunner<Felt> w(whole), rc(cons), ri(inter);
    for (int r = 0; r < 20; ++r) {
      const auto main = random_row<Felt>(rng, c->width()), prep = random_row<Felt>(rng, c->preprocessed_width());
      w.run(main, prep, {});
      rc.run(main, prep, {});
      ri.run(main, prep, {});
      const RowEvaluation<Felt> a = w.row_evaluation(), b = rc.row_evaluation(), i = ri.row_evaluation();
      EXPECT_TRUE(a.constraints == b.constraints) << c->name();
      expect_same_interactions(i.sends, a.sends, std::string(c->name()) + " sends");
      expect_same_interactions(i.receives, a.receives, std::string(c->name()) + " receives");
    }
  }
  // The Poseidon2 chips' interactions need none of the rounds.
  const ConstraintProgram& wide = compress_machine().find("Poseidon2WideDeg3")->program();
  EXPECT_LT(interactions_only(wide).nodes.size() * 10, wide.nodes.size());
}

// Blocks of rows through BatchRunner equal the rows one at a time, for a trace
// whose height is not a multiple of the block.
template <class E>
void expect_batch_equals_rows(const MachineChip& chip, size_t rows, size_t lanes, uint32_t seed) {
  std::mt19937 rng(seed);
  const std::vector<E> main = random_row<E>(rng, rows * chip.width()),
                       prep = random_row<E>(rng, rows * chip.preprocessed_width());
  const std::vector<Felt> pv = random_row<Felt>(rng, compress_machine().num_public_values);
  const std::vector<Ext> powers = constraint_powers(random_value(rng, Ext{}), chip.num_constraints());
  ProgramRunner<E> one(chip.program());
  BatchRunner<E> batch(chip.program(), lanes);
  std::vector<Ext> folds(lanes);
  const size_t w = chip.width(), pw = chip.preprocessed_width();
  for (size_t first = 0; first < rows; first += lanes) {
    const size_t count = std::min(lanes, rows - first);
    batch.run(main, prep, first, count, pv);
    batch.fold_constraints(powers, std::span<Ext>(folds.data(), count));
    for (size_t j = 0; j < count; ++j) {
      const size_t row = first + j;
      one.run(std::span<const E>(main).subspan(row * w, w), std::span<const E>(prep).subspan(row * pw, pw), pv);
      for (size_t c = 0; c < chip.num_constraints(); ++c)
        ASSERT_TRUE(batch.constraint(c, j) == one.constraint(c)) << chip.name() << " row " << row << " " << c;
      EXPECT_TRUE(folds[j] == one.fold_constraints(powers)) << chip.name() << " row " << row;
    }
  }
}

TEST(Sp1AirProgram, BlocksOfRowsEqualSingleRows) {
  uint32_t seed = 200;
  for (const MachineChip* c : all_chips()) {
    expect_batch_equals_rows<Felt>(*c, 37, 16, seed++);
    expect_batch_equals_rows<Ext>(*c, 9, 4, seed++);
  }
  const MachineChip& alu = *compress_machine().find("BaseAlu");
  BatchRunner<Felt> b(alu.program(), 4);
  const std::vector<Felt> main(3 * 5), prep(8 * 5);
  EXPECT_THROW(b.run(main, prep, 0, 5, {}), std::invalid_argument);  // more rows than lanes
  EXPECT_THROW(b.run(main, prep, 2, 4, {}), std::invalid_argument);  // past the trace
  EXPECT_THROW(BatchRunner<Felt>(alu.program(), 0), std::invalid_argument);
}

TEST(Sp1AirProgram, FirstViolationFoundPastTheFirstBlock) {
  // 150 BaseAlu additions: valid until row 100's sum is off by one.
  std::mt19937 rng(5);
  const MachineChip& alu = *compress_machine().find("BaseAlu");
  const size_t rows = 150;
  std::vector<Felt> main, prep;
  for (size_t r = 0; r < rows; ++r) {
    const Felt a = f(rng() % Felt::kP), b = f(rng() % Felt::kP);
    main.insert(main.end(), {a + b, a, b});
    prep.insert(prep.end(), {f(1), f(2), f(3), f(1), f(0), f(0), f(0), f(1)});
  }
  EXPECT_FALSE(first_violation(alu, {main, prep, rows}, {}));
  main[100 * 3] += f(1);
  main[120 * 3] += f(1);
  const auto v = first_violation(alu, {main, prep, rows}, {});
  ASSERT_TRUE(v);
  EXPECT_EQ(v->row, 100u);
  EXPECT_EQ(v->constraint, 1u);
}

struct CubeChip {
  static constexpr const char* kName = "Cube";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    const auto x = b.main(0);
    b.assert_zero(x * x * x - x * x * x);
  }
};

TEST(Sp1AirProgram, LiveValues) {
  for (const MachineChip* c : all_chips()) {
    const size_t live = max_live_values(c->program());
    EXPECT_GE(live, 1u) << c->name();
    EXPECT_LE(live, c->program().nodes.size()) << c->name();
  }
  // MemoryConst reads six columns and keeps all six for its one send.
  EXPECT_EQ(max_live_values(compress_machine().find("MemoryConst")->program()), 6u);
  // x, x^2, x^3 (x and x^2 die), then x^3 - x^3 (x^3 dies): at most 2 at once.
  EXPECT_EQ(max_live_values(compile(CubeChip{})), 2u);
}

// A chip written for these tests: the builder's rules on a small graph.
struct RulesChip {
  static constexpr const char* kName = "Rules";
  static constexpr size_t kWidth = 2;
  static constexpr size_t kPreprocessedWidth = 1;
  template <class B>
  void eval(B& b) const {
    const auto x = b.main(0), y = b.main(1), one = b.constant(1), zero = b.constant(0);
    (void)(x * y * y);                                  // never asserted: pruned
    b.assert_zero(x * y - y * x);                       // one product node
    b.assert_zero(x + zero - x * one);                  // x - x
    b.assert_zero(b.constant(2) * b.constant(3) - y);   // 6 - y
    b.assert_zero(-(-x) + -y + b.public_value(200));    // x + (-y) + pv
    const std::array<typename B::Expr, 1> values{x};
    b.interact(Direction::Receive, InteractionKind::Memory, values, b.preprocessed(0));
  }
};

TEST(Sp1AirProgram, BuilderInternsFoldsAndPrunes) {
  const ConstraintProgram p = compile(RulesChip{});
  size_t muls = 0, negs = 0, constants = 0;
  for (const Node& n : p.nodes) {
    muls += n.op == Op::Mul;
    negs += n.op == Op::Neg;
    constants += n.op == Op::Constant;
  }
  EXPECT_EQ(muls, 1u);       // x * y, shared; x * y * y dropped
  EXPECT_EQ(negs, 1u);       // -y; -(-x) is x
  EXPECT_EQ(constants, 1u);  // 6 (0, 1, 2 and 3 fold away)
  const Node& c1 = p.nodes[p.constraints[1]];
  EXPECT_EQ(c1.op, Op::Sub);
  EXPECT_EQ(c1.a, c1.b);  // x - x: kept, it holds a place in the fold

  std::mt19937 rng(3);
  const std::vector<Felt> pv = random_row<Felt>(rng, 201);
  for (int r = 0; r < 20; ++r) {
    const auto main = random_row<Felt>(rng, 2), prep = random_row<Felt>(rng, 1);
    const auto want = evaluate<RulesChip, Felt>(RulesChip{}, main, prep, pv);
    const auto got = evaluate_program<Felt>(p, main, prep, pv);
    EXPECT_TRUE(got.constraints == want.constraints);
    expect_same_interactions(got.receives, want.receives, "Rules receives");
    EXPECT_TRUE(got.constraints[3] == main[0] - main[1] + pv[200]);
  }
  EXPECT_EQ(degrees(p).constraints, degrees(RulesChip{}).constraints);
}

struct UnassignedChip {
  static constexpr const char* kName = "Unassigned";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    typename B::Expr unset;
    b.assert_zero(b.main(0) + unset);
  }
};

struct WideReadChip {
  static constexpr const char* kName = "WideRead";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    b.assert_zero(b.main(1));
  }
};

struct DegreeFourChip {
  static constexpr const char* kName = "DegreeFour";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    const auto x = b.main(0);
    b.assert_zero(x * x * x * x);
  }
};

struct QuadraticInteractionChip {
  static constexpr const char* kName = "QuadraticInteraction";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    const auto x = b.main(0);
    send_single(b, x, x * x, b.constant(1));
  }
};

TEST(Sp1AirProgram, ChipBugsAndBadProgramsAreErrors) {
  EXPECT_THROW(compile(UnassignedChip{}), std::logic_error);
  EXPECT_THROW(compile(WideReadChip{}), std::logic_error);
  EXPECT_THROW(check_degrees(compile(DegreeFourChip{})), std::logic_error);
  EXPECT_THROW(check_degrees(compile(QuadraticInteractionChip{})), std::logic_error);
  EXPECT_NO_THROW(check_degrees(compile(SelectChip{})));

  ConstraintProgram p = compile(SelectChip{});
  ConstraintProgram forward = p;
  forward.nodes[0] = Node{Op::Add, 0, 1};
  EXPECT_THROW(validate(forward), std::logic_error);
  ConstraintProgram column = p;
  column.nodes.push_back(Node{Op::Main, uint32_t(p.width), 0});
  EXPECT_THROW(validate(column), std::logic_error);
  ConstraintProgram root = p;
  root.constraints.push_back(uint32_t(p.nodes.size()));
  EXPECT_THROW(validate(root), std::logic_error);

  ProgramRunner<Felt> r(p);
  EXPECT_THROW(r.run(std::vector<Felt>(p.width + 1), std::vector<Felt>(p.preprocessed_width), {}),
               std::invalid_argument);
  EXPECT_THROW(r.fold_constraints(std::vector<Ext>(p.constraints.size() + 1)), std::invalid_argument);
}

}  // namespace
}  // namespace zkgpu::sp1::air
