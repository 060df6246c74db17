#pragma once
// `zkgpu primitive --local`: runs an op's body in this process through the same
// handler the daemon uses (pipelines/registry), on a backend made here.
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "zkgpu/protocol.hpp"

namespace zkgpu::cli::primitive {

// backend: "cpu" or "cuda" (device 0; Error when this build has no CUDA or no
// device is usable). The handler's memory estimate is checked against the
// backend's memory first, as the daemon's scheduler does.
std::vector<uint8_t> run_local(proto::Op op, std::span<const uint8_t> body, std::string_view backend);

}  // namespace zkgpu::cli::primitive
