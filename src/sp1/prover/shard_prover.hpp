// SP1's shard prover (succinctlabs/sp1 crates/hypercube/src/prover/shard.rs,
// setup_from_preprocessed_data_and_traces and prove_shard_with_data), generic over
// the machine and the configuration C (InnerConfig: compress; OuterConfig: wrap).
// Setup commits the preprocessed traces (one jagged round, the chips in name
// order) into the MachineVerifyingKey. Proving follows SP1's transcript, which
// sp1/verifier/shard_verifier.hpp replays:
//   observe the vk (MachineVerifyingKey::observe_into); observe the public values;
//   commit the main traces and observe the commitment; observe the chip count and
//   per chip its height, its name's length and bytes; LogUp-GKR; zerocheck; the
//   jagged PCS opening of both rounds at the zerocheck point.
#pragma once

#include <array>
#include <functional>
#include <span>
#include <vector>

#include "sp1/prover/chip_traces.hpp"
#include "sp1/prover/jagged_commit.hpp"
#include "sp1/prover/logup_gkr_prover.hpp"
#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::prover {

// What the vk carries besides the preprocessed commitment (MachineProgram's
// pc_start, initial_global_cumulative_sum and untrusted_config).
struct ProgramConstants {
  std::array<F, 3> pc_start{};
  std::array<F, 7> initial_global_cumulative_sum_x{};
  std::array<F, 7> initial_global_cumulative_sum_y{};
  wire::UntrustedConfig untrusted_config{};
};

template <class C>
struct ShardProvingKey {
  wire::MachineVerifyingKey<C> vk;
  JaggedCommitted<C> preprocessed;  // the committed preprocessed round
};

// Wall time per phase of one proof, in milliseconds.
struct ShardPhaseTimes {
  double commit_ms = 0;     // the main traces' jagged commitment
  double logup_gkr_ms = 0;   // including its grinding and open_shard_ms
  double open_shard_ms = 0;  // waiting, after the commit, for the sumcheck backend to take the traces
  GkrPhaseTimes gkr;
  double zerocheck_ms = 0;
  double pcs_ms = 0;  // the jagged opening (its own phases in `pcs`)
  PcsPhaseTimes pcs;
};

// The phases of one proof, in the order prove_shard runs them.
enum class ShardPhase { commit, logup_gkr, zerocheck, pcs_opening };
// Told as each phase starts; it may throw to abandon the proof (cancellation).
using ShardPhaseFn = std::function<void(ShardPhase)>;

// `chips`: the shard's chips in name order with their traces (check_chip_traces
// against params.max_log_row_count); their preprocessed traces are committed.
// Throws std::invalid_argument when no chip has preprocessed columns.
template <class C>
ShardProvingKey<C> setup_shard(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                               std::span<const ChipTrace> chips, const ProgramConstants& constants);

// Proves the shard whose chips (the same as setup's, in name order) and public
// values are given. `times` is filled when not null. `sumchecks`: where LogUp-GKR
// and the zerocheck run (one shard opened for both; its upload counts in
// logup_gkr_ms); null runs them on the CPU. `on_phase`, when set, is told as each
// phase starts. The proof depends only on its inputs (not on ctx.threads, nor on
// the sumcheck backend).
template <class C>
wire::ShardProof<C> prove_shard(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                                const ShardProvingKey<C>& pk, std::span<const ChipTrace> chips,
                                std::span<const F> public_values, ShardPhaseTimes* times = nullptr,
                                const SumcheckBackend* sumchecks = nullptr, const ShardPhaseFn& on_phase = {});

extern template ShardProvingKey<wire::InnerConfig> setup_shard<wire::InnerConfig>(const PcsProverContext&,
                                                                                  const pcs::JaggedParams&,
                                                                                  std::span<const ChipTrace>,
                                                                                  const ProgramConstants&);
extern template ShardProvingKey<wire::OuterConfig> setup_shard<wire::OuterConfig>(const PcsProverContext&,
                                                                                  const pcs::JaggedParams&,
                                                                                  std::span<const ChipTrace>,
                                                                                  const ProgramConstants&);
extern template wire::ShardProof<wire::InnerConfig> prove_shard<wire::InnerConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, const ShardProvingKey<wire::InnerConfig>&,
    std::span<const ChipTrace>, std::span<const F>, ShardPhaseTimes*, const SumcheckBackend*, const ShardPhaseFn&);
extern template wire::ShardProof<wire::OuterConfig> prove_shard<wire::OuterConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, const ShardProvingKey<wire::OuterConfig>&,
    std::span<const ChipTrace>, std::span<const F>, ShardPhaseTimes*, const SumcheckBackend*, const ShardPhaseFn&);

}  // namespace zkgpu::sp1::prover
