// The host hooks (SP1 v6 crates/core/executor/src/hook.rs). Each takes the bytes
// the guest wrote to the hook's fd and returns the hint entries, in order; each
// throws PrecompileError where SP1's hook panics.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "zkvm/precompiles/precompile.hpp"

namespace zkgpu::zkvm::precompiles {

using HookOutput = std::vector<std::vector<uint8_t>>;

}  // namespace zkgpu::zkvm::precompiles
