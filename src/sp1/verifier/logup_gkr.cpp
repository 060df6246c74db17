#include "sp1/verifier/logup_gkr.hpp"

#include <algorithm>
#include <bit>
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

[[noreturn]] void reject(const std::string& what) { throw Rejected("logup_gkr: " + what); }

size_t ceil_log2(size_t n) { return n <= 1 ? 0 : size_t(std::bit_width(n - 1)); }

// The last GKR layer from the chips' openings: for every interaction, the fraction at
// the trace point, with the padding rows (row >= the chip's height) replaced by 0/1.
// The padding rows' own fraction is the interaction on an all-zero row.
template <class Challenger>
void last_layer(const ShardChips& chips, std::span<const EF> trace_point, const EF& alpha,
                std::span<const EF> betas, std::span<const F> public_values, Challenger& challenger,
                std::vector<EF>& numerators, std::vector<EF>& denominators) {
  challenger.observe_length(chips.size());
  for (const ShardChip& c : chips) {
    const wire::ChipEvaluation& o = *c.gkr_opening;
    const air::MachineChip& chip = *c.chip;
    const std::span<const EF> prep = gkr_preprocessed(o);
    if (o.preprocessed_trace_evaluations) challenger.observe_variable_length_ext_slice(prep);
    if (prep.size() != chip.preprocessed_width())
      reject(std::string(chip.name()) + ": preprocessed opening has the wrong width");
    challenger.observe_variable_length_ext_slice(o.main_trace_evaluations.values);
    if (o.main_trace_evaluations.values.size() != chip.width())
      reject(std::string(chip.name()) + ": main opening has the wrong width");

    if (c.opening->degree.size() != trace_point.size() + 1)
      reject(std::string(chip.name()) + ": row count bits have the wrong length");
    const EF geq = padding_indicator(c.opening->degree, trace_point);

    const air::ConstraintProgram& program = chip.program();
    air::ProgramRunner<EF> real(program), pad(program);
    real.run(o.main_trace_evaluations.values, prep, public_values);
    const std::vector<EF> zero_main(chip.width(), EF::zero()), zero_prep(chip.preprocessed_width(), EF::zero());
    pad.run(zero_main, zero_prep, public_values);

    auto push = [&](const air::ProgramInteraction& i, bool send) {
      const EF num = real.multiplicity(i) - pad.multiplicity(i) * geq;
      numerators.push_back(send ? num : EF::zero() - num);
      denominators.push_back(real.fingerprint(i, alpha, betas) + (EF::one() - pad.fingerprint(i, alpha, betas)) * geq);
    };
    for (const air::ProgramInteraction& i : program.sends) push(i, true);
    for (const air::ProgramInteraction& i : program.receives) push(i, false);
  }
}

// A claim on one layer: the numerator and denominator multilinears at `point`.
struct LayerClaim {
  std::vector<EF> point;
  EF numerator, denominator;
};

// The circuit's output layer: 2^(interaction_vars + 1) fractions, all denominators
// nonzero, summing to the expected cumulative sum; returns the claim at a random point.
template <class Challenger>
LayerClaim verify_output(const wire::LogupGkrProof& proof, size_t interaction_vars, const EF& cumulative_sum,
                         Challenger& challenger) {
  const size_t output_size = size_t(1) << (interaction_vars + 1);
  const auto& num = proof.output_numerator;
  const auto& den = proof.output_denominator;
  const std::vector<size_t> shape{output_size, 1};
  if (num.values.size() != output_size || den.values.size() != output_size || num.sizes != shape ||
      den.sizes != shape)
    reject("circuit output has the wrong shape");

  challenger.observe_variable_length_ext_slice(num.values);
  challenger.observe_variable_length_ext_slice(den.values);
  EF sum = EF::zero();
  for (size_t i = 0; i < output_size; ++i) {
    if (den.values[i].is_zero()) reject("circuit output has a zero denominator");
    sum = sum + num.values[i] * den.values[i].inverse();
  }
  if (!(sum == cumulative_sum)) reject("cumulative sum mismatch");

  LayerClaim claim{challenger.sample_point(interaction_vars + 1), EF::zero(), EF::zero()};
  claim.numerator = multilinear::mle_eval<EF>(num.values, claim.point);
  claim.denominator = multilinear::mle_eval<EF>(den.values, claim.point);
  return claim;
}

