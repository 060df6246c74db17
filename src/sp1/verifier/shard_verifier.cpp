#include "sp1/verifier/shard_verifier.hpp"

#include <algorithm>
#include <chrono>
#include <string>

#include "sp1/errors.hpp"
#include "sp1/verifier/logup_gkr.hpp"
#include "sp1/verifier/pcs_opening.hpp"
#include "sp1/verifier/zerocheck.hpp"

namespace zkgpu::sp1::verifier {

using wire::F;

namespace {

[[noreturn]] void reject_shape(const std::string& what) { throw Rejected("shape: " + what); }

class PhaseClock {
 public:
  explicit PhaseClock(std::vector<PhaseTime>& out) : out_(out) {}
  void lap(const char* name) {
    const auto now = std::chrono::steady_clock::now();
    out_.push_back({name, std::chrono::duration<double, std::milli>(now - last_).count()});
    last_ = now;
  }

 private:
  std::vector<PhaseTime>& out_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

// Step 6: the jagged proof's tables are the chips' (preprocessed: those with
// preprocessed columns; main: all), plus two padding tables at the end.
template <class C>
void check_table_counts(const ShardChips& chips, const wire::ShardProof<C>& proof) {
  const auto& counts = proof.evaluation_proof.row_counts_and_column_counts;
  if (counts.size() != 2) reject_shape("jagged proof has " + std::to_string(counts.size()) + " rounds, expected 2");
  for (size_t round = 0; round < 2; ++round) {
    std::vector<std::pair<size_t, size_t>> expected;
    for (const ShardChip& c : chips) {
      const size_t width = round == 0 ? c.chip->preprocessed_width() : c.chip->width();
      if (round == 0 && width == 0) continue;
      expected.emplace_back(row_count(c.opening->degree), width);
    }
    const auto& got = counts[round];
    if (got.size() != expected.size() + 2 || !std::equal(expected.begin(), expected.end(), got.begin()))
      reject_shape(std::string(round == 0 ? "preprocessed" : "main") +
                   " table sizes in the jagged proof do not match the chips'");
  }
}

}  // namespace

template <>
pcs::JaggedParams stage_params<wire::InnerConfig>() {
  return pcs::compress_params();
}
template <>
pcs::JaggedParams stage_params<wire::OuterConfig>() {
  return pcs::wrap_params();
}

uint64_t row_count(const std::vector<F>& bits) {
  uint64_t n = 0;
  for (F b : bits) n = 2 * n + b.to_canonical();
  return n;
}

template <class C, class Challenger>
void observe_shard(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof,
                   const air::Machine& machine, size_t max_log_row_count, Challenger& challenger) {
  // MachineVerifyingKey::observe_into (crates/hypercube/src/verifier/config.rs): the
  // untrusted config is one element, or 16 more under mprotect, then six zeros of
  // padding in both variants.
  challenger.observe_digest(vk.preprocessed_commit);
  challenger.observe_slice(vk.pc_start);
  challenger.observe_slice(vk.initial_global_cumulative_sum_x);
  challenger.observe_slice(vk.initial_global_cumulative_sum_y);
  challenger.observe_slice(wire::untrusted_config_elements(vk.untrusted_config));
  for (int i = 0; i < 6; ++i) challenger.observe(F::zero());

  if (proof.public_values.size() != machine.num_public_values)
    throw Rejected("public values: " + std::to_string(proof.public_values.size()) + " values, expected " +
                   std::to_string(machine.num_public_values));
  challenger.observe_slice(proof.public_values);
  challenger.observe_digest(proof.main_commitment);
  challenger.observe_length(proof.opened_values.size());
  for (const auto& [name, opening] : proof.opened_values) {
    if (opening.degree.size() != max_log_row_count + 1)
      reject_shape(name + ": row count has " + std::to_string(opening.degree.size()) + " bits, expected " +
                   std::to_string(max_log_row_count + 1));
    F height = F::zero();
    for (F bit : opening.degree) height = bit + (F::one() + F::one()) * height;
    challenger.observe(height);
    challenger.observe_length(name.size());
    for (unsigned char byte : name) challenger.observe(F::from_canonical(byte));
  }
}

template <class C>
ShardChips shard_chips(const air::Machine& machine, const wire::ShardProof<C>& proof) {
  // The recursion machines have one chip cluster: every chip, each with preprocessed
  // columns. Sorted by name, as SP1's BTreeSet<Chip> and the proof's maps are.
  std::vector<const air::MachineChip*> chips;
  for (const auto& c : machine.chips) chips.push_back(c.get());
  std::sort(chips.begin(), chips.end(), [](auto* a, auto* b) { return a->name() < b->name(); });

  const auto& opened = proof.opened_values;
  const auto& gkr = proof.logup_gkr_proof.chip_openings;
  if (opened.size() != chips.size() || gkr.size() != chips.size())
    reject_shape("proof opens " + std::to_string(opened.size()) + " chips, the " + machine.name + " machine has " +
                 std::to_string(chips.size()));
  ShardChips out;
  auto o = opened.begin();
  auto g = gkr.begin();
  for (const air::MachineChip* chip : chips) {
    if (o->first != chip->name())
      reject_shape("opened chip " + o->first + " where the " + machine.name + " machine has " +
                   std::string(chip->name()));
    if (g->first != chip->name())
      reject_shape("GKR-opened chip " + g->first + " where the " + machine.name + " machine has " +
                   std::string(chip->name()));
    const wire::ChipEvaluation& ge = g->second;
    const size_t prep = ge.preprocessed_trace_evaluations ? ge.preprocessed_trace_evaluations->values.size() : 0;
    if (prep != chip->preprocessed_width() || ge.main_trace_evaluations.values.size() != chip->width())
      reject_shape(o->first + ": GKR opening has the wrong width");
    out.push_back({chip, &o->second, &ge});
    ++o;
    ++g;
  }
  // The preprocessed tables in the jagged proof are the chips' preprocessed widths.
  const auto& counts = proof.evaluation_proof.row_counts_and_column_counts;
  if (counts.empty() || counts[0].size() < out.size()) reject_shape("jagged proof lists too few preprocessed tables");
  for (size_t i = 0; i < out.size(); ++i)
    if (counts[0][i].second != out[i].chip->preprocessed_width())
      reject_shape(std::string(out[i].chip->name()) + ": preprocessed width in the jagged proof differs");
  return out;
}

template <class C>
ShardReport verify_shard(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof,
                         air::MachineKind kind) {
  const air::Machine& machine = air::machine(kind);
  const pcs::JaggedParams params = stage_params<C>();
  ShardReport report{machine.name, {}, {}};
  PhaseClock clock(report.phases);

  typename pcs::Iop<C>::Challenger challenger;
  observe_shard(vk, proof, machine, params.max_log_row_count, challenger);
  clock.lap("observe");

  const ShardChips chips = shard_chips(machine, proof);
  for (const ShardChip& c : chips) report.chips.push_back({std::string(c.chip->name()), row_count(c.opening->degree)});
  clock.lap("shape");

  verify_logup_gkr(chips, proof.logup_gkr_proof, params.max_log_row_count, proof.public_values, challenger);
  clock.lap("logup_gkr");

  verify_zerocheck(chips, proof.logup_gkr_proof, proof.zerocheck_proof, params.max_log_row_count,
                   proof.public_values, challenger);
  clock.lap("zerocheck");

  verify_pcs_opening(chips, vk, proof, params, challenger);
  check_table_counts(chips, proof);
  clock.lap("pcs");
  return report;
}

template ShardReport verify_shard(const wire::MachineVerifyingKey<wire::InnerConfig>&,
                                  const wire::ShardProof<wire::InnerConfig>&, air::MachineKind);
template ShardReport verify_shard(const wire::MachineVerifyingKey<wire::OuterConfig>&,
                                  const wire::ShardProof<wire::OuterConfig>&, air::MachineKind);
template void observe_shard(const wire::MachineVerifyingKey<wire::InnerConfig>&,
                            const wire::ShardProof<wire::InnerConfig>&, const air::Machine&, size_t,
                            transcript::DuplexChallenger&);
template void observe_shard(const wire::MachineVerifyingKey<wire::OuterConfig>&,
                            const wire::ShardProof<wire::OuterConfig>&, const air::Machine&, size_t,
                            transcript::MultiFieldChallenger&);
template ShardChips shard_chips(const air::Machine&, const wire::ShardProof<wire::InnerConfig>&);
template ShardChips shard_chips(const air::Machine&, const wire::ShardProof<wire::OuterConfig>&);

}  // namespace zkgpu::sp1::verifier
