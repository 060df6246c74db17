#pragma once
// Which implementation serves a device: the CPU reference or CUDA.

namespace zkgpu {

enum class BackendKind { cpu, cuda };

}  // namespace zkgpu
