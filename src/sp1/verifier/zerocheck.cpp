#include "sp1/verifier/zerocheck.hpp"

#include <string>
#include <vector>

#include "sp1/air/program_eval.hpp"
#include "sp1/errors.hpp"
#include "sp1/transcript/fields.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/sumcheck.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"
#include "sp1/verifier/padding.hpp"

namespace zkgpu::sp1::verifier {

using wire::EF;
using wire::F;

namespace {

[[noreturn]] void reject(const std::string& what) { throw Rejected("zerocheck: " + what); }

// sum_k values_k * c^(k+1) over main then preprocessed values: the batch that ties a
// chip's openings at two points together.
EF batch(std::span<const EF> main, std::span<const EF> preprocessed, const EF& c) {
  EF acc = EF::zero(), power = c;
  for (const auto* part : {&main, &preprocessed})
    for (const EF& v : *part) {
      acc = acc + v * power;
      power = power * c;
    }
  return acc;
}

}  // namespace

EF fold_constraints(const air::MachineChip& chip, std::span<const EF> main, std::span<const EF> preprocessed,
                    std::span<const F> public_values, const EF& alpha) {
  air::ProgramRunner<EF> runner(chip.program());
  runner.run(main, preprocessed, public_values);
  return runner.fold_constraints(alpha);
}

template <class Challenger>
void verify_zerocheck(const ShardChips& chips, const wire::LogupGkrProof& gkr, const wire::PartialSumcheckProof& proof,
                      size_t max_log_row_count, std::span<const F> public_values, Challenger& challenger) {
  const EF alpha = challenger.sample_ext();
  const EF batch_challenge = challenger.sample_ext();
  const EF lambda = challenger.sample_ext();

  if (gkr.evaluation_point.size() != max_log_row_count || proof.point.size() != max_log_row_count)
    reject("point has the wrong dimension");
  const EF eq = multilinear::eq_eval<EF>(gkr.evaluation_point, proof.point);

  EF rlc = EF::zero();
  for (const ShardChip& c : chips) {
    const air::MachineChip& chip = *c.chip;
    const wire::ChipOpenedValues& o = *c.opening;
    const std::string name(chip.name());
    if (o.preprocessed.size() != chip.preprocessed_width() || o.main.size() != chip.width())
      reject(name + ": opening has the wrong width");
    if (o.degree.size() != proof.point.size() + 1) reject(name + ": row count bits have the wrong length");
    for (F bit : o.degree)
      if (!(bit * (bit - F::one())).is_zero()) reject(name + ": row count bit is not a bit");
    for (size_t k = 1; k < o.degree.size(); ++k)
      if (!(o.degree[k] * o.degree[0]).is_zero()) reject(name + ": row count too large");

    const EF geq = padding_indicator(o.degree, proof.point);

    // The constraints on a padding (all-zero) row need not vanish; their fold is
    // subtracted on the rows at or above the chip's height.
    const std::vector<EF> zero_main(chip.width(), EF::zero()), zero_prep(chip.preprocessed_width(), EF::zero());
    const EF padding = fold_constraints(chip, zero_main, zero_prep, public_values, alpha);
    const EF constraints = fold_constraints(chip, o.main, o.preprocessed, public_values, alpha) - padding * geq;
    rlc = rlc * lambda + eq * (constraints + batch(o.main, o.preprocessed, batch_challenge));
  }
  if (!(proof.eval == rlc)) reject("constraint evaluation mismatch");

  EF expected_sum = EF::zero();
  for (const ShardChip& c : chips)
    expected_sum = lambda * expected_sum +
                   batch(c.gkr_opening->main_trace_evaluations.values, gkr_preprocessed(*c.gkr_opening), batch_challenge);
  if (!(proof.claimed_sum == expected_sum)) reject("claimed sum does not match the GKR openings");

  multilinear::verify_partial_sumcheck(proof, challenger, max_log_row_count, kMaxConstraintDegree + 1,
                                       "zerocheck");

  challenger.observe_length(chips.size());
  for (const ShardChip& c : chips) {
    challenger.observe_variable_length_ext_slice(c.opening->preprocessed);
    challenger.observe_variable_length_ext_slice(c.opening->main);
  }
}

template void verify_zerocheck(const ShardChips&, const wire::LogupGkrProof&, const wire::PartialSumcheckProof&,
                               size_t, std::span<const F>, transcript::DuplexChallenger&);
template void verify_zerocheck(const ShardChips&, const wire::LogupGkrProof&, const wire::PartialSumcheckProof&,
                               size_t, std::span<const F>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::verifier
