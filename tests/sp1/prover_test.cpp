// The CPU LogUp-GKR and zerocheck provers against the shard verifier's own checks
// (verify_logup_gkr, verify_zerocheck): random balanced programs over BaseAlu and
// MemoryConst, plus a test-only chip without preprocessed columns whose all-zero
// row breaks its constraints (so the padding adjustment matters). Honest proofs
// verify and leave both transcripts in the same state; a trace cell that breaks a
// constraint, or any changed proof value, is rejected.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "alu_program.hpp"
#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/chip_traces.hpp"
#include "sp1/prover/grinding.hpp"
#include "sp1/prover/logup_gkr_prover.hpp"
#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover/sumcheck_polynomial.hpp"
#include "sp1/prover/zerocheck_prover.hpp"
#include "sp1/prover/zerocheck_round.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"
#include "sp1/verifier/logup_gkr.hpp"
#include "sp1/verifier/padding.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/verifier/zerocheck.hpp"
#include "sp1/wire/decode.hpp"

namespace zkgpu::sp1::prover {
namespace {

using transcript::DuplexChallenger;
using transcript::MultiFieldChallenger;

F f(uint32_t x) { return F::from_canonical(x); }

// Test-only chip: main (x, y) with x y = 1 and y^2 x = y; no preprocessed columns,
// no interactions. The zero row violates x y = 1.
struct InverseChip {
  static constexpr const char* kName = "Inverse";
  static constexpr size_t kWidth = 2;
  static constexpr size_t kPreprocessedWidth = 0;
  template <class B>
  void eval(B& b) const {
    const auto x = b.main(0), y = b.main(1);
    b.assert_zero(x * y - b.constant(1));
    b.assert_zero(y * y * x - y);
  }
};

const air::MachineChip& inverse_chip() {
  static const air::ChipModel<InverseChip> chip;
  return chip;
}

std::vector<F> inverse_rows(size_t rows, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<F> out;
  for (size_t i = 0; i < rows; ++i) {
    const F x = f(uint32_t(1 + rng() % (F::kP - 1)));
    out.insert(out.end(), {x, x.inverse()});
  }
  return out;
}

// A shard: the program's two chips plus the inverse chip, in name order.
struct Shard {
  test::AluProgram program;
  std::vector<F> inverse_main;
  size_t inverse_rows_count;
  size_t max_log_row_count;

