#pragma once
// State a device keeps between jobs: proving keys resident on it. One per
// device worker, used by that worker's jobs (JobContext::resources). It holds
// memory of the worker's Backend, so it is cleared before that backend is
// destroyed or reset.
#include "pipelines/groth16_key_cache.hpp"
#include "pipelines/pipeline.hpp"

namespace zkgpu {

struct DeviceResources {
  explicit DeviceResources(const PipelineConfig& config) : groth16_keys(config.key_cache_bytes) {}

  Groth16KeyCache groth16_keys;

  // Frees everything held on the device (after a device error, before shutdown).
  void clear() { groth16_keys.clear(); }
};

}  // namespace zkgpu
