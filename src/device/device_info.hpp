#pragma once
// What zkgpud knows about a device it may serve: the CPU backend or one CUDA GPU.
// Filled once at start by enumerate_devices(); selectors are resolved against it.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "device/backend_kind.hpp"

namespace zkgpu {

struct DeviceInfo {
  std::string id;            // stable name for logs and replies: "cpu" or "cuda:<ordinal>"
  BackendKind backend = BackendKind::cpu;
  int ordinal = -1;          // CUDA ordinal as this process sees it; -1 for the CPU
  std::string name;          // "NVIDIA H100 80GB HBM3", or the CPU model
  int cc_major = 0;          // compute capability (CUDA only)
  int cc_minor = 0;
  uint64_t total_bytes = 0;  // device memory (CUDA) or host RAM (CPU)
  std::string uuid;          // "GPU-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (CUDA only)
  std::string pci_bus_id;    // "0000:65:00.0", lowercase (CUDA only)
};

// One log-friendly line: "cuda:0 NVIDIA H100 80GB HBM3 (sm_90, 79.1 GiB, GPU-..., 0000:65:00.0)".
std::string describe(const DeviceInfo& d);

// Which device of `devices` a selector names; the index into `devices`.
// Selectors: "cpu"; a CUDA ordinal "0" (or "cuda:0"); a UUID "GPU-<hex>" (a
// unique prefix is enough, case-insensitive); a PCI bus id "0000:65:00.0" or
// "65:00.0" (case-insensitive, domain optional). `what` words the error
// ("served", "present"). Throws Error(no_such_device) naming every candidate.
size_t resolve_selector(std::span<const DeviceInfo> devices, std::string_view selector,
                        std::string_view what = "served");

}  // namespace zkgpu
