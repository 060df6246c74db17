#include "common/log.hpp"

#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <string>

#include "zkgpu/error.hpp"

namespace zkgpu {

void setup_logging(std::string_view level) {
  const auto lvl = spdlog::level::from_str(std::string(level));
  if (lvl == spdlog::level::off && level != "off")
    throw Error(ErrorCode::invalid_argument, "unknown log level '" + std::string(level) + "'");
  spdlog::drop("zkgpud");
  auto logger = spdlog::stderr_color_mt("zkgpud");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %^%l%$ %v");
  logger->set_level(lvl);
  spdlog::set_default_logger(logger);
}

}  // namespace zkgpu
