#pragma once
// sd_notify for Type=notify services: READY after the sockets are bound,
// WATCHDOG pings at half the WatchdogSec interval, STOPPING on shutdown. Every
// call is a no-op when not started by systemd.
#include <chrono>
#include <optional>
#include <string>

namespace zkgpu::systemd {

void notify_ready(const std::string& status);
void notify_stopping();
void notify_watchdog();
// The interval to ping at (half of WATCHDOG_USEC), if systemd wants pings.
std::optional<std::chrono::microseconds> watchdog_ping_interval();

}  // namespace zkgpu::systemd
