// BaseFold's commit phase on a CUDA device (host_fri_folder's, in
// sp1/prover/fri_folder.hpp). The batched codeword is the same combination of the
// rounds' resident codewords (the encoding is linear), so nothing is encoded again;
// the batched multilinear comes from the rounds' messages (resident, or uploaded once). Both stay
// on the device, each round's pairs are committed where they lie (the tree borrows
// them), and only the two message sums per round and the final value come back.
#pragma once

#include <memory>

#include "backends/cuda/stark_ops_cuda.hpp"
#include "sp1/prover/fri_folder.hpp"

namespace zkgpu::sp1::prover::gpu {

using Inner = wire::InnerConfig;

// The rounds' codewords must be CUDA resident matrices on ops's device;
// log_blowup at least 1. Work is queued on ops's stream.
std::unique_ptr<FriFolder<Inner>> open_fri_folder(CudaStarkOps& ops, std::span<const BasefoldCommitted<Inner>* const> rounds,
                                                  std::span<const EF> coeffs, unsigned log_blowup);

}  // namespace zkgpu::sp1::prover::gpu
