#pragma once
// Bodies of the metadata ops, answered by the server itself (no device queue).
// The JSON fields are specified in proto/metadata-ops.md.
#include <string>

#include "server/server_context.hpp"

namespace zkgpu {

// INFO: version, protocol, build archs, backends, default device of this socket.
std::string info_json(const ServerContext& ctx, size_t default_device);
// DEVICES: every device found at start, served ones with live memory figures.
std::string devices_json(const ServerContext& ctx, size_t default_device);
// STATS: uptime, request/connection counters, jobs per device and in total.
std::string stats_json(const ServerContext& ctx);

}  // namespace zkgpu
