// The per-row code the device kernels run (sp1/air/row_program.hpp,
// sp1/prover/sumcheck_rows.hpp), run here on the host against the CPU references:
// every chip's compiled row program folds and fingerprints like ProgramRunner on
// random rows (0, 1, p - 1 and random values); on the traces of shipped and random
// recursion programs the GKR leaves equal build_gkr_circuit's and the zerocheck's
// pair sums equal ZerocheckOracle's rounds (the first on the base field, the next
// on the folded extension columns); the GKR layers in the device's flat form
// (gkr_columns.hpp), built and summed entry by entry, equal the circuit's layers
// and every round of GkrRoundOracle.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "recursion_program_files.hpp"

#include "sp1/air/machine.hpp"
#include "sp1/air/program_eval.hpp"
#include "sp1/air/row_program_compile.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/gkr_columns.hpp"
#include "sp1/prover/logup_gkr_circuit.hpp"
#include "sp1/prover/logup_gkr_round.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover/sumcheck_rows.hpp"
#include "sp1/prover/zerocheck_round.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"

namespace zkgpu::sp1::prover {
namespace {

using air::MachineKind;

F edge_or_random(std::mt19937_64& rng) {
  switch (rng() % 4) {
    case 0: return F::zero();
    case 1: return F::one();
    case 2: return F::zero() - F::one();
    default: return F::from_canonical(uint32_t(rng() % F::kP));
  }
}
EF random_ext(std::mt19937_64& rng) {
  return EF{{edge_or_random(rng), edge_or_random(rng), edge_or_random(rng), edge_or_random(rng)}};
}

rows::ChipCode code_of(const air::RowProgram& p) {
  return {p.code.data(), uint32_t(p.code.size()), p.interactions.data(), uint32_t(p.interactions.size()),
          p.value_slots.data()};
}

std::vector<const air::MachineChip*> all_chips() {
  std::vector<const air::MachineChip*> out;
  for (MachineKind k : {MachineKind::Compress, MachineKind::Wrap})
    for (const auto& c : air::machine(k).chips) out.push_back(c.get());
  return out;
}

template <class E>
std::vector<E> random_row(std::mt19937_64& rng, size_t n) {
  std::vector<E> row(n);
  for (E& x : row) {
    if constexpr (std::is_same_v<E, F>)
      x = edge_or_random(rng);
    else
      x = random_ext(rng);
  }
  return row;
}

template <class E>
void check_row_program_on_random_rows(const air::MachineChip& chip) {
  std::mt19937_64 rng(std::hash<std::string_view>{}(chip.name()));
  const air::ConstraintProgram& program = chip.program();
  const air::RowProgram rp = air::compile_rows(program);
  EXPECT_LE(rp.slots, program.nodes.size()) << chip.name();
  air::ProgramRunner<E> runner(program);
  std::vector<E> slots(rp.slots);
  std::vector<F> pv = random_row<F>(rng, 5);  // fewer than some chips read: the rest read 0
  for (int trial = 0; trial < 20; ++trial) {
    const std::vector<E> main = random_row<E>(rng, chip.width()), prep = random_row<E>(rng, chip.preprocessed_width());
    const EF alpha = random_ext(rng);
    const std::vector<EF> weights =
        air::fold_weights(rp, air::constraint_powers(alpha, program.constraints.size()));
    auto leaf = [&](uint32_t op, uint32_t a) -> E {
      return op == air::kRowMain ? main[a]
             : op == air::kRowPreprocessed
                 ? prep[a]
                 : air::row::embed<E>(rows::public_value(pv.data(), uint32_t(pv.size()), a));
    };
    const EF fold = air::row::run<E>(rp.code.data(), uint32_t(rp.code.size()), slots.data(), leaf, weights.data());
    runner.run(main, prep, pv);
    ASSERT_EQ(fold, runner.fold_constraints(alpha)) << chip.name() << " trial " << trial;

    const std::vector<EF> betas = random_row<EF>(rng, chip.max_interaction_arity());
    size_t k = 0;
    for (const auto* list : {&program.sends, &program.receives})
      for (const air::ProgramInteraction& i : *list) {
        EF num, den;
        air::row::fraction<E>(rp.interactions[k], rp.value_slots.data(), slots.data(), alpha, betas.data(), num, den);
        const E m = runner.multiplicity(i);
        const EF want_num = air::as_ext(list == &program.sends ? m : air::Embed<E>::from(F::zero()) - m);
        ASSERT_EQ(num, want_num) << chip.name() << " interaction " << k;
        ASSERT_EQ(den, runner.fingerprint(i, alpha, betas)) << chip.name() << " interaction " << k;
        ++k;
      }
  }
}

TEST(Sp1SumcheckRows, RowProgramsFoldAndFingerprintLikeTheProgramRunner) {
  for (const air::MachineChip* chip : all_chips()) {
    check_row_program_on_random_rows<F>(*chip);
    check_row_program_on_random_rows<EF>(*chip);
  }
}

TEST(Sp1SumcheckRows, SlotsAreReusedWithinTheLiveValues) {
  for (const air::MachineChip* chip : all_chips()) {
    const air::ConstraintProgram& p = chip->program();
    size_t constants = 0;
    for (const air::Node& n : p.nodes) constants += n.op == air::Op::Constant;
    const air::RowProgram rp = air::compile_rows(p);
    EXPECT_LE(rp.slots, air::max_live_values(p) + constants) << chip->name();
    EXPECT_EQ(rp.code.size(), p.nodes.size()) << chip->name();
    EXPECT_EQ(rp.root_of.size(), p.constraints.size()) << chip->name();
  }
}

TEST(Sp1SumcheckRows, FoldWeightsNeedOnePowerPerConstraint) {
  const air::RowProgram rp = air::compile_rows(air::compress_machine().chips.front()->program());
  EXPECT_THROW(air::fold_weights(rp, std::vector<EF>(rp.root_of.size() + 1, EF::one())), std::invalid_argument);
}

struct NamedShard {
  std::string name;
  RecursionShard shard;
};

std::vector<NamedShard> shards() {
  std::vector<NamedShard> out;
  for (const char* file : {"poseidon2_chain.rasm", "ext_arithmetic.rasm", "selects.rasm", "public_values.rasm",
                           "prefix_sum.rasm", "hints.rasm"})
    out.push_back({file, recursion_shard(recursion::load_program(test::recursion_program_text(file)),
                                         MachineKind::Compress)});
  out.push_back({"wrap_poseidon2_steps.rasm",
                 recursion_shard(recursion::load_program(test::recursion_program_text("wrap_poseidon2_steps.rasm")),
                                 MachineKind::Wrap)});
  for (uint64_t seed : {1u, 2u, 3u})
    for (MachineKind kind : {MachineKind::Compress, MachineKind::Wrap})
      out.push_back({"random seed " + std::to_string(seed),
                     recursion_shard(recursion::random_program(seed, 300, kind), kind)});
  return out;
}

size_t log_rows(std::span<const ChipTrace> chips) {
  size_t most = 2;
  for (const ChipTrace& c : chips) most = std::max(most, c.trace.rows);
  return size_t(std::bit_width(std::bit_ceil(most)) - 1);
}

TEST(Sp1SumcheckRows, GkrLeavesEqualTheCircuitsLeafLayer) {
  std::mt19937_64 rng(17);
  for (const NamedShard& s : shards()) {
    const std::vector<ChipTrace> chips = s.shard.chips();
    const size_t n = log_rows(chips);
    const EF alpha = random_ext(rng);
    const std::vector<EF> betas = multilinear::partial_lagrange<EF>(random_row<EF>(rng, 3));
    const GkrCircuit circuit = build_gkr_circuit(chips, n, s.shard.public_values, alpha, betas);
    const GkrLayer& leaves = circuit.layers.back();
    size_t first = 0;
    for (const ChipTrace& c : chips) {
      const air::RowProgram rp = air::compile_rows(air::interactions_only(c.chip->program()));
      std::vector<F> slots(rp.slots);
      const size_t w = c.chip->width(), pw = c.chip->preprocessed_width(), ni = rp.interactions.size();
      ASSERT_EQ(ni, c.chip->num_interactions());
      std::vector<EF> num(ni * c.trace.rows), den(ni * c.trace.rows);
      for (size_t r = 0; r < c.trace.rows; ++r)
        rows::gkr_leaf_row(code_of(rp), slots.data(), c.trace.main.data() + r * w, c.trace.preprocessed.data() + r * pw,
                           s.shard.public_values.data(), uint32_t(s.shard.public_values.size()), alpha, betas.data(),
                           num.data() + r, den.data() + r, c.trace.rows);
      for (size_t k = 0; k < ni; ++k) {
        const FractionColumn& want = leaves.columns[first + k];
        ASSERT_EQ(want.num.size(), c.trace.rows);
        for (size_t r = 0; r < c.trace.rows; ++r) {
          ASSERT_EQ(num[k * c.trace.rows + r], want.num[r]) << s.name << " " << c.chip->name() << " row " << r;
          ASSERT_EQ(den[k * c.trace.rows + r], want.den[r]) << s.name << " " << c.chip->name() << " row " << r;
        }
      }
      first += ni;
    }
  }
}

// One chip's round sums from zerocheck_pair over its stored rows (row-major E
// columns, `rows` of them; geq as ZerocheckOracle keeps it, empty in the first round).
template <class E>
std::vector<EF> pair_sums(const ChipTrace& c, const air::RowProgram& rp, const rows::ZerocheckChip& z,
                          std::span<const E> main, std::span<const E> prep, std::span<const EF> geq, size_t rows,
                          std::span<const F> pv, std::span<const EF> eq_row) {
  std::vector<E> slots(rp.slots);
  const size_t w = c.chip->width(), pw = c.chip->preprocessed_width();
  EF acc[4] = {EF::zero(), EF::zero(), EF::zero(), EF::zero()};
  for (size_t j = 0; 2 * j < rows; ++j) {
    const bool odd = 2 * j + 1 < rows;
    const EF ga = geq.empty() ? EF::zero() : geq[2 * j];
    const EF gb = !odd ? EF::one() : geq.empty() ? EF::zero() : geq[2 * j + 1];
    rows::zerocheck_pair<E>(code_of(rp), z, slots.data(), main.data() + 2 * j * w,
                            odd ? main.data() + (2 * j + 1) * w : nullptr, prep.data() + 2 * j * pw,
                            odd ? prep.data() + (2 * j + 1) * pw : nullptr, ga, gb, pv.data(), uint32_t(pv.size()),
                            eq_row[j], acc);
  }
  return {acc, acc + 4};
}

TEST(Sp1SumcheckRows, ZerocheckPairsEqualTheOraclesFirstTwoRounds) {
  std::mt19937_64 rng(29);
  for (const NamedShard& s : shards()) {
    const std::vector<ChipTrace> chips = s.shard.chips();
    const size_t n = log_rows(chips);
    const std::span<const F> pv = s.shard.public_values;
    for (const ChipTrace& c : chips) {
      if (c.trace.rows < 2) continue;
      const EF alpha = random_ext(rng), batch = random_ext(rng), lambda = random_ext(rng);
      ZerocheckOracle oracle(std::span<const ChipTrace>(&c, 1), pv, alpha, batch, lambda);
      const air::ConstraintProgram program = air::constraints_only(c.chip->program());
      const air::RowProgram rp = air::compile_rows(program);
      const std::vector<EF> weights = air::fold_weights(rp, air::constraint_powers(alpha, program.constraints.size()));
      const size_t w = c.chip->width(), pw = c.chip->preprocessed_width();
      const std::vector<EF> powers = zerocheck_batch_powers(batch, w + pw);
      const rows::ZerocheckChip z{weights.data(), powers.data(), zerocheck_padding(*c.chip, pv, alpha), uint32_t(w),
                                  uint32_t(pw)};
      const std::vector<EF> high = random_row<EF>(rng, n - 1);
      std::vector<EF> want(4);
      oracle.round_sums(high, want);
      const std::vector<EF> eq0 = eq_prefix(high, (c.trace.rows + 1) / 2);
      EXPECT_EQ(pair_sums<F>(c, rp, z, c.trace.main, c.trace.preprocessed, {}, c.trace.rows, pv, eq0), want)
          << s.name << " " << c.chip->name() << " round 0";

      // Bind the last coordinate, fold the columns as the device does, compare round 1.
      const EF ch = random_ext(rng);
      oracle.fix_last_variable(ch);
      const size_t pairs = (c.trace.rows + 1) / 2;
      std::vector<EF> main(pairs * w), prep(pairs * pw), geq(pairs);
      for (uint64_t i = 0; i < pairs * (w + pw + 1); ++i)
        rows::zerocheck_fold_at<F>(c.trace.main.data(), c.trace.preprocessed.data(), nullptr, c.trace.rows,
                                   uint32_t(w), uint32_t(pw), ch, main.data(), prep.data(), geq.data(), i);
      if (n < 2) continue;
      const std::vector<EF> high1(high.begin(), high.end() - 1);
      oracle.round_sums(high1, want);
      const std::vector<EF> eq1 = eq_prefix(high1, (pairs + 1) / 2);
      EXPECT_EQ(pair_sums<EF>(c, rp, z, main, prep, geq, pairs, pv, eq1), want)
          << s.name << " " << c.chip->name() << " round 1";
    }
  }
}

TEST(Sp1SumcheckRows, EqAtEqualsThePartialLagrangeTable) {
  std::mt19937_64 rng(5);
  for (unsigned n : {0u, 1u, 4u, 7u}) {
    const std::vector<EF> point = random_row<EF>(rng, n);
    const std::vector<EF> table = multilinear::partial_lagrange<EF>(point);
    for (uint64_t b = 0; b < table.size(); ++b) ASSERT_EQ(terms::eq_at(point.data(), n, b), table[b]) << n << " " << b;
  }
}

}  // namespace
}  // namespace zkgpu::sp1::prover

