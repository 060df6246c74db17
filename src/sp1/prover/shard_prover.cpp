#include "sp1/prover/shard_prover.hpp"

#include <future>
#include <stdexcept>
#include <string>

#include "sp1/prover/jagged_prover.hpp"
#include "sp1/prover/logup_gkr_prover.hpp"
#include "sp1/prover/stopwatch.hpp"
#include "sp1/prover/zerocheck_prover.hpp"

namespace zkgpu::sp1::prover {

namespace {

// The preprocessed round's tables: the chips with preprocessed columns, in name
// order (SP1 commits the BTreeMap of preprocessed traces).
std::vector<TraceTable> preprocessed_tables(std::span<const ChipTrace> chips) {
  std::vector<TraceTable> out;
  for (const ChipTrace& c : chips)
    if (c.chip->preprocessed_width() > 0)
      out.push_back({c.trace.rows, c.chip->preprocessed_width(), c.trace.preprocessed});
  return out;
}

std::vector<TraceTable> main_tables(std::span<const ChipTrace> chips) {
  std::vector<TraceTable> out;
  for (const ChipTrace& c : chips) out.push_back({c.trace.rows, c.chip->width(), c.trace.main});
  return out;
}

// MachineVerifyingKey::observe_into (crates/hypercube/src/verifier/config.rs): the
// commitment, pc_start, the cumulative sum's x then y, the untrusted config's
// elements and six zeros.
template <class C, class Challenger>
void observe_vk(const wire::MachineVerifyingKey<C>& vk, Challenger& challenger) {
  challenger.observe_digest(vk.preprocessed_commit);
  challenger.observe_slice(vk.pc_start);
  challenger.observe_slice(vk.initial_global_cumulative_sum_x);
  challenger.observe_slice(vk.initial_global_cumulative_sum_y);
  challenger.observe_slice(wire::untrusted_config_elements(vk.untrusted_config));
  for (int i = 0; i < 6; ++i) challenger.observe(F::zero());
}

}  // namespace

template <class C>
ShardProvingKey<C> setup_shard(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                               std::span<const ChipTrace> chips, const ProgramConstants& constants) {
  check_chip_traces(chips, params.max_log_row_count);
  const std::vector<TraceTable> tables = preprocessed_tables(chips);
  if (tables.empty()) throw std::invalid_argument("setup: no chip has preprocessed columns");
  ShardProvingKey<C> pk{{}, commit_jagged_round<C>(ctx, params, tables)};
  pk.vk.pc_start = constants.pc_start;
  pk.vk.initial_global_cumulative_sum_x = constants.initial_global_cumulative_sum_x;
  pk.vk.initial_global_cumulative_sum_y = constants.initial_global_cumulative_sum_y;
  pk.vk.preprocessed_commit = pk.preprocessed.commitment;
  pk.vk.untrusted_config = constants.untrusted_config;
  return pk;
}

template <class C>
wire::ShardProof<C> prove_shard(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                                const ShardProvingKey<C>& pk, std::span<const ChipTrace> chips,
                                std::span<const F> public_values, ShardPhaseTimes* times,
                                const SumcheckBackend* sumchecks, const ShardPhaseFn& on_phase) {
  const size_t max_log_rows = params.max_log_row_count;
  check_chip_traces(chips, max_log_rows);
  if (pk.preprocessed.row_and_column_counts.size() != preprocessed_tables(chips).size() + 2)
    throw std::invalid_argument("prove_shard: the chips' preprocessed tables are not the proving key's");
  ShardPhaseTimes local;
  ShardPhaseTimes& t = times ? *times : local;
  const PcsProverContext pcs_ctx{ctx.ops, ctx.threads, &t.pcs, ctx.device};
  const auto begin = [&](ShardPhase phase) {
    if (on_phase) on_phase(phase);
  };
  begin(ShardPhase::commit);
  Stopwatch clock;
  // The sumcheck backend takes the traces (on the GPU: uploads them and compiles
  // the chips' row programs) while the main round is committed; nothing in it
  // depends on the transcript.
  std::future<std::unique_ptr<ShardSumchecks>> opening = std::async(std::launch::async, [&] {
    return sumchecks ? sumchecks->open_shard(chips, max_log_rows, public_values)
                     : open_cpu_sumchecks(chips, max_log_rows, public_values, ctx.threads);
  });

  wire::ShardProof<C> proof;
  proof.public_values.assign(public_values.begin(), public_values.end());
  typename pcs::Iop<C>::Challenger challenger;
  observe_vk(pk.vk, challenger);
  challenger.observe_slice(public_values);

  const JaggedCommitted<C> main = commit_jagged_round<C>(ctx, params, main_tables(chips));
  proof.main_commitment = main.commitment;
  challenger.observe_digest(main.commitment);
  challenger.observe_length(chips.size());
  for (const ChipTrace& c : chips) {
    const std::string_view name = c.chip->name();
    challenger.observe_length(c.trace.rows);
    challenger.observe_length(name.size());
    for (unsigned char byte : name) challenger.observe(F::from_canonical(byte));
  }
  t.commit_ms = clock.lap();

  begin(ShardPhase::logup_gkr);
  clock.lap();
  const std::unique_ptr<ShardSumchecks> shard = opening.get();
  t.open_shard_ms = clock.lap();
  proof.logup_gkr_proof =
      prove_logup_gkr(chips, max_log_rows, public_values, challenger, ctx.threads, shard.get(), &t.gkr);
  t.logup_gkr_ms = t.open_shard_ms + clock.lap();

  begin(ShardPhase::zerocheck);
  clock.lap();
  ZerocheckProof zc =
      prove_zerocheck(chips, proof.logup_gkr_proof, max_log_rows, public_values, challenger, ctx.threads, shard.get());
  proof.zerocheck_proof = std::move(zc.sumcheck);
  proof.opened_values = std::move(zc.opened_values);
  t.zerocheck_ms = clock.lap();

  begin(ShardPhase::pcs_opening);
  clock.lap();
  // The evaluation claims: each chip's opened values, preprocessed (for the chips
  // that have them) then main, in name order (prove_shard_with_data).
  std::vector<std::vector<EF>> claims(2);
  for (const auto& [name, opened] : proof.opened_values) {
    claims[0].insert(claims[0].end(), opened.preprocessed.begin(), opened.preprocessed.end());
    claims[1].insert(claims[1].end(), opened.main.begin(), opened.main.end());
  }
  const std::array<const JaggedCommitted<C>*, 2> rounds{&pk.preprocessed, &main};
  proof.evaluation_proof =
      prove_jagged<C>(pcs_ctx, params, rounds, proof.zerocheck_proof.point, claims, challenger);
  t.pcs_ms = clock.lap();
  return proof;
}

template ShardProvingKey<wire::InnerConfig> setup_shard<wire::InnerConfig>(const PcsProverContext&,
                                                                           const pcs::JaggedParams&,
                                                                           std::span<const ChipTrace>,
                                                                           const ProgramConstants&);
template ShardProvingKey<wire::OuterConfig> setup_shard<wire::OuterConfig>(const PcsProverContext&,
                                                                           const pcs::JaggedParams&,
                                                                           std::span<const ChipTrace>,
                                                                           const ProgramConstants&);
template wire::ShardProof<wire::InnerConfig> prove_shard<wire::InnerConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, const ShardProvingKey<wire::InnerConfig>&,
    std::span<const ChipTrace>, std::span<const F>, ShardPhaseTimes*, const SumcheckBackend*, const ShardPhaseFn&);
template wire::ShardProof<wire::OuterConfig> prove_shard<wire::OuterConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, const ShardProvingKey<wire::OuterConfig>&,
    std::span<const ChipTrace>, std::span<const F>, ShardPhaseTimes*, const SumcheckBackend*, const ShardPhaseFn&);

}  // namespace zkgpu::sp1::prover
