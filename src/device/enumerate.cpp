#include "device/enumerate.hpp"

#include <sys/sysinfo.h>

#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <fstream>

#if ZKGPU_HAVE_CUDA
#include <cuda_runtime_api.h>
#endif

namespace zkgpu {

DeviceInfo cpu_device() {
  DeviceInfo d;
  d.id = "cpu";
  d.backend = BackendKind::cpu;
  d.name = "CPU";
  std::ifstream cpuinfo("/proc/cpuinfo");
  for (std::string line; std::getline(cpuinfo, line);) {
    if (!line.starts_with("model name")) continue;
    if (auto colon = line.find(':'); colon != std::string::npos && colon + 2 <= line.size())
      d.name = line.substr(colon + 2);
    break;
  }
  struct sysinfo si {};
  if (sysinfo(&si) == 0) d.total_bytes = uint64_t(si.totalram) * si.mem_unit;
  return d;
}

std::string cuda_version_string(int version) {
  return std::to_string(version / 1000) + "." + std::to_string(version % 1000 / 10);
}

#if ZKGPU_HAVE_CUDA
namespace {

// nvidia-smi's spelling: GPU-8-4-4-4-12 lowercase hex digits.
std::string format_uuid(const cudaUUID_t& u) {
  const auto* b = reinterpret_cast<const unsigned char*>(u.bytes);
  char s[64];
  std::snprintf(s, sizeof s,
                "GPU-%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
  return s;
}

std::string runtime_error_text(cudaError_t e) {
  return std::string(cudaGetErrorName(e)) + " (" + cudaGetErrorString(e) + ")";
}

}  // namespace

CudaProbe probe_cuda() {
  CudaProbe p;
  cudaRuntimeGetVersion(&p.runtime_version);
  cudaDriverGetVersion(&p.driver_version);  // 0 when no driver is installed
  int count = 0;
  const cudaError_t e = cudaGetDeviceCount(&count);
  // Without any driver (no libcuda) the runtime also says "insufficient
  // driver"; that machine simply has no GPU, which --backend auto serves with
  // the CPU. Only a driver that is there but too old is an operator error.
  if (e == cudaErrorInsufficientDriver && p.driver_version == 0) {
    p.status = CudaStatus::no_device;
    p.message = "no NVIDIA driver is installed";
    return p;
  }
  if (e == cudaErrorInsufficientDriver) {
    p.status = CudaStatus::driver_too_old;
    p.message = "the NVIDIA driver supports CUDA " + cuda_version_string(p.driver_version) +
                " but this build carries the CUDA " + cuda_version_string(p.runtime_version) +
                " runtime; upgrade the driver";
    return p;
  }
  if (e == cudaErrorNoDevice || (e == cudaSuccess && count == 0)) {
    p.status = CudaStatus::no_device;
    p.message = "no CUDA device is visible" +
                std::string(std::getenv("CUDA_VISIBLE_DEVICES") ? " (CUDA_VISIBLE_DEVICES is set)" : "");
    return p;
  }
  if (e != cudaSuccess) {
    p.status = CudaStatus::failed;
    p.message = "cudaGetDeviceCount failed: " + runtime_error_text(e);
    return p;
  }
  for (int i = 0; i < count; ++i) {
    cudaDeviceProp prop{};
    if (cudaError_t pe = cudaGetDeviceProperties(&prop, i); pe != cudaSuccess) {
      p.status = CudaStatus::failed;
      p.message = "cudaGetDeviceProperties(" + std::to_string(i) + ") failed: " + runtime_error_text(pe);
      p.devices.clear();
      return p;
    }
    DeviceInfo d;
    d.id = "cuda:" + std::to_string(i);
    d.backend = BackendKind::cuda;
    d.ordinal = i;
    d.name = prop.name;
    d.cc_major = prop.major;
    d.cc_minor = prop.minor;
    d.total_bytes = prop.totalGlobalMem;
    d.uuid = format_uuid(prop.uuid);
    char bus[32] = {};
    if (cudaDeviceGetPCIBusId(bus, sizeof bus, i) == cudaSuccess) {
      d.pci_bus_id = bus;
      for (auto& c : d.pci_bus_id) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    p.devices.push_back(std::move(d));
  }
  p.status = CudaStatus::ok;
  return p;
}
#else
CudaProbe probe_cuda() {
  CudaProbe p;
  p.status = CudaStatus::not_built;
  p.message = "this build has no CUDA backend";
  return p;
}
#endif

}  // namespace zkgpu