  std::vector<ChipTrace> chips() const {
    std::vector<ChipTrace> c = program.chips(air::compress_machine());
    c.insert(c.begin() + 1, ChipTrace{&inverse_chip(), {inverse_main, {}, inverse_rows_count}});
    return c;
  }
};

Shard make_shard(size_t consts, size_t ops, size_t inverses, size_t max_log_row_count, uint64_t seed) {
  return Shard{test::make_alu_program(consts, ops, seed), inverse_rows(inverses, seed + 1), inverses,
               max_log_row_count};
}

struct Proof {
  wire::LogupGkrProof gkr;
  ZerocheckProof zerocheck;
};

template <class Challenger>
Challenger fresh_challenger() {
  Challenger c;
  for (uint32_t i = 0; i < 5; ++i) c.observe(f(1000 + i));  // stands for the shard's commitments
  return c;
}

template <class Challenger>
Proof prove(const Shard& s, Challenger& ch) {
  const std::vector<ChipTrace> chips = s.chips();
  Proof p;
  p.gkr = prove_logup_gkr(chips, s.max_log_row_count, {}, ch);
  p.zerocheck = prove_zerocheck(chips, p.gkr, s.max_log_row_count, {}, ch);
  return p;
}

// Runs the verifier's two checks; returns "" when both accept, else the rejection.
template <class Challenger>
std::string verify(const Shard& s, const Proof& p, Challenger& ch) {
  verifier::ShardChips chips;
  for (const ChipTrace& c : s.chips()) {
    const std::string name(c.chip->name());
    chips.push_back({c.chip, &p.zerocheck.opened_values.at(name), &p.gkr.chip_openings.at(name)});
  }
  try {
    verifier::verify_logup_gkr(chips, p.gkr, s.max_log_row_count, {}, ch);
    verifier::verify_zerocheck(chips, p.gkr, p.zerocheck.sumcheck, s.max_log_row_count, {}, ch);
  } catch (const Rejected& e) {
    return e.what();
  }
  return "";
}

template <class Challenger>
std::string verify(const Shard& s, const Proof& p) {
  Challenger ch = fresh_challenger<Challenger>();
  return verify(s, p, ch);
}

struct ShapeCase {
  size_t consts, ops, inverses, max_log_row_count;
};

void PrintTo(const ShapeCase& c, std::ostream* os) {
  *os << c.consts << " constants, " << c.ops << " ops, " << c.inverses << " inverse rows, 2^" << c.max_log_row_count
      << " rows";
}

class ProverShapes : public ::testing::TestWithParam<ShapeCase> {};

TEST_P(ProverShapes, HonestProofsVerifyAndTranscriptsAgree) {
  const ShapeCase c = GetParam();
  const Shard s = make_shard(c.consts, c.ops, c.inverses, c.max_log_row_count, 42 + c.ops);
  {
    DuplexChallenger pc = fresh_challenger<DuplexChallenger>(), vc = fresh_challenger<DuplexChallenger>();
    const Proof p = prove(s, pc);
    EXPECT_EQ(p.gkr.round_proofs.size(), c.max_log_row_count - 1);
    EXPECT_EQ(verify(s, p, vc), "");
    EXPECT_EQ(pc.sample(), vc.sample());
  }
  {
    MultiFieldChallenger pc = fresh_challenger<MultiFieldChallenger>(), vc = fresh_challenger<MultiFieldChallenger>();
    const Proof p = prove(s, pc);
    EXPECT_EQ(verify(s, p, vc), "");
    EXPECT_EQ(pc.sample(), vc.sample());
  }
}

INSTANTIATE_TEST_SUITE_P(Sp1Prover, ProverShapes,
                         ::testing::Values(ShapeCase{1, 1, 1, 1},     // one row each, no GKR rounds
                                           ShapeCase{3, 5, 0, 3},     // an empty chip
                                           ShapeCase{4, 16, 7, 4},    // a chip filling the hypercube
                                           ShapeCase{5, 23, 9, 6},    // odd heights
                                           ShapeCase{17, 100, 33, 9},
                                           ShapeCase{9, 40, 3, 21}),  // the compress machine's 2^21 rows
                         [](const ::testing::TestParamInfo<ShapeCase>& i) {
                           const ShapeCase& c = i.param;
                           return "consts" + std::to_string(c.consts) + "_ops" + std::to_string(c.ops) + "_inverses" +
                                  std::to_string(c.inverses) + "_log" + std::to_string(c.max_log_row_count);
                         });

// Whole machines: the program's two chips, every other chip whose all-zero row
// satisfies its constraints with zero multiplicities as four zero rows, the rest
// empty. Proved and verified over every chip of the compress and wrap machines.
TEST(Sp1Prover, WholeMachinesWithZeroRowChips) {
  for (const air::Machine* m : {&air::compress_machine(), &air::wrap_machine()}) {
    const test::AluProgram program = test::make_alu_program(6, 30, 11);
    std::vector<const air::MachineChip*> order;
    for (const auto& c : m->chips) order.push_back(c.get());
    std::sort(order.begin(), order.end(), [](auto* a, auto* b) { return a->name() < b->name(); });

    std::vector<std::vector<F>> zero_main, zero_prep;  // the traces' spans point into these
    zero_main.reserve(order.size());
    zero_prep.reserve(order.size());
    std::vector<ChipTrace> chips;
    std::string zero_row_chips;
    for (const air::MachineChip* chip : order) {
      if (chip->name() == "BaseAlu") {
        chips.push_back({chip, {program.alu_main, program.alu_prep, program.ops}});
        continue;
      }
      if (chip->name() == "MemoryConst") {
        chips.push_back({chip, {program.const_main, program.const_prep, program.consts}});
        continue;
      }
      const std::vector<F> main(chip->width(), F::zero()), prep(chip->preprocessed_width(), F::zero());
      const air::RowEvaluation<F> e = chip->eval(main, prep, {});
      bool zero_ok = std::all_of(e.constraints.begin(), e.constraints.end(), [](F x) { return x.is_zero(); });
      for (const auto* list : {&e.sends, &e.receives})
        for (const auto& i : *list) zero_ok = zero_ok && i.multiplicity.is_zero();
      const size_t rows = zero_ok ? 4 : 0;
      zero_main.emplace_back(rows * chip->width(), F::zero());
      zero_prep.emplace_back(rows * chip->preprocessed_width(), F::zero());
      chips.push_back({chip, {zero_main.back(), zero_prep.back(), rows}});
      if (zero_ok) zero_row_chips += std::string(chip->name()) + " ";
    }
    RecordProperty(m->name + "_zero_row_chips", zero_row_chips);
    EXPECT_FALSE(zero_row_chips.empty()) << m->name;

    const size_t mlrc = 7;
    DuplexChallenger pc = fresh_challenger<DuplexChallenger>(), vc = fresh_challenger<DuplexChallenger>();
    const wire::LogupGkrProof gkr = prove_logup_gkr(chips, mlrc, {}, pc);
    const ZerocheckProof zc = prove_zerocheck(chips, gkr, mlrc, {}, pc);
    verifier::ShardChips shard;
    for (const ChipTrace& c : chips) {
      const std::string name(c.chip->name());
      shard.push_back({c.chip, &zc.opened_values.at(name), &gkr.chip_openings.at(name)});
    }
    EXPECT_NO_THROW(verifier::verify_logup_gkr(shard, gkr, mlrc, {}, vc)) << m->name;
    EXPECT_NO_THROW(verifier::verify_zerocheck(shard, gkr, zc.sumcheck, mlrc, {}, vc)) << m->name;
    EXPECT_EQ(pc.sample(), vc.sample()) << m->name;
  }
}

TEST(Sp1Prover, ThreadCountDoesNotChangeTheProof) {
  const Shard s = make_shard(300, 5000, 1500, 13, 12);
  const std::vector<ChipTrace> chips = s.chips();
  DuplexChallenger one = fresh_challenger<DuplexChallenger>(), four = fresh_challenger<DuplexChallenger>();
  const wire::LogupGkrProof gkr1 = prove_logup_gkr(chips, 13, {}, one, 1);
  const ZerocheckProof zc1 = prove_zerocheck(chips, gkr1, 13, {}, one, 1);
  const wire::LogupGkrProof gkr4 = prove_logup_gkr(chips, 13, {}, four, 4);
  const ZerocheckProof zc4 = prove_zerocheck(chips, gkr4, 13, {}, four, 4);
  // Every polynomial and opening went into the transcripts.
  EXPECT_EQ(one.sample(), four.sample());
  EXPECT_EQ(gkr1.evaluation_point, gkr4.evaluation_point);
  EXPECT_EQ(zc1.sumcheck.point, zc4.sumcheck.point);
  EXPECT_EQ(zc1.opened_values.at("BaseAlu").main, zc4.opened_values.at("BaseAlu").main);
  EXPECT_EQ(verify<DuplexChallenger>(s, Proof{gkr4, zc4}), "");
}

TEST(Sp1Prover, OpeningsAreTheTracesAtThePoints) {
  const Shard s = make_shard(5, 23, 9, 6, 7);
  DuplexChallenger ch = fresh_challenger<DuplexChallenger>();
  const Proof p = prove(s, ch);
  for (const ChipTrace& c : s.chips()) {
    const std::string name(c.chip->name());
    const TraceEvaluations at_gkr = evaluate_trace(c, p.gkr.evaluation_point);
    const TraceEvaluations at_zc = evaluate_trace(c, p.zerocheck.sumcheck.point);
    EXPECT_EQ(p.gkr.chip_openings.at(name).main_trace_evaluations.values, at_gkr.main) << name;
    EXPECT_EQ(p.gkr.chip_openings.at(name).preprocessed_trace_evaluations.has_value(),
              c.chip->preprocessed_width() > 0)
        << name;
    const wire::ChipOpenedValues& o = p.zerocheck.opened_values.at(name);
    EXPECT_EQ(o.main, at_zc.main) << name;
    EXPECT_EQ(o.preprocessed, at_zc.preprocessed) << name;
    EXPECT_EQ(verifier::row_count(o.degree), c.trace.rows) << name;
  }
}

// The oracle's folded geq is the verifier's padding indicator at the point.
TEST(Sp1Prover, ZerocheckGeqMatchesThePaddingIndicator) {
  const Shard s = make_shard(3, 11, 6, 4, 9);
  const std::vector<ChipTrace> chips = s.chips();
  ZerocheckOracle oracle(chips, {}, ext(f(3)), ext(f(5)), ext(f(7)));
  std::vector<EF> point;
  for (uint32_t i = 0; i < 4; ++i) point.push_back(EF{{f(11 + i), f(2 * i), f(i), f(1)}});
  for (size_t r = 0; r < 4; ++r) oracle.fix_last_variable(point[3 - r]);
  for (size_t i = 0; i < chips.size(); ++i)
    EXPECT_EQ(oracle.padding_indicator(i),
              verifier::padding_indicator(multilinear::point_from_usize<F>(chips[i].trace.rows, 5), point));
}

TEST(Sp1Prover, BrokenConstraintFailsZerocheckOnly) {
  // The last op's result is never read: changing it breaks its arithmetic, not the
  // LogUp sum. Likewise any inverse row.
  for (int which = 0; which < 2; ++which) {
    Shard s = make_shard(5, 23, 9, 6, 3);
    if (which == 0)
      s.program.alu_main[3 * (s.program.ops - 1)] += f(1);
    else
      s.inverse_main[2 * 4 + 1] += f(1);
    DuplexChallenger ch = fresh_challenger<DuplexChallenger>();
    const Proof p = prove(s, ch);
    const std::string why = verify<DuplexChallenger>(s, p);
    EXPECT_EQ(why.rfind("zerocheck:", 0), 0u) << why;
  }
}

TEST(Sp1Prover, UnbalancedInteractionsFailGkr) {
  Shard s = make_shard(5, 23, 9, 6, 4);
  s.program.alu_prep[8 * 2 + 1] += f(1);  // op 2 reads another address
  DuplexChallenger ch = fresh_challenger<DuplexChallenger>();
  const Proof p = prove(s, ch);
  EXPECT_EQ(verify<DuplexChallenger>(s, p), "logup_gkr: cumulative sum mismatch");
}

TEST(Sp1Prover, EveryMutatedProofValueIsRejected) {
  const Shard s = make_shard(5, 23, 9, 6, 5);
  DuplexChallenger ch = fresh_challenger<DuplexChallenger>();
  const Proof honest = prove(s, ch);
  ASSERT_EQ(verify<DuplexChallenger>(s, honest), "");

  auto bump = [](EF& x) { x = x + EF::one(); };
  const std::vector<std::pair<std::string, std::function<void(Proof&)>>> mutations = {
      {"gkr witness", [](Proof& p) { p.gkr.witness += f(1); }},
      {"gkr output numerator", [&](Proof& p) { bump(p.gkr.output_numerator.values[1]); }},
      {"gkr output denominator", [&](Proof& p) { bump(p.gkr.output_denominator.values[0]); }},
      {"gkr round 0 polynomial", [&](Proof& p) { bump(p.gkr.round_proofs[0].sumcheck_proof.univariate_polys[0][1]); }},
      {"gkr last round polynomial",
       [&](Proof& p) { bump(p.gkr.round_proofs.back().sumcheck_proof.univariate_polys.back()[3]); }},
      {"gkr round claimed sum", [&](Proof& p) { bump(p.gkr.round_proofs[2].sumcheck_proof.claimed_sum); }},
      {"gkr round eval", [&](Proof& p) { bump(p.gkr.round_proofs[1].sumcheck_proof.eval); }},
      {"gkr numerator_0", [&](Proof& p) { bump(p.gkr.round_proofs[3].numerator_0); }},
      {"gkr denominator_1", [&](Proof& p) { bump(p.gkr.round_proofs.back().denominator_1); }},
      {"gkr evaluation point", [&](Proof& p) { bump(p.gkr.evaluation_point[0]); }},
      {"gkr main opening", [&](Proof& p) { bump(p.gkr.chip_openings.at("BaseAlu").main_trace_evaluations.values[0]); }},
      {"gkr preprocessed opening",
       [&](Proof& p) { bump(p.gkr.chip_openings.at("MemoryConst").preprocessed_trace_evaluations->values[4]); }},
      {"gkr inverse-chip opening",
       [&](Proof& p) { bump(p.gkr.chip_openings.at("Inverse").main_trace_evaluations.values[1]); }},
      {"zerocheck first polynomial", [&](Proof& p) { bump(p.zerocheck.sumcheck.univariate_polys[0][0]); }},
      {"zerocheck middle polynomial", [&](Proof& p) { bump(p.zerocheck.sumcheck.univariate_polys[3][4]); }},
      {"zerocheck claimed sum", [&](Proof& p) { bump(p.zerocheck.sumcheck.claimed_sum); }},
      {"zerocheck eval", [&](Proof& p) { bump(p.zerocheck.sumcheck.eval); }},
      {"zerocheck point", [&](Proof& p) { bump(p.zerocheck.sumcheck.point[2]); }},
      {"zerocheck main value", [&](Proof& p) { bump(p.zerocheck.opened_values.at("BaseAlu").main[2]); }},
      {"zerocheck preprocessed value",
       [&](Proof& p) { bump(p.zerocheck.opened_values.at("BaseAlu").preprocessed[5]); }},
      {"zerocheck inverse-chip value", [&](Proof& p) { bump(p.zerocheck.opened_values.at("Inverse").main[0]); }},
      {"zerocheck height", [](Proof& p) { p.zerocheck.opened_values.at("Inverse").degree.back() += f(1); }},
  };
  for (const auto& [name, mutate] : mutations) {
    Proof p = honest;
    mutate(p);
    EXPECT_NE(verify<DuplexChallenger>(s, p), "") << name;
  }
}

TEST(Sp1Prover, BadInputsAreErrors) {
  const Shard s = make_shard(3, 5, 2, 3, 6);
  std::vector<ChipTrace> chips = s.chips();
  DuplexChallenger ch;
  std::swap(chips[0], chips[1]);
  EXPECT_THROW(prove_logup_gkr(chips, 3, {}, ch), std::invalid_argument);
  chips = s.chips();
  chips[0].trace.rows = 4;  // the matrices hold 5 rows
  EXPECT_THROW(prove_logup_gkr(chips, 3, {}, ch), std::invalid_argument);
  EXPECT_THROW(prove_logup_gkr(s.chips(), 2, {}, ch), std::invalid_argument);  // 5 rows > 2^2
  const Proof p = prove(s, ch);
  wire::LogupGkrProof no_opening = p.gkr;
  no_opening.chip_openings.erase("BaseAlu");
  EXPECT_THROW(prove_zerocheck(s.chips(), no_opening, 3, {}, ch), std::invalid_argument);
  wire::LogupGkrProof short_prep = p.gkr;
  short_prep.chip_openings.at("MemoryConst").preprocessed_trace_evaluations->values.pop_back();
  EXPECT_THROW(prove_zerocheck(s.chips(), short_prep, 3, {}, ch), std::invalid_argument);
  wire::LogupGkrProof wrong_point = p.gkr;
  wrong_point.evaluation_point.pop_back();
  EXPECT_THROW(prove_zerocheck(s.chips(), wrong_point, 3, {}, ch), std::invalid_argument);
}

TEST(Sp1Prover, GrindingFindsTheSmallestWitness) {
  DuplexChallenger ch = fresh_challenger<DuplexChallenger>();
  DuplexChallenger copy = ch;
  const F w = grind(ch, 8);
  DuplexChallenger check = copy;
  EXPECT_TRUE(check.check_witness(8, w));
  for (uint32_t smaller = 0; smaller < w.to_canonical(); ++smaller) {
    DuplexChallenger t = copy;
    EXPECT_FALSE(t.check_witness(8, f(smaller))) << smaller;
  }
  EXPECT_EQ(ch.sample(), check.sample());
}

TEST(Sp1Prover, EqPrefixAndInterpolation) {
  std::vector<EF> point;
  for (uint32_t i = 0; i < 5; ++i) point.push_back(EF{{f(3 + i), f(i), f(7), f(i * i)}});
  const std::vector<EF> full = multilinear::partial_lagrange<EF>(point);
  for (size_t len : {0u, 1u, 5u, 17u, 32u}) {
    const std::vector<EF> prefix = eq_prefix(point, len);
    EXPECT_EQ(prefix, std::vector<EF>(full.begin(), full.begin() + ptrdiff_t(len))) << len;
  }
  EXPECT_THROW(eq_prefix(point, 33), std::invalid_argument);

  const std::vector<EF> coeffs{EF{{f(1), f(2), f(3), f(4)}}, ext(f(9)), EF{{f(0), f(5), f(0), f(1)}}, ext(f(2))};
  std::vector<EF> values;
  for (uint32_t t = 0; t < 4; ++t) {
    EF acc = EF::zero();
    for (size_t k = coeffs.size(); k-- > 0;) acc = acc * ext(f(t)) + coeffs[k];
    values.push_back(acc);
  }
  EXPECT_EQ(interpolate_at_integers(values), coeffs);
}

// The openings have the tensor shapes of SP1's own proofs.
TEST(Sp1Prover, OpeningShapesMatchSp1Proofs) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto sp1 = wire::decode_shard_proof<wire::OuterConfig>(wire::read_artifact_file(path));
  const Shard s = make_shard(3, 5, 2, 3, 8);
  DuplexChallenger ch;
  const Proof p = prove(s, ch);
  const wire::ChipEvaluation& theirs = sp1.logup_gkr_proof.chip_openings.at("BaseAlu");
  const wire::ChipEvaluation& ours = p.gkr.chip_openings.at("BaseAlu");
  EXPECT_EQ(ours.main_trace_evaluations.sizes, theirs.main_trace_evaluations.sizes);
  ASSERT_TRUE(theirs.preprocessed_trace_evaluations && ours.preprocessed_trace_evaluations);
  EXPECT_EQ(ours.preprocessed_trace_evaluations->sizes, theirs.preprocessed_trace_evaluations->sizes);
  for (const auto& [name, o] : sp1.logup_gkr_proof.chip_openings)
    EXPECT_TRUE(o.preprocessed_trace_evaluations.has_value()) << name;  // every recursion chip has some
}

}  // namespace
}  // namespace zkgpu::sp1::prover
