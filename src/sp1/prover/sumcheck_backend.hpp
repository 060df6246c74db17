// Where the shard prover's LogUp-GKR and zerocheck tables live and are computed.
// prove_logup_gkr and prove_zerocheck keep the transcript (what is sampled and
// observed, in SP1's order); the tables they sum over (the GKR circuit's layers,
// the zerocheck's folded columns) and the per-round sums come from a ShardSumchecks
// opened once per shard. The CPU implementation (open_cpu_sumchecks) runs the
// reference oracles of logup_gkr_round.hpp and zerocheck_round.hpp; a device one
// uploads the traces once and keeps every table resident, returning only round
// sums and final values. Both must give the same field values, so the proof does
// not depend on the backend.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <vector>

#include "sp1/prover/chip_traces.hpp"

namespace zkgpu::sp1::prover {

// The oracle prove_eq_sumcheck drives (sumcheck_prover.hpp): round_sums(high, q)
// writes q[t] = sum over x' of eq(high, x') G(x', t), t = 0..degree;
// fix_last_variable binds the current coordinate.
class EqSumcheckOracle {
 public:
  virtual ~EqSumcheckOracle() = default;
  virtual void round_sums(std::span<const EF> high, std::span<EF> q) = 0;
  virtual void fix_last_variable(const EF& c) = 0;
};

// One GKR layer's sumcheck (GkrRoundOracle's polynomial, degree 2).
class GkrLayerOracle : public EqSumcheckOracle {
 public:
  // After every variable is bound: N0, N1, D0, D1 at the sumcheck's point.
  virtual std::array<EF, 4> final_values() const = 0;
};

// The zerocheck's sumcheck over every chip (ZerocheckOracle's polynomial, degree 3).
class ZerocheckRoundOracle : public EqSumcheckOracle {
 public:
  // After every variable is bound: chip i's columns at the sumcheck's point.
  virtual TraceEvaluations openings(size_t chip) const = 0;
};

// The LogUp-GKR circuit of one shard at one (alpha, betas) (logup_gkr_circuit.hpp).
class GkrCircuitTables {
 public:
  virtual ~GkrCircuitTables() = default;
  // max_log_row_count layers; layer 0 is the output's, the last the leaves.
  virtual size_t num_layers() const = 0;
  virtual size_t interaction_vars() const = 0;
  // circuit_output: layer 0 densely, (interaction, row bit), padded with 0 / 1.
  virtual void output(std::vector<EF>& numerator, std::vector<EF>& denominator) const = 0;
  // The sumcheck of the claim on layer - 1, over layer `layer` (1 <= layer < num_layers).
  virtual std::unique_ptr<GkrLayerOracle> layer_oracle(size_t layer, const EF& lambda) const = 0;
};

// One shard's chips and public values, as prove_logup_gkr and prove_zerocheck use them.
class ShardSumchecks {
 public:
  virtual ~ShardSumchecks() = default;
  virtual std::unique_ptr<GkrCircuitTables> gkr_circuit(const EF& alpha, std::span<const EF> betas) = 0;
  // evaluate_trace of every chip at `point` (dimension max_log_row_count), in chip order.
  virtual std::vector<TraceEvaluations> trace_evaluations(std::span<const EF> point) = 0;
  virtual std::unique_ptr<ZerocheckRoundOracle> zerocheck(const EF& alpha, const EF& batch_challenge,
                                                          const EF& lambda) = 0;
};

// Opens shards: what prove_shard is given to run both phases somewhere else than
// on the host. The chips and public values must outlive the returned object.
class SumcheckBackend {
 public:
  virtual ~SumcheckBackend() = default;
  virtual std::unique_ptr<ShardSumchecks> open_shard(std::span<const ChipTrace> chips, size_t max_log_row_count,
                                                     std::span<const F> public_values) const = 0;
};

// The CPU reference; `threads` as for prove_logup_gkr. check_chip_traces first.
std::unique_ptr<ShardSumchecks> open_cpu_sumchecks(std::span<const ChipTrace> chips, size_t max_log_row_count,
                                                   std::span<const F> public_values, unsigned threads = 1);

}  // namespace zkgpu::sp1::prover