namespace zkgpu::sp1::prover {
namespace {

TEST(Sp1SumcheckRows, EqPrefixSumEqualsThePrefixSumsOfTheTable) {
  std::mt19937_64 rng(6);
  for (unsigned n : {0u, 1u, 3u, 6u}) {
    const std::vector<EF> point = random_row<EF>(rng, n);
    const std::vector<EF> sums = prefix_sums(eq_prefix(point, size_t(1) << n));
    for (size_t p = 0; p <= (size_t(1) << n); ++p) ASSERT_EQ(eq_prefix_sum(point, p), sums[p]) << n << " " << p;
  }
}

}  // namespace
}  // namespace zkgpu::sp1::prover

namespace zkgpu::sp1::prover {
namespace {

// A layer in the device's flat form (gkr_columns.hpp).
struct FlatLayer {
  std::vector<uint64_t> offsets{0};
  std::vector<EF> num, den;
};

FlatLayer flatten(const GkrLayer& layer) {
  FlatLayer f;
  for (const FractionColumn& c : layer.columns) {
    f.num.insert(f.num.end(), c.num.begin(), c.num.end());
    f.den.insert(f.den.end(), c.den.begin(), c.den.end());
    f.offsets.push_back(f.num.size());
  }
  return f;
}

std::vector<uint64_t> halved(const std::vector<uint64_t>& offsets) {
  std::vector<uint64_t> out{0};
  for (size_t k = 0; k + 1 < offsets.size(); ++k) out.push_back(out.back() + (offsets[k + 1] - offsets[k] + 1) / 2);
  return out;
}

// One GKR layer sumcheck run the device's way on the host: the state split and
// folded entry by entry, each row round's sums over the stored pairs plus the
// padding share, GkrInteractionRounds once the rows are bound.
class FlatGkrLayer {
 public:
  FlatGkrLayer(const FlatLayer& child, size_t child_row_vars, size_t interaction_vars, const EF& lambda)
      : iv_(interaction_vars), row_vars_(child_row_vars - 1), lambda_(lambda), offsets_(halved(child.offsets)) {
    const uint32_t columns = uint32_t(offsets_.size() - 1);
    for (auto& v : state_) v.resize(offsets_.back());
    EF* out[4] = {state_[0].data(), state_[1].data(), state_[2].data(), state_[3].data()};
    for (uint64_t i = 0; i < offsets_.back(); ++i)
      columns::split_at(child.num.data(), child.den.data(), child.offsets.data(), out, offsets_.data(), columns, i);
  }

