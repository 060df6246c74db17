// The LogUp-GKR circuit on the device (logup_gkr_circuit.hpp's layers, flat: one
// buffer of numerators and one of denominators per layer, interaction k's column
// at [offsets[k], offsets[k + 1]), only the rows below the padding stored) and its
// layer sumchecks (logup_gkr_round.hpp): the row rounds on the device, the few
// interaction rounds at the end on the host (GkrInteractionRounds).
#pragma once

#include <memory>
#include <span>

#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

std::unique_ptr<GkrCircuitTables> build_device_gkr_circuit(std::shared_ptr<const DeviceShard> shard, const EF& alpha,
                                                           std::span<const EF> betas);

}  // namespace zkgpu::sp1::prover::gpu
