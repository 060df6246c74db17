// The jagged sumcheck's tables on a CUDA device (host_jagged_sumcheck's, in
// sp1/prover/jagged_sumcheck.hpp): the stacked messages (resident where the
// commitment built them, else uploaded) are laid out as the dense trace there, the jagged polynomial is computed there, and every
// round's binding stays there; only the three round sums and the two final values
// come back. Also the stacked columns' evaluations that follow it.
#pragma once

#include <cuda_runtime_api.h>

#include <memory>
#include <vector>

#include "sp1/prover/jagged_sumcheck.hpp"

namespace zkgpu::sp1::prover::gpu {

std::unique_ptr<multilinear::ProductSumcheckOracle> open_jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                         std::span<const uint64_t> prefix_sums,
                                                                         std::span<const EF> z_row,
                                                                         std::span<const EF> z_col, size_t log_m,
                                                                         cudaStream_t stream);

// Each column of a stacked message at `point` (the message read on the device, converted
// there and summed against eq(point, .)).
std::vector<EF> stacked_evaluations(const StackedMessage& message, std::span<const EF> point, cudaStream_t stream);

}  // namespace zkgpu::sp1::prover::gpu
