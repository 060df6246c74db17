// SP1's LogUp-GKR prover (crates/hypercube/src/logup_gkr/prover.rs,
// GkrProverImpl::prove_logup_gkr), whose proof sp1/verifier/logup_gkr.hpp checks.
// Transcript, from the state after the shard's commitments are observed:
//   grind GKR_GRINDING_BITS; sample alpha, the beta seed (ceil(log2(max arity))
//   coordinates) and the public values' challenge; build the circuit; observe the
//   output numerators and denominators (variable length); sample the output point;
//   for each layer down: sample lambda, the layer's sumcheck (degree 3), observe
//   N0, N1, D0, D1, sample the last coordinate; then observe the chip count and per
//   chip its preprocessed (when it has a preprocessed trace) and main evaluations at
//   the trace point (the last max_log_row_count coordinates of the final point).
#pragma once

#include <cstddef>
#include <span>

#include "sp1/prover/chip_traces.hpp"
#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::prover {

// GKR_GRINDING_BITS (crates/hypercube/src/verifier/shard.rs).
inline constexpr unsigned kGkrGrindingBits = 12;

// Wall time of the proof's parts, in milliseconds.
struct GkrPhaseTimes {
  double grinding_ms = 0;
  double circuit_ms = 0;      // the layers built and the output read
  double layers_ms = 0;       // the layers' sumchecks
  double evaluations_ms = 0;  // the traces at the evaluation point
};

// `chips` in name order (check_chip_traces). The recursion machine's public values
// carry no interactions, so the circuit's output sums to zero for a shard whose
// interactions balance. `threads`: how many threads of the shared CpuPool the loops
// over rows may use; the proof does not depend on it. `sumchecks`: where the
// circuit and its sumchecks run (sumcheck_backend.hpp), opened on these chips and
// public values; null runs them on the CPU.
// `times` is filled when not null.
template <class Challenger>
wire::LogupGkrProof prove_logup_gkr(std::span<const ChipTrace> chips, size_t max_log_row_count,
                                    std::span<const F> public_values, Challenger& challenger,
                                    unsigned threads = 1, ShardSumchecks* sumchecks = nullptr,
                                    GkrPhaseTimes* times = nullptr);

}  // namespace zkgpu::sp1::prover
