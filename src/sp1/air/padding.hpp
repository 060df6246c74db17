// A chip's padded height (SP1 crates/hypercube/src/util.rs, next_multiple_of_32):
// n rows of events round up to a multiple of 32, and 0 rows give 16, unless a
// fixed height (a shape) is given, which must hold the n rows.
#pragma once

#include <cstddef>
#include <optional>
#include <stdexcept>
#include <string>

namespace zkgpu::sp1::air {

inline size_t padded_height(size_t n, std::optional<size_t> fixed = std::nullopt) {
  if (fixed) {
    if (n > *fixed)
      throw std::invalid_argument("fixed height " + std::to_string(*fixed) + " is below the " + std::to_string(n) +
                                  " rows of events");
    return *fixed;
  }
  return n == 0 ? 16 : (n + 31) / 32 * 32;
}

}  // namespace zkgpu::sp1::air
