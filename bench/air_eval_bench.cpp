// Constraint evaluation per trace row on one core, for every chip of SP1's compress
// and wrap machines: the ways a prover can evaluate a chip, on the same random rows,
// each folding the row's constraints with the powers of a challenge (sum_k c_k *
// alpha^(n-1-k), what a zerocheck prover sums; equal to the verifier's fold):
//   template_evaluator  MachineChip::eval: the template run by the recording
//                       builder (a heap vector per interaction per row), then folded;
//   template_inline     the template run by a builder that folds as it asserts: the
//                       compiler sees the whole chip (what generated code would be);
//   program             the compiled program, constraints only (ProgramRunner);
//   program_full        the whole program, interactions included;
//   program_batchN      the constraints-only program on blocks of N rows
//                       (BatchRunner).
// Base-field rows (a trace, the zerocheck's first round) and, on a quarter as many
// rows, extension rows (the columns partly folded, the later rounds).
// Also each chip's program size. Prints one JSON document; each rate is the median
// of `reps` passes over the rows, timed in the thread's CPU time (the machine this
// runs on may be shared; the bench is single-threaded).
//   air_eval_bench [LOG_ROWS] [REPS]   (defaults: 12, 7)
#include <algorithm>
#include <ctime>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <stdexcept>
#include <string>
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
#include "sp1/air/machine.hpp"
#include "sp1/air/program_eval.hpp"

namespace {

using namespace zkgpu::sp1::air;
using nlohmann::json;

double thread_cpu_s() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return double(t.tv_sec) + double(t.tv_nsec) / 1e9;
}

// The template builder a generated kernel would be: each constraint weighted by its
// power as it is asserted, interactions ignored.
template <class E>
class FoldBuilder {
 public:
  using Expr = E;
  FoldBuilder(std::span<const E> main, std::span<const E> prep, std::span<const Felt> pv, std::span<const Ext> powers)
      : main_(main), prep_(prep), pv_(pv), powers_(powers) {}
  E main(size_t c) const { return main_[c]; }
  E preprocessed(size_t c) const { return prep_[c]; }
  E public_value(size_t i) const { return Embed<E>::from(i < pv_.size() ? pv_[i] : Felt::zero()); }
  E constant(uint32_t canonical) const { return Embed<E>::from(Felt::from_canonical(canonical)); }
  void assert_zero(const E& x) { acc_ = acc_ + weighted(powers_[next_++], x); }
  void interact(Direction, InteractionKind, std::span<const E>, const E&) {}
  const Ext& acc() const { return acc_; }

 private:
  std::span<const E> main_, prep_;
  std::span<const Felt> pv_;
  std::span<const Ext> powers_;
  size_t next_ = 0;
  Ext acc_ = Ext::zero();
};

Felt random_value(std::mt19937& rng, Felt) { return Felt::from_canonical(rng() % Felt::kP); }
Ext random_value(std::mt19937& rng, Ext) {
  return Ext{{random_value(rng, Felt{}), random_value(rng, Felt{}), random_value(rng, Felt{}), random_value(rng, Felt{})}};
}

template <class E>
struct Trace {
  size_t rows, width, prep_width;
  std::vector<E> main, prep;
  std::span<const E> main_row(size_t r) const { return {main.data() + r * width, width}; }
  std::span<const E> prep_row(size_t r) const { return {prep.data() + r * prep_width, prep_width}; }
};

template <class E>
Trace<E> random_trace(size_t rows, size_t width, size_t prep_width, std::mt19937& rng) {
  Trace<E> t{rows, width, prep_width, std::vector<E>(rows * width), std::vector<E>(rows * prep_width)};
  for (E& x : t.main) x = random_value(rng, E{});
  for (E& x : t.prep) x = random_value(rng, E{});
  return t;
}

// Median rows/s of `reps` passes; `pass` returns the sum of the rows' folds, which
// every variant must agree on.
template <class Pass>
double rows_per_s(size_t rows, int reps, Pass&& pass, Ext& checksum) {
  std::vector<double> rates;
  for (int i = 0; i < reps; ++i) {
    const double t0 = thread_cpu_s();
    checksum = pass();
    const double s = thread_cpu_s() - t0;
    rates.push_back(double(rows) / s);
  }
  std::nth_element(rates.begin(), rates.begin() + reps / 2, rates.end());
  return rates[size_t(reps / 2)];
}

