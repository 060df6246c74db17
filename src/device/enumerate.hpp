#pragma once
// Device enumeration at start: the CPU device always, and every CUDA device the
// runtime reports when the build has CUDA.
#include <string>
#include <vector>

#include "device/device_info.hpp"

namespace zkgpu {

enum class CudaStatus {
  ok,              // at least one CUDA device
  not_built,       // this binary has no CUDA backend
  no_device,       // no NVIDIA driver, or no device visible
  driver_too_old,  // the NVIDIA driver is older than the CUDA runtime linked in
  failed,          // any other runtime error (message says which)
};

struct CudaProbe {
  CudaStatus status = CudaStatus::not_built;
  std::string message;  // human text for every status but ok
  int driver_version = 0;   // cudaDriverGetVersion, e.g. 12040; 0 when unknown
  int runtime_version = 0;  // cudaRuntimeGetVersion of the runtime linked in
  std::vector<DeviceInfo> devices;
};

// The CPU "device": model name from /proc/cpuinfo, total host RAM.
DeviceInfo cpu_device();

// Queries the CUDA runtime. Creates no contexts (memory figures are totals).
CudaProbe probe_cuda();

// "12.4" from 12040.
std::string cuda_version_string(int version);

}  // namespace zkgpu
