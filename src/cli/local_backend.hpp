#pragma once
// A CUDA backend inside the zkgpu process, for the commands that compute locally
// (groth16 prove --local, sp1 prove-recursion --backend cuda).
#include <memory>
#include <string>

#include "backends/backend.hpp"

namespace zkgpu::cli {

// The GPU `selector` names (ordinal, GPU-<uuid> or a unique prefix, PCI bus id;
// "" or "cpu" = ordinal 0), with its id ("cuda:N") in `id`. nullptr, with the
// reason in `why`, when this build has no CUDA or no GPU is present; a selector
// that names no present GPU, or a GPU that cannot be used, throws Error.
std::unique_ptr<Backend> local_cuda_backend(const std::string& selector, std::string& id, std::string& why);

}  // namespace zkgpu::cli