  void round_sums(std::span<const EF> high, std::span<EF> q) {
    if (dense_) return dense_->round_sums(high, q);
    const std::vector<EF> eq_int = multilinear::partial_lagrange<EF>(high.first(iv_));
    const std::span<const EF> row_point = high.subspan(iv_);
    const std::vector<uint64_t> pairs = halved(offsets_);
    std::vector<uint64_t> counts;
    uint64_t most = 0;
    for (size_t k = 0; k + 1 < pairs.size(); ++k) {
      counts.push_back(pairs[k + 1] - pairs[k]);
      most = std::max(most, counts.back());
    }
    const std::vector<EF> eq_row = eq_prefix(row_point, most);
    EF acc[3] = {EF::zero(), EF::zero(), EF::zero()};
    const EF* st[4] = {state_[0].data(), state_[1].data(), state_[2].data(), state_[3].data()};
    for (uint64_t i = 0; i < pairs.back(); ++i)
      columns::round_at(st, offsets_.data(), pairs.data(), uint32_t(counts.size()), eq_int.data(), eq_row.data(),
                        lambda_, i, acc);
    const EF padding = gkr_padding_share(eq_int, row_point, counts);
    for (size_t t = 0; t < 3; ++t) q[t] = acc[t] + padding;
  }

  void fix_last_variable(const EF& c) {
    if (dense_) return dense_->fix_last_variable(c);
    const std::vector<uint64_t> out_offsets = halved(offsets_);
    const uint32_t columns = uint32_t(offsets_.size() - 1);
    std::array<std::vector<EF>, 4> out;
    for (auto& v : out) v.resize(out_offsets.back());
    const EF* in[4] = {state_[0].data(), state_[1].data(), state_[2].data(), state_[3].data()};
    EF* o[4] = {out[0].data(), out[1].data(), out[2].data(), out[3].data()};
    for (uint64_t i = 0; i < out_offsets.back(); ++i)
      columns::fold_at(in, offsets_.data(), o, out_offsets.data(), columns, c, i);
    state_ = std::move(out);
    offsets_ = out_offsets;
    if (--row_vars_ > 0) return;
    GkrInteractionRounds::Tables dense;
    for (unsigned v = 0; v < 4; ++v) {
      dense[v].assign(size_t(1) << iv_, terms::gkr_fill(v));
      for (size_t k = 0; k < columns; ++k)
        if (offsets_[k + 1] > offsets_[k]) dense[v][k] = state_[v][offsets_[k]];
    }
    dense_.emplace(std::move(dense), lambda_);
  }

