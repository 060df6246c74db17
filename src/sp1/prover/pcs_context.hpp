// What the PCS prover computes with: the backend that encodes, builds and opens
// the KoalaBear Merkle trees and searches the duplex challenger's proofs of work,
// optionally a device for the jagged sumcheck and BaseFold's folding, and the host threads for the rest
// (sumchecks, the BN254 trees and challenger); optionally where it reports the
// time of its phases.
#pragma once

#include <chrono>

#include "backends/stark_ops.hpp"

namespace zkgpu::sp1::prover {

// Wall time per phase of an opening, in milliseconds, added to by each proof.
struct PcsPhaseTimes {
  double jagged_sumcheck_ms = 0;  // dense trace and jagged polynomial tables, their sumcheck
  double jagged_eval_ms = 0;      // the jagged evaluation proof
  double stacked_ms = 0;          // the stacked columns' evaluations
  double basefold_fold_ms = 0;    // batching, the FRI commit phase
  double grinding_ms = 0;         // both proof-of-work searches
  double queries_ms = 0;          // the query openings
};

class PcsDevice;  // pcs_device.hpp

struct PcsProverContext {
  StarkOps& ops;
  unsigned threads = 1;            // at least 1
  PcsPhaseTimes* times = nullptr;  // not reported when null
  // Where the jagged sumcheck and the inner configuration's BaseFold folding run;
  // null: on the host.
  const PcsDevice* device = nullptr;
};

// Adds the time from construction to destruction to one phase of ctx.times.
class PhaseTimer {
 public:
  PhaseTimer(const PcsProverContext& ctx, double PcsPhaseTimes::*phase)
      : sink_(ctx.times ? &(ctx.times->*phase) : nullptr), start_(std::chrono::steady_clock::now()) {}
  ~PhaseTimer() {
    if (sink_) *sink_ += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start_).count();
  }
  PhaseTimer(const PhaseTimer&) = delete;
  PhaseTimer& operator=(const PhaseTimer&) = delete;

 private:
  double* sink_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace zkgpu::sp1::prover
