// SP1's zerocheck prover (crates/hypercube/src/prover/shard.rs: the two challenges
// sampled after the GKR proof in prove_shard_with_data, then ShardProver::zerocheck),
// whose proof sp1/verifier/zerocheck.hpp checks. Transcript, right after
// prove_logup_gkr: sample the constraint challenge alpha, the GKR-opening batch
// challenge and lambda (the chips' batching); the sumcheck (degree 4) whose claimed
// sum is the lambda-combination of each chip's batched GKR openings; then observe
// the chip count and per chip its preprocessed then main values at the sumcheck
// point (both variable length, the preprocessed ones even when empty).
#pragma once

#include <cstddef>
#include <span>

#include "sp1/prover/chip_traces.hpp"
#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::prover {

struct ZerocheckProof {
  wire::PartialSumcheckProof sumcheck;
  // The chips' values at the sumcheck point and their heights' bits
  // (ShardProof::opened_values).
  wire::ChipMap<wire::ChipOpenedValues> opened_values;
};

// `chips` as prove_logup_gkr had them; `gkr` the proof it returned; `threads` and
// `sumchecks` as for prove_logup_gkr (the same ShardSumchecks may serve both).
template <class Challenger>
ZerocheckProof prove_zerocheck(std::span<const ChipTrace> chips, const wire::LogupGkrProof& gkr,
                               size_t max_log_row_count, std::span<const F> public_values, Challenger& challenger,
                               unsigned threads = 1, ShardSumchecks* sumchecks = nullptr);

}  // namespace zkgpu::sp1::prover