// Every variant on `rows` random rows of E values.
template <class Chip, class E>
json variant_rates(const MachineChip& chip, size_t rows, int reps, std::span<const Felt> pv,
                   std::span<const Ext> powers, std::mt19937& rng) {
  const Trace<E> t = random_trace<E>(rows, Chip::kWidth, Chip::kPreprocessedWidth, rng);
  const ConstraintProgram& whole = chip.program();
  const ConstraintProgram constraints = constraints_only(whole);
  const Chip typed{};
  Ext want = Ext::zero(), got = Ext::zero();
  json rates = json::object();
  rates["template_evaluator"] = rows_per_s(rows, reps, [&] {
    Ext sum = Ext::zero();
    for (size_t r = 0; r < rows; ++r) {
      const RowEvaluation<E> e = chip.eval(t.main_row(r), t.prep_row(r), pv);
      for (size_t k = 0; k < e.constraints.size(); ++k) sum = sum + weighted(powers[k], e.constraints[k]);
    }
    return sum;
  }, want);
  auto check = [&](const std::string& variant) {
    if (!(got == want)) throw std::logic_error(std::string(Chip::kName) + ": " + variant + " disagrees");
  };
  rates["template_inline"] = rows_per_s(rows, reps, [&] {
    Ext sum = Ext::zero();
    for (size_t r = 0; r < rows; ++r) {
      FoldBuilder<E> b(t.main_row(r), t.prep_row(r), pv, powers);
      typed.eval(b);
      sum = sum + b.acc();
    }
    return sum;
  }, got);
  check("template_inline");
  for (const auto& [variant, program] : {std::pair{"program", &constraints}, std::pair{"program_full", &whole}}) {
    ProgramRunner<E> runner(*program);
    rates[variant] = rows_per_s(rows, reps, [&] {
      Ext sum = Ext::zero();
      for (size_t r = 0; r < rows; ++r) {
        runner.run(t.main_row(r), t.prep_row(r), pv);
        sum = sum + runner.fold_constraints(powers);
      }
      return sum;
    }, got);
    check(variant);
  }
  for (const size_t lanes : {size_t(16), size_t(64)}) {
    BatchRunner<E> batch(constraints, lanes);
    std::vector<Ext> folds(lanes);
    const std::string variant = "program_batch" + std::to_string(lanes);
    rates[variant] = rows_per_s(rows, reps, [&] {
      Ext sum = Ext::zero();
      for (size_t r = 0; r < rows; r += lanes) {
        const size_t count = std::min(lanes, rows - r);
        batch.run(t.main, t.prep, r, count, pv);
        batch.fold_constraints(powers, std::span<Ext>(folds.data(), count));
        for (size_t j = 0; j < count; ++j) sum = sum + folds[j];
      }
      return sum;
    }, got);
    check(variant);
  }
  return rates;
}

json program_shape(const ConstraintProgram& p) {
  json ops = json::object();
  size_t leaves = 0;
  for (const Node& n : p.nodes) {
    if (is_leaf(n.op)) ++leaves;
    const char* name = n.op == Op::Add ? "add" : n.op == Op::Sub ? "sub" : n.op == Op::Mul ? "mul" : n.op == Op::Neg ? "neg" : nullptr;
    if (name) ops[name] = ops.value(name, 0) + 1;
  }
  return {{"nodes", p.nodes.size()}, {"leaves", leaves}, {"ops", ops}, {"max_live_values", max_live_values(p)}};
}

template <class Chip>
json bench_chip(const Machine& machine, size_t rows, int reps, std::mt19937& rng) {
  const MachineChip& chip = *machine.find(Chip::kName);
  if (chip.width() != Chip::kWidth) throw std::logic_error(std::string(Chip::kName) + ": machine has another width");
  const std::vector<Felt> pv(machine.num_public_values, Felt::from_canonical(5));
  const Ext alpha{{Felt::from_canonical(7), Felt::from_canonical(11), Felt::from_canonical(13), Felt::from_canonical(17)}};
  const ConstraintProgram& whole = chip.program();
  const std::vector<Ext> powers = constraint_powers(alpha, whole.constraints.size());
  const json rates = variant_rates<Chip, Felt>(chip, rows, reps, pv, powers, rng);
  const json ext_rates = variant_rates<Chip, Ext>(chip, std::max<size_t>(rows / 4, 64), reps, pv, powers, rng);
  return {{"machine", machine.name},
          {"chip", Chip::kName},
          {"width", Chip::kWidth},
          {"preprocessed_width", Chip::kPreprocessedWidth},
          {"constraints", whole.constraints.size()},
          {"sends", whole.sends.size()},
          {"receives", whole.receives.size()},
          {"program", program_shape(whole)},
          {"program_constraints_only", program_shape(constraints_only(whole))},
          {"rows_per_s_median", rates},
          {"ext_rows_per_s_median", ext_rates},
          {"program_speedup_vs_template_evaluator",
           rates["program"].get<double>() / rates["template_evaluator"].get<double>()},
          {"program_speedup_vs_template_inline",
           rates["program"].get<double>() / rates["template_inline"].get<double>()}};
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const size_t log_rows = argc > 1 ? std::stoul(argv[1]) : 12;
    const int reps = argc > 2 ? std::stoi(argv[2]) : 7;
    if (log_rows > 24 || reps < 1) throw std::invalid_argument("usage: air_eval_bench [LOG_ROWS <= 24] [REPS >= 1]");
    const size_t rows = size_t(1) << log_rows;
    std::mt19937 rng(1);
    const Machine& c = compress_machine();
    const Machine& w = wrap_machine();
    json chips = json::array();
    chips.push_back(bench_chip<MemoryConstChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<MemoryVarChip<2>>(c, rows, reps, rng));
    chips.push_back(bench_chip<BaseAluChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<ExtAluChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<Poseidon2WideChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<PrefixSumChecksChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<SelectChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<PublicValuesChip>(c, rows, reps, rng));
    chips.push_back(bench_chip<MemoryVarChip<1>>(w, rows, reps, rng));
    chips.push_back(bench_chip<Poseidon2LinearLayerChip>(w, rows, reps, rng));
    chips.push_back(bench_chip<Poseidon2SBoxChip>(w, rows, reps, rng));
    chips.push_back(bench_chip<ExtFeltConvertChip>(w, rows, reps, rng));
    std::cout << json{{"bench", "air_eval"},
                      {"threads", 1},
                      {"rows", rows},
                      {"reps", reps},
                      {"fold", "sum_k c_k * alpha^(n-1-k), alpha in the degree-4 extension"},
                      {"clock", "thread CPU time"},
                      {"chips", chips}}
                     .dump(2)
              << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "air_eval_bench: " << e.what() << "\n";
    return 1;
  }
}
