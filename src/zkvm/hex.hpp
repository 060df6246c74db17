// "0x1f" for addresses and values in the executor's messages.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

namespace zkgpu::zkvm {

inline std::string hex(uint64_t v) {
  char b[24];
  std::snprintf(b, sizeof b, "0x%llx", static_cast<unsigned long long>(v));
  return b;
}

}  // namespace zkgpu::zkvm