  std::array<EF, 4> final_values() const { return dense_->final_values(); }

 private:
  size_t iv_, row_vars_;
  EF lambda_;
  std::vector<uint64_t> offsets_;
  std::array<std::vector<EF>, 4> state_;
  std::optional<GkrInteractionRounds> dense_;
};

TEST(Sp1SumcheckRows, FlatGkrLayersAndTheirSumchecksEqualTheCircuitAndOracle) {
  std::mt19937_64 rng(41);
  for (const NamedShard& s : shards()) {
    const std::vector<ChipTrace> chips = s.shard.chips();
    const size_t n = log_rows(chips);
    const std::vector<EF> betas = multilinear::partial_lagrange<EF>(random_row<EF>(rng, 3));
    const GkrCircuit circuit = build_gkr_circuit(chips, n, s.shard.public_values, random_ext(rng), betas);
    // Each layer up, entry by entry, equals the circuit's.
    std::vector<FlatLayer> flat(n);
    flat[n - 1] = flatten(circuit.layers.back());
    for (size_t l = n - 1; l-- > 0;) {
      const FlatLayer& child = flat[l + 1];
      FlatLayer& parent = flat[l];
      parent.offsets = halved(child.offsets);
      parent.num.resize(parent.offsets.back());
      parent.den.resize(parent.offsets.back());
      for (uint64_t i = 0; i < parent.offsets.back(); ++i)
        columns::parent_at(child.num.data(), child.den.data(), child.offsets.data(), parent.num.data(),
                           parent.den.data(), parent.offsets.data(), uint32_t(parent.offsets.size() - 1), i);
      const FlatLayer want = flatten(circuit.layers[l]);
      ASSERT_EQ(parent.offsets, want.offsets) << s.name << " layer " << l;
      ASSERT_EQ(parent.num, want.num) << s.name << " layer " << l;
      ASSERT_EQ(parent.den, want.den) << s.name << " layer " << l;
    }
    for (size_t layer = 1; layer < n; ++layer) {
      const EF lambda = random_ext(rng);
      GkrRoundOracle oracle(circuit.layers[layer], circuit.interaction_vars, lambda);
      FlatGkrLayer device(flat[layer], layer + 1, circuit.interaction_vars, lambda);
      const std::vector<EF> z = random_row<EF>(rng, circuit.interaction_vars + layer);
      std::vector<EF> want(3), got(3);
      for (size_t r = 0; r < z.size(); ++r) {
        const std::span<const EF> high = std::span<const EF>(z).first(z.size() - 1 - r);
        oracle.round_sums(high, want);
        device.round_sums(high, got);
        ASSERT_EQ(got, want) << s.name << " layer " << layer << " round " << r;
        const EF c = random_ext(rng);
        oracle.fix_last_variable(c);
        device.fix_last_variable(c);
      }
      ASSERT_EQ(device.final_values(), oracle.final_values()) << s.name << " layer " << layer;
    }
  }
}

}  // namespace
}  // namespace zkgpu::sp1::prover
