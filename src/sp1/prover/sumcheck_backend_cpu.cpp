// The CPU ShardSumchecks: the reference oracles behind the seam's interfaces.
#include <stdexcept>

#include "sp1/prover/logup_gkr_circuit.hpp"
#include "sp1/prover/logup_gkr_round.hpp"
#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/prover/zerocheck_round.hpp"

namespace zkgpu::sp1::prover {

namespace {

class CpuGkrLayer final : public GkrLayerOracle {
 public:
  CpuGkrLayer(const GkrLayer& child, size_t interaction_vars, const EF& lambda, unsigned threads)
      : oracle_(child, interaction_vars, lambda, threads) {}
  void round_sums(std::span<const EF> high, std::span<EF> q) override { oracle_.round_sums(high, q); }
  void fix_last_variable(const EF& c) override { oracle_.fix_last_variable(c); }
  std::array<EF, 4> final_values() const override { return oracle_.final_values(); }

 private:
  GkrRoundOracle oracle_;
};

class CpuGkrCircuit final : public GkrCircuitTables {
 public:
  CpuGkrCircuit(GkrCircuit circuit, unsigned threads) : circuit_(std::move(circuit)), threads_(threads) {}
  size_t num_layers() const override { return circuit_.layers.size(); }
  size_t interaction_vars() const override { return circuit_.interaction_vars; }
  void output(std::vector<EF>& numerator, std::vector<EF>& denominator) const override {
    circuit_output(circuit_, numerator, denominator);
  }
  std::unique_ptr<GkrLayerOracle> layer_oracle(size_t layer, const EF& lambda) const override {
    if (layer == 0 || layer >= circuit_.layers.size()) throw std::out_of_range("GKR: no such layer below a claim");
    return std::make_unique<CpuGkrLayer>(circuit_.layers[layer], circuit_.interaction_vars, lambda, threads_);
  }

 private:
  GkrCircuit circuit_;
  unsigned threads_;
};

class CpuZerocheck final : public ZerocheckRoundOracle {
 public:
  CpuZerocheck(std::span<const ChipTrace> chips, std::span<const F> public_values, const EF& alpha, const EF& batch,
               const EF& lambda, unsigned threads)
      : oracle_(chips, public_values, alpha, batch, lambda, threads) {}
  void round_sums(std::span<const EF> high, std::span<EF> q) override { oracle_.round_sums(high, q); }
  void fix_last_variable(const EF& c) override { oracle_.fix_last_variable(c); }
  TraceEvaluations openings(size_t chip) const override { return oracle_.openings(chip); }

 private:
  ZerocheckOracle oracle_;
};

class CpuShardSumchecks final : public ShardSumchecks {
 public:
  CpuShardSumchecks(std::span<const ChipTrace> chips, size_t max_log_row_count, std::span<const F> public_values,
                    unsigned threads)
      : chips_(chips), max_log_row_count_(max_log_row_count), public_values_(public_values), threads_(threads) {}

  std::unique_ptr<GkrCircuitTables> gkr_circuit(const EF& alpha, std::span<const EF> betas) override {
    return std::make_unique<CpuGkrCircuit>(
        build_gkr_circuit(chips_, max_log_row_count_, public_values_, alpha, betas, threads_), threads_);
  }
  std::vector<TraceEvaluations> trace_evaluations(std::span<const EF> point) override {
    std::vector<TraceEvaluations> out;
    for (const ChipTrace& c : chips_) out.push_back(evaluate_trace(c, point, threads_));
    return out;
  }
  std::unique_ptr<ZerocheckRoundOracle> zerocheck(const EF& alpha, const EF& batch_challenge,
                                                  const EF& lambda) override {
    return std::make_unique<CpuZerocheck>(chips_, public_values_, alpha, batch_challenge, lambda, threads_);
  }

 private:
  std::span<const ChipTrace> chips_;
  size_t max_log_row_count_;
  std::span<const F> public_values_;
  unsigned threads_;
};

}  // namespace

std::unique_ptr<ShardSumchecks> open_cpu_sumchecks(std::span<const ChipTrace> chips, size_t max_log_row_count,
                                                   std::span<const F> public_values, unsigned threads) {
  check_chip_traces(chips, max_log_row_count);
  return std::make_unique<CpuShardSumchecks>(chips, max_log_row_count, public_values, threads);
}

}  // namespace zkgpu::sp1::prover
