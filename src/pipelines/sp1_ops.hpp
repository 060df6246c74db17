#pragma once
// SP1's requests (zkgpu/sp1.hpp: Setup, ProveWithMode, Destroy) as device jobs.
// Each handler takes the request's bincode payload and returns the bincode
// Response payload; a failure is answered as SP1's InternalError with its message.
#include <string>

#include "pipelines/pipeline.hpp"
#include "zkgpu/sp1.hpp"

namespace zkgpu {

OpHandler sp1_handler(sp1::RequestKind kind);

// The InternalError text for Setup / ProveWithMode while RISC-V proving is not built.
std::string sp1_unavailable_message();

}  // namespace zkgpu
