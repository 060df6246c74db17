#include "scheduler/scheduler.hpp"

#include <atomic>
#include <thread>

namespace zkgpu {

size_t Scheduler::add_device(DeviceInfo info, DeviceWorker::BackendFactory factory) {
  workers_.push_back(std::make_unique<DeviceWorker>(std::move(info), std::move(factory), config_));
  return workers_.size() - 1;
}

void Scheduler::purge_cancelled() {
  for (auto& w : workers_) w->purge_cancelled();
}

bool Scheduler::shutdown(std::chrono::milliseconds grace) {
  // Stop every queue first so no device keeps taking work while another drains.
  std::atomic<bool> all = true;
  std::vector<std::thread> stoppers;
  for (auto& w : workers_) stoppers.emplace_back([&all, &w, grace] {
    if (!w->shutdown(grace)) all = false;
  });
  for (auto& t : stoppers) t.join();
  return all;
}

}  // namespace zkgpu
