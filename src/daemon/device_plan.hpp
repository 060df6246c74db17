#pragma once
// Which devices this process serves and on which socket paths, from the flags,
// the devices found, and SP1's spawn convention (CUDA_VISIBLE_DEVICES=N).
#include <optional>
#include <string>
#include <vector>

#include "daemon/options.hpp"
#include "device/enumerate.hpp"

namespace zkgpu {

struct DevicePlan {
  CudaProbe cuda;                     // what the CUDA runtime said
  std::vector<DeviceInfo> present;    // the CPU device, then every CUDA device
  std::vector<DeviceInfo> served;     // in socket order
  std::vector<std::string> sockets;   // default socket paths; empty under socket activation
};

// `cuda_visible_devices` is the variable's value, if set. `activated_fds` is
// the number of listening sockets systemd passed (0 = none). Throws
// StartupError (with its exit code) when the request cannot be served.
DevicePlan plan_devices(const DaemonOptions& o, std::optional<std::string> cuda_visible_devices,
                        size_t activated_fds);

}  // namespace zkgpu
