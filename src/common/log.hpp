#pragma once
#include <string_view>

namespace zkgpu {

// Configures the default spdlog logger: one line per event to stderr, level from
// --log-level (trace, debug, info, warn, error, critical, off). Throws
// Error(invalid_argument) for an unknown level name.
void setup_logging(std::string_view level);

}  // namespace zkgpu
