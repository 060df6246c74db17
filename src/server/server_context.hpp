#pragma once
// What every connection of the daemon shares: the served devices and their
// workers, the frame cap and timeout, static facts for INFO, and counters for STATS.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "device/device_info.hpp"
#include "scheduler/scheduler.hpp"

namespace zkgpu {

struct ServerContext {
  ServerContext(Scheduler& s, std::vector<DeviceInfo> present_devices, std::vector<DeviceInfo> served_devices)
      : scheduler(s), present(std::move(present_devices)), served(std::move(served_devices)) {}

  Scheduler& scheduler;
  const std::vector<DeviceInfo> present;  // every device found at start
  const std::vector<DeviceInfo> served;   // served[i] runs on scheduler.worker(i)
  uint64_t max_frame_bytes = 0;
  std::chrono::seconds frame_timeout{60};  // the longest silence inside an unfinished frame
  std::string cuda_runtime;  // "12.4", empty when the build has no CUDA
  std::string cuda_driver;   // "12.8", empty when unknown
  const std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  std::atomic<bool> shutting_down{false};
  std::atomic<uint64_t> connections_open{0};
  std::atomic<uint64_t> connections_total{0};
  std::atomic<uint64_t> requests{0};
};

}  // namespace zkgpu
