#include "cli/local_backend.hpp"

#include "device/enumerate.hpp"

#if ZKGPU_HAVE_CUDA
#include "backends/cuda/cuda_backend.hpp"
#endif

namespace zkgpu::cli {

std::unique_ptr<Backend> local_cuda_backend(const std::string& selector, std::string& id, std::string& why) {
#if ZKGPU_HAVE_CUDA
  const CudaProbe probe = probe_cuda();
  if (probe.status != CudaStatus::ok || probe.devices.empty()) {
    why = probe.message.empty() ? "no CUDA device is present" : probe.message;
    return nullptr;
  }
  const std::string chosen = selector.empty() || selector == "cpu" ? "0" : selector;
  const DeviceInfo& d = probe.devices[resolve_selector(probe.devices, chosen, "present")];
  id = d.id;
  return make_cuda_backend(d.ordinal);
#else
  (void)selector;
  (void)id;
  why = "this zkgpu was built without CUDA";
  return nullptr;
#endif
}

}  // namespace zkgpu::cli