// One layer down: a sumcheck reduces the claim on layer i to the four values of
// layer i + 1 at the sumcheck point with last coordinate 0 and 1, which a random
// last coordinate folds into the next claim.
template <class Challenger>
void verify_layer(const wire::LogupGkrRoundProof& round, size_t i, size_t interaction_vars, LayerClaim& claim,
                  Challenger& challenger) {
  const std::string layer = "layer " + std::to_string(i);
  const EF lambda = challenger.sample_ext();
  if (!(round.sumcheck_proof.claimed_sum == claim.numerator * lambda + claim.denominator))
    reject(layer + " claimed sum mismatch");
  multilinear::verify_partial_sumcheck(round.sumcheck_proof, challenger, i + interaction_vars + 1, 3,
                                       "logup_gkr: " + layer);
  const std::vector<EF>& point = round.sumcheck_proof.point;
  const EF eq = multilinear::eq_eval<EF>(point, claim.point);
  const EF num = round.numerator_0 * round.denominator_1 + round.numerator_1 * round.denominator_0;
  const EF den = round.denominator_0 * round.denominator_1;
  if (!(round.sumcheck_proof.eval == eq * (num * lambda + den))) reject(layer + " evaluation mismatch");

  challenger.observe_ext(round.numerator_0);
  challenger.observe_ext(round.numerator_1);
  challenger.observe_ext(round.denominator_0);
  challenger.observe_ext(round.denominator_1);

  const EF last = challenger.sample_ext();
  claim.point = point;
  claim.point.push_back(last);
  claim.numerator = round.numerator_0 + (round.numerator_1 - round.numerator_0) * last;
  claim.denominator = round.denominator_0 + (round.denominator_1 - round.denominator_0) * last;
}

}  // namespace

template <class Challenger>
void verify_logup_gkr(const ShardChips& chips, const wire::LogupGkrProof& proof, size_t max_log_row_count,
                      std::span<const F> public_values, Challenger& challenger,
                      const PublicValuesAir* public_values_air) {
  size_t max_arity = 1, num_interactions = 0;
  for (const ShardChip& c : chips) {
    max_arity = std::max(max_arity, c.chip->max_interaction_arity());
    num_interactions += c.chip->num_interactions();
  }
  // Interactions from the public values widen beta too.
  if (public_values_air) max_arity = std::max(max_arity, public_values_air->max_interaction_arity());
  const size_t beta_seed_dim = ceil_log2(max_arity);
  const size_t interaction_vars = ceil_log2(num_interactions);

  if (!challenger.check_witness(kGkrGrindingBits, proof.witness)) reject("proof of work witness invalid");
  const EF alpha = challenger.sample_ext();
  const std::vector<EF> beta_seed = challenger.sample_point(beta_seed_dim);
  const std::vector<EF> betas = multilinear::partial_lagrange<EF>(beta_seed);
  // The challenge folding the public values' constraints, sampled whether or not the
  // machine has any; the circuit's output must sum to minus their interactions' sum.
  const EF public_values_challenge = challenger.sample_ext();
  const EF cumulative_sum =
      public_values_cumulative_sum(public_values_air, public_values, public_values_challenge, alpha, betas);

  LayerClaim claim = verify_output(proof, interaction_vars, cumulative_sum, challenger);
  if (proof.round_proofs.size() + 1 != max_log_row_count) reject("wrong number of layers");
  for (size_t i = 0; i < proof.round_proofs.size(); ++i)
    verify_layer(proof.round_proofs[i], i, interaction_vars, claim, challenger);

  // The last layer's point is (interaction point, trace point); the verifier
  // recomputes the layer there from the chips' openings at the trace point.
  const std::span<const EF> interaction_point(claim.point.data(), interaction_vars);
  const std::span<const EF> trace_point(claim.point.data() + interaction_vars, claim.point.size() - interaction_vars);
  if (trace_point.size() != max_log_row_count) reject("last layer has the wrong dimension");
  if (!std::equal(trace_point.begin(), trace_point.end(), proof.evaluation_point.begin(), proof.evaluation_point.end()))
    reject("trace point mismatch");

  std::vector<EF> numerators, denominators;
  last_layer(chips, trace_point, alpha, betas, public_values, challenger, numerators, denominators);
  numerators.resize(size_t(1) << interaction_vars, EF::zero());
  denominators.resize(size_t(1) << interaction_vars, EF::one());
  if (!(claim.numerator == multilinear::mle_eval<EF>(numerators, interaction_point)))
    reject("numerator evaluation mismatch");
  if (!(claim.denominator == multilinear::mle_eval<EF>(denominators, interaction_point)))
    reject("denominator evaluation mismatch");
}

template void verify_logup_gkr(const ShardChips&, const wire::LogupGkrProof&, size_t, std::span<const F>,
                               transcript::DuplexChallenger&, const PublicValuesAir*);
template void verify_logup_gkr(const ShardChips&, const wire::LogupGkrProof&, size_t, std::span<const F>,
                               transcript::MultiFieldChallenger&, const PublicValuesAir*);

}  // namespace zkgpu::sp1::verifier
