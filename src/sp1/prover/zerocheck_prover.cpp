#include "sp1/prover/zerocheck_prover.hpp"

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/sumcheck_prover.hpp"
#include "sp1/prover/zerocheck_round.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"

namespace zkgpu::sp1::prover {

namespace {

// sum_k values_k * c^(k+1) over main then preprocessed values.
EF batch(std::span<const EF> main, std::span<const EF> preprocessed, const EF& c) {
  EF acc = EF::zero(), power = c;
  for (const auto* part : {&main, &preprocessed})
    for (const EF& v : *part) {
      acc = acc + v * power;
      power = power * c;
    }
  return acc;
}

const wire::ChipEvaluation& gkr_opening(const wire::LogupGkrProof& gkr, const air::MachineChip& chip) {
  const auto it = gkr.chip_openings.find(std::string(chip.name()));
  if (it == gkr.chip_openings.end())
    throw std::invalid_argument(std::string(chip.name()) + ": no GKR opening");
  const wire::ChipEvaluation& o = it->second;
  const size_t prep = o.preprocessed_trace_evaluations ? o.preprocessed_trace_evaluations->values.size() : 0;
  if (o.main_trace_evaluations.values.size() != chip.width() || prep != chip.preprocessed_width())
    throw std::invalid_argument(std::string(chip.name()) + ": GKR opening has the wrong width");
  return o;
}

std::span<const EF> preprocessed(const wire::ChipEvaluation& o) {
  return o.preprocessed_trace_evaluations ? std::span<const EF>(o.preprocessed_trace_evaluations->values)
                                          : std::span<const EF>();
}

}  // namespace

template <class Challenger>
ZerocheckProof prove_zerocheck(std::span<const ChipTrace> chips, const wire::LogupGkrProof& gkr,
                               size_t max_log_row_count, std::span<const F> public_values, Challenger& challenger,
                               unsigned threads, ShardSumchecks* sumchecks) {
  check_chip_traces(chips, max_log_row_count);
  std::unique_ptr<ShardSumchecks> cpu;
  if (sumchecks == nullptr) {
    cpu = open_cpu_sumchecks(chips, max_log_row_count, public_values, threads);
    sumchecks = cpu.get();
  }
  if (gkr.evaluation_point.size() != max_log_row_count)
    throw std::invalid_argument("zerocheck: the GKR point has the wrong dimension");
  const EF alpha = challenger.sample_ext();
  const EF batch_challenge = challenger.sample_ext();
  const EF lambda = challenger.sample_ext();

  EF claimed_sum = EF::zero();
  for (const ChipTrace& c : chips) {
    const wire::ChipEvaluation& o = gkr_opening(gkr, *c.chip);
    claimed_sum = lambda * claimed_sum + batch(o.main_trace_evaluations.values, preprocessed(o), batch_challenge);
  }

  const std::unique_ptr<ZerocheckRoundOracle> oracle = sumchecks->zerocheck(alpha, batch_challenge, lambda);
  ZerocheckProof proof;
  proof.sumcheck = prove_eq_sumcheck(std::span<const EF>(gkr.evaluation_point), *oracle, claimed_sum,
                                     ZerocheckOracle::kDegree, challenger);

  challenger.observe_length(chips.size());
  for (size_t i = 0; i < chips.size(); ++i) {
    TraceEvaluations e = oracle->openings(i);
    challenger.observe_variable_length_ext_slice(e.preprocessed);
    challenger.observe_variable_length_ext_slice(e.main);
    proof.opened_values.emplace(
        std::string(chips[i].chip->name()),
        wire::ChipOpenedValues{std::move(e.preprocessed), std::move(e.main),
                               multilinear::point_from_usize<F>(chips[i].trace.rows, max_log_row_count + 1)});
  }
  return proof;
}

template ZerocheckProof prove_zerocheck(std::span<const ChipTrace>, const wire::LogupGkrProof&, size_t,
                                        std::span<const F>, transcript::DuplexChallenger&, unsigned, ShardSumchecks*);
template ZerocheckProof prove_zerocheck(std::span<const ChipTrace>, const wire::LogupGkrProof&, size_t,
                                        std::span<const F>, transcript::MultiFieldChallenger&, unsigned, ShardSumchecks*);

}  // namespace zkgpu::sp1::prover
