#pragma once
// State a device keeps between jobs: proving keys resident on it (Groth16 keys,
// SP1 shard proving keys), all in one ResidentCache under one byte budget
// (--key-cache-bytes), least recently used evicted first whatever their kind. One
// per device worker, used by that worker's jobs (JobContext::resources). It holds
// memory of the worker's Backend, so it is cleared before that backend is
// destroyed or reset.
#include <cstdint>
#include <string_view>

#include "pipelines/groth16_key_cache.hpp"
#include "pipelines/pipeline.hpp"
#include "pipelines/resident_cache.hpp"
#include "pipelines/sp1_shard_keys.hpp"

namespace zkgpu {

struct DeviceResources {
  explicit DeviceResources(const PipelineConfig& config)
      : resident(config.key_cache_bytes), groth16_keys(resident), sp1_keys(resident) {}

  ResidentCache resident;  // declared first: the views below refer to it
  Groth16KeyCache groth16_keys;
  Sp1ShardKeys sp1_keys;

  // Frees everything held on the device (after a device error, before shutdown).
  void clear() { resident.clear(); }

  // Device memory held between jobs that admission may take back for a job
  // that would not fit otherwise (resident keys are made again when next used).
  uint64_t reclaimable_bytes() const { return resident.device_bytes(); }
  // Frees at least `bytes` of it if there is that much, least recently used first.
  void reclaim(uint64_t bytes, std::string_view device_id) { resident.evict_device_bytes(bytes, device_id); }
};

}  // namespace zkgpu
