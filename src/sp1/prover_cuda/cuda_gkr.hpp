// The LogUp-GKR circuit on the device (logup_gkr_circuit.hpp's layers, flat: one
// buffer of numerators and one of denominators per layer, interaction k's column
// at [offsets[k], offsets[k + 1]), only the rows below the padding stored) and its
// layer sumchecks (logup_gkr_round.hpp): the row rounds on the device, the few
// interaction rounds at the end on the host (GkrInteractionRounds).
#pragma once

#include <cuda_runtime_api.h>

#include <memory>
#include <span>

#include "sp1/prover/sumcheck_backend.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

std::unique_ptr<GkrCircuitTables> build_device_gkr_circuit(std::shared_ptr<const DeviceShard> shard, const EF& alpha,
                                                           std::span<const EF> betas);

// One layer as the circuit keeps it: column k's numerators and denominators at
// [offsets[k], offsets[k + 1]) of num and den; device_offsets the same offsets on
// the device.
struct DeviceGkrLayerView {
  std::span<const uint64_t> offsets;
  const uint64_t* device_offsets = nullptr;
  const Ef* num = nullptr;
  const Ef* den = nullptr;
};

// The sumcheck over one layer without a shard (what the circuit's layer_oracle
// opens over its layer): the child has row_vars row variables (at least 2) and is
// read only while this call queues its split. Work goes to `stream`, which must
// outlive the oracle.
std::unique_ptr<GkrLayerOracle> open_device_gkr_layer(const DeviceGkrLayerView& child, size_t row_vars,
                                                      size_t interaction_vars, const EF& lambda, cudaStream_t stream);

}  // namespace zkgpu::sp1::prover::gpu
