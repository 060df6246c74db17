#include "daemon/device_plan.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <set>

#include "daemon/exit_codes.hpp"

namespace zkgpu {
namespace {

bool all_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string sp1_socket(const std::string& n) { return "/tmp/sp1-cuda-" + n + ".sock"; }

// Probes CUDA for --backend cuda|auto; decides whether GPUs are usable.
bool probe(const DaemonOptions& o, DevicePlan& plan) {
  if (o.backend == "cpu") return false;
  plan.cuda = probe_cuda();
  switch (plan.cuda.status) {
    case CudaStatus::ok:
      plan.present.insert(plan.present.end(), plan.cuda.devices.begin(), plan.cuda.devices.end());
      return true;
    case CudaStatus::driver_too_old:
      throw StartupError(exit_code::kDriverTooOld, "CUDA driver too old: " + plan.cuda.message);
    case CudaStatus::not_built:
    case CudaStatus::no_device:
    case CudaStatus::failed:
      if (o.backend == "cuda") throw StartupError(exit_code::kStartupFailed, "--backend cuda: " + plan.cuda.message);
      spdlog::info("{}; serving the CPU backend", plan.cuda.message);
      return false;
  }
  return false;
}

}  // namespace

DevicePlan plan_devices(const DaemonOptions& o, std::optional<std::string> cuda_visible_devices,
                        size_t activated_fds) {
  DevicePlan plan;
  plan.present.push_back(cpu_device());
  const bool gpus = probe(o, plan);

  // The devices the chosen backend may serve.
  std::vector<DeviceInfo> candidates;
  for (const auto& d : plan.present) {
    const bool is_cpu = d.backend == BackendKind::cpu;
    if (o.backend == "cpu" ? is_cpu : o.backend == "cuda" ? !is_cpu : true) candidates.push_back(d);
  }

  if (!o.devices.empty()) {
    std::set<std::string> seen;
    for (const auto& sel : o.devices) {
      size_t i = 0;
      try {
        i = resolve_selector(candidates, sel, o.backend == "auto" ? "present" : "--backend " + o.backend);
      } catch (const Error& e) {
        throw StartupError(exit_code::kStartupFailed, std::string("--device: ") + e.what());
      }
      if (!seen.insert(candidates[i].id).second)
        throw StartupError(exit_code::kStartupFailed, "--device: " + candidates[i].id + " is named twice");
      plan.served.push_back(candidates[i]);
    }
  } else if (gpus) {
    plan.served.push_back(plan.cuda.devices.front());  // ordinal 0 of what this process sees
  } else {
    plan.served.push_back(plan.present.front());  // the CPU
  }

  if (activated_fds > 0) {
    if (activated_fds != plan.served.size())
      throw StartupError(exit_code::kStartupFailed,
                         "systemd passed " + std::to_string(activated_fds) + " sockets for " +
                             std::to_string(plan.served.size()) + " served devices");
    if (!o.sockets.empty()) spdlog::warn("--socket is ignored: systemd passed the listening sockets");
    return plan;
  }

  if (!o.sockets.empty()) {
    if (o.sockets.size() != plan.served.size())
      throw StartupError(exit_code::kStartupFailed,
                         std::to_string(o.sockets.size()) + " --socket paths for " +
                             std::to_string(plan.served.size()) + " served devices; give one per --device");
    plan.sockets = o.sockets;
  } else if (o.devices.empty() && cuda_visible_devices && plan.served.size() == 1) {
    // SP1's SDK spawns the server with CUDA_VISIBLE_DEVICES=N and connects to
    // /tmp/sp1-cuda-N.sock.
    std::string first = cuda_visible_devices->substr(0, cuda_visible_devices->find(','));
    plan.sockets.push_back(sp1_socket(all_digits(first) ? first : "0"));
  } else {
    const bool cpu_only = plan.served.size() == 1 && plan.served[0].backend == BackendKind::cpu;
    for (const auto& d : plan.served) {
      if (d.backend == BackendKind::cuda)
        plan.sockets.push_back(sp1_socket(std::to_string(d.ordinal)));
      else
        plan.sockets.push_back(cpu_only ? sp1_socket("0") : "/tmp/zkgpud-cpu.sock");
    }
  }
  std::set<std::string> paths(plan.sockets.begin(), plan.sockets.end());
  if (paths.size() != plan.sockets.size())
    throw StartupError(exit_code::kStartupFailed, "two served devices would share one socket path");
  return plan;
}

}  // namespace zkgpu
