#pragma once
// State a device keeps between jobs: proving keys resident on it. One per
// device worker, used by that worker's jobs (JobContext::resources). It holds
// memory of the worker's Backend, so it is cleared before that backend is
// destroyed or reset.
#include <cstdint>
#include <string_view>

#include "pipelines/groth16_key_cache.hpp"
#include "pipelines/pipeline.hpp"

namespace zkgpu {

struct DeviceResources {
  explicit DeviceResources(const PipelineConfig& config) : groth16_keys(config.key_cache_bytes) {}

  Groth16KeyCache groth16_keys;

  // Frees everything held on the device (after a device error, before shutdown).
  void clear() { groth16_keys.clear(); }

  // Device memory held between jobs that admission may take back for a job
  // that would not fit otherwise (resident keys are uploaded again when next used).
  uint64_t reclaimable_bytes() const { return groth16_keys.device_bytes(); }
  // Frees at least `bytes` of it if there is that much, least recently used first.
  void reclaim(uint64_t bytes, std::string_view device_id) { groth16_keys.evict_device_bytes(bytes, device_id); }
};

}  // namespace zkgpu
