#pragma once
// The CUDA backend: one instance per GPU, used by that GPU's worker thread.
#include <memory>

#include "backends/backend.hpp"

namespace zkgpu {

// Binds `ordinal` to the calling thread (cudaSetDevice) and creates the
// backend's stream there; call it on the thread that will run the jobs.
// Throws Error(device_error) when the device cannot be used.
std::unique_ptr<Backend> make_cuda_backend(int ordinal);

}  // namespace zkgpu
