#include "sp1/prover/logup_gkr_prover.hpp"

#include <algorithm>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/grinding.hpp"
#include "sp1/prover/logup_gkr_circuit.hpp"
#include "sp1/prover/logup_gkr_round.hpp"
#include "sp1/prover/stopwatch.hpp"
#include "sp1/prover/sumcheck_prover.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"

namespace zkgpu::sp1::prover {

namespace {

wire::Tensor<EF> mle_eval_tensor(std::vector<EF> values) {
  const size_t n = values.size();
  return wire::Tensor<EF>{std::move(values), {n}};
}

}  // namespace

template <class Challenger>
wire::LogupGkrProof prove_logup_gkr(std::span<const ChipTrace> chips, size_t max_log_row_count,
                                    std::span<const F> public_values, Challenger& challenger, unsigned threads,
                                    ShardSumchecks* sumchecks, GkrPhaseTimes* times) {
  GkrPhaseTimes local;
  GkrPhaseTimes& t = times ? *times : local;
  Stopwatch clock;
  check_chip_traces(chips, max_log_row_count);
  std::unique_ptr<ShardSumchecks> cpu;
  if (sumchecks == nullptr) {
    cpu = open_cpu_sumchecks(chips, max_log_row_count, public_values, threads);
    sumchecks = cpu.get();
  }
  size_t max_arity = 1;
  for (const ChipTrace& c : chips) max_arity = std::max(max_arity, c.chip->max_interaction_arity());

  wire::LogupGkrProof proof;
  proof.witness = grind(challenger, kGkrGrindingBits, threads);
  t.grinding_ms = clock.lap();
  const EF alpha = challenger.sample_ext();
  const std::vector<EF> beta_seed = challenger.sample_point(multilinear::log2_ceil(max_arity));
  (void)challenger.sample_ext();  // the public values' challenge: no interactions in them here
  const std::vector<EF> betas = multilinear::partial_lagrange<EF>(beta_seed);

  const std::unique_ptr<GkrCircuitTables> circuit = sumchecks->gkr_circuit(alpha, betas);
  std::vector<EF> out_num, out_den;
  circuit->output(out_num, out_den);
  challenger.observe_variable_length_ext_slice(out_num);
  challenger.observe_variable_length_ext_slice(out_den);

  t.circuit_ms = clock.lap();

  std::vector<EF> point = challenger.sample_point(circuit->interaction_vars() + 1);
  EF numerator = multilinear::mle_eval<EF>(out_num, point);
  EF denominator = multilinear::mle_eval<EF>(out_den, point);
  const size_t output_size = out_num.size();
  proof.output_numerator = wire::Tensor<EF>{std::move(out_num), {output_size, 1}};
  proof.output_denominator = wire::Tensor<EF>{std::move(out_den), {output_size, 1}};

  for (size_t layer = 1; layer < circuit->num_layers(); ++layer) {
    const EF lambda = challenger.sample_ext();
    const std::unique_ptr<GkrLayerOracle> oracle = circuit->layer_oracle(layer, lambda);
    wire::LogupGkrRoundProof round;
    round.sumcheck_proof = prove_eq_sumcheck(std::span<const EF>(point), *oracle, numerator * lambda + denominator,
                                             GkrRoundOracle::kDegree, challenger);
    const auto [n0, n1, d0, d1] = oracle->final_values();
    round.numerator_0 = n0;
    round.numerator_1 = n1;
    round.denominator_0 = d0;
    round.denominator_1 = d1;
    for (const EF& v : {n0, n1, d0, d1}) challenger.observe_ext(v);
    const EF last = challenger.sample_ext();
    point = round.sumcheck_proof.point;
    point.push_back(last);
    numerator = n0 + (n1 - n0) * last;
    denominator = d0 + (d1 - d0) * last;
    proof.round_proofs.push_back(std::move(round));
  }

  t.layers_ms = clock.lap();

  proof.evaluation_point.assign(point.end() - ptrdiff_t(max_log_row_count), point.end());
  challenger.observe_length(chips.size());
  std::vector<TraceEvaluations> evaluations = sumchecks->trace_evaluations(proof.evaluation_point);
  if (evaluations.size() != chips.size()) throw std::logic_error("GKR: trace evaluations for the wrong chip count");
  for (size_t i = 0; i < chips.size(); ++i) {
    const ChipTrace& c = chips[i];
    TraceEvaluations& e = evaluations[i];
    wire::ChipEvaluation opening;
    // A chip has a preprocessed trace exactly when it has preprocessed columns.
    if (c.chip->preprocessed_width() > 0) {
      challenger.observe_variable_length_ext_slice(e.preprocessed);
      opening.preprocessed_trace_evaluations = mle_eval_tensor(std::move(e.preprocessed));
    }
    challenger.observe_variable_length_ext_slice(e.main);
    opening.main_trace_evaluations = mle_eval_tensor(std::move(e.main));
    proof.chip_openings.emplace(std::string(c.chip->name()), std::move(opening));
  }
  t.evaluations_ms = clock.lap();
  return proof;
}

template wire::LogupGkrProof prove_logup_gkr(std::span<const ChipTrace>, size_t, std::span<const F>,
                                             transcript::DuplexChallenger&, unsigned, ShardSumchecks*,
                                             GkrPhaseTimes*);
template wire::LogupGkrProof prove_logup_gkr(std::span<const ChipTrace>, size_t, std::span<const F>,
                                             transcript::MultiFieldChallenger&, unsigned, ShardSumchecks*,
                                             GkrPhaseTimes*);

}  // namespace zkgpu::sp1::prover
