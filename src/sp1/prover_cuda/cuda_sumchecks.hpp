// The shard prover's LogUp-GKR and zerocheck on a CUDA device (the seam of
// sp1/prover/sumcheck_backend.hpp): each shard's traces and compiled row programs
// are uploaded once when it is opened; the GKR layers, the round oracles' tables
// and the zerocheck's folded columns stay on the device; only round sums, the
// circuit output and the final evaluations come back. Every value equals the CPU
// reference's, so proofs are byte-identical to the CPU backend's.
#pragma once

#include <memory>

#include "sp1/prover/sumcheck_backend.hpp"

namespace zkgpu::sp1::prover {

// Runs on the calling thread's current CUDA device (the device is remembered:
// shards may be opened from other threads). Device errors become
// zkgpu::Error (device_error, out_of_memory) when a shard is opened or used.
std::unique_ptr<SumcheckBackend> make_cuda_sumcheck_backend();

}  // namespace zkgpu::sp1::prover
