#pragma once
#include <cstdint>
#include <string>

namespace zkgpu {

// Binary-prefixed size for people: "512 B", "1.0 KiB", "79.1 GiB".
std::string format_bytes(uint64_t bytes);

}  // namespace zkgpu
