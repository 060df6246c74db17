#pragma once
// The served devices' workers, by index (the index of the device in the
// server's list of served devices).
#include <chrono>
#include <memory>
#include <vector>

#include "scheduler/device_worker.hpp"

namespace zkgpu {

class Scheduler {
 public:
  explicit Scheduler(PipelineConfig config) : config_(std::move(config)) {}

  // Starts a worker for the device; returns its index. Rethrows backend creation failures.
  size_t add_device(DeviceInfo info, DeviceWorker::BackendFactory factory);

  size_t size() const noexcept { return workers_.size(); }
  DeviceWorker& worker(size_t index) { return *workers_.at(index); }
  const DeviceWorker& worker(size_t index) const { return *workers_.at(index); }
  const PipelineConfig& config() const noexcept { return config_; }

  void purge_cancelled();
  // Shuts every worker down (see DeviceWorker::shutdown); false if one is stuck.
  bool shutdown(std::chrono::milliseconds grace);

 private:
  PipelineConfig config_;
  std::vector<std::unique_ptr<DeviceWorker>> workers_;
};

}  // namespace zkgpu
