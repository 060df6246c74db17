// The zerocheck's round oracle on the device (zerocheck_round.hpp's polynomial):
// the first round reads the uploaded base-field traces, each bound coordinate
// folds every chip's columns and geq into extension-field buffers that stay on the
// device; per round only each chip's four sums come back, combined with lambda on
// the host as the CPU oracle does.
#pragma once

#include <memory>

#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

std::unique_ptr<ZerocheckRoundOracle> make_device_zerocheck(std::shared_ptr<const DeviceShard> shard, const EF& alpha,
                                                            const EF& batch_challenge, const EF& lambda);

}  // namespace zkgpu::sp1::prover::gpu
