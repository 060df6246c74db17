#pragma once
// The two systemd protocols zkgpud speaks, implemented here so the daemon needs
// no libsystemd (both are stable interfaces: sd_notify(3), sd_listen_fds(3)).
//
// Notifications (Type=notify): READY after the sockets are bound, WATCHDOG pings
// at half the WatchdogSec interval, STOPPING on shutdown. Each is one datagram
// to the AF_UNIX socket named by $NOTIFY_SOCKET (a path, or "@name" in Linux's
// abstract namespace); systemd reads the sender's pid from the kernel's
// credentials. Every call is a no-op when $NOTIFY_SOCKET is not set.
//
// Socket activation: systemd passes listening sockets as fds 3, 4, ... and sets
// LISTEN_PID (the pid they are meant for), LISTEN_FDS (how many) and
// LISTEN_FDNAMES (names; zkgpud does not use them).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace zkgpu::systemd {

// The first fd systemd passes (SD_LISTEN_FDS_START).
inline constexpr int kListenFdsStart = 3;

// Sends `message` ("KEY=value" lines) to $NOTIFY_SOCKET. Returns false when the
// variable is not set; throws std::runtime_error naming the address when it is
// set but the datagram cannot be sent (a malformed address included).
bool notify(std::string_view message);

// READY / STOPPING / WATCHDOG through notify(); a failure is logged as a
// warning and otherwise ignored (systemd then sees a daemon that did not notify).
void notify_ready(const std::string& status);
void notify_stopping();
void notify_watchdog();

// The interval to ping at (half of WATCHDOG_USEC) when systemd wants pings:
// WATCHDOG_USEC is a positive number and WATCHDOG_PID, if set, is this process.
// A malformed WATCHDOG_USEC is logged and means no pings.
std::optional<std::chrono::microseconds> watchdog_ping_interval();

// The fds systemd passed to this process, kListenFdsStart onwards, each marked
// close-on-exec. Empty when LISTEN_PID is unset or names another process (the
// variables were inherited from a parent). LISTEN_PID, LISTEN_FDS and
// LISTEN_FDNAMES are removed from the environment either way, so no child
// inherits them; call this before starting threads (unsetenv is not
// thread-safe). Throws std::runtime_error when the variables are malformed or an
// fd is not open.
std::vector<int> take_listen_fds();

}  // namespace zkgpu::systemd
