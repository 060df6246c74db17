#include "daemon/systemd.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <stdexcept>

namespace zkgpu::systemd {
namespace {

// A whole decimal number, or nothing (empty, a sign, trailing bytes, overflow).
template <typename T>
std::optional<T> parse_decimal(const char* s) {
  T v{};
  const char* end = s + std::strlen(s);
  const auto [p, ec] = std::from_chars(s, end, v);
  if (s == end || ec != std::errc{} || p != end) return std::nullopt;
  return v;
}

// Whether a pid variable (LISTEN_PID, WATCHDOG_PID) names this process.
bool is_this_process(const char* name, const char* value) {
  const auto pid = parse_decimal<pid_t>(value);
  if (!pid || *pid <= 0) throw std::runtime_error(std::string(name) + "='" + value + "' is not a process id");
  return *pid == ::getpid();
}

std::runtime_error send_error(const std::string& address, const std::string& what) {
  return std::runtime_error("NOTIFY_SOCKET=" + address + ": " + what);
}

// NOTIFY_SOCKET's address: "/path" or "@name" (abstract: a leading NUL byte and
// exactly the name's bytes, no terminator). Sets `len` to the address length.
sockaddr_un notify_address(const std::string& s, socklen_t& len) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (s.empty() || (s[0] != '/' && s[0] != '@'))
    throw send_error(s, "not an absolute path or an abstract (@) socket name");
  if (s.size() > sizeof a.sun_path - (s[0] == '/'))  // a path keeps room for its NUL
    throw send_error(s, "longer than a Unix socket address (" + std::to_string(sizeof a.sun_path) + " bytes)");
  std::memcpy(a.sun_path, s.data(), s.size());
  if (s[0] == '@') a.sun_path[0] = '\0';
  len = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + s.size());
  return a;
}

void warn_on_failure(std::string_view message) {
  try {
    notify(message);
  } catch (const std::exception& e) {
    spdlog::warn("systemd notification failed: {}", e.what());
  }
}

}  // namespace

bool notify(std::string_view message) {
  const char* env = std::getenv("NOTIFY_SOCKET");
  if (!env) return false;
  const std::string address = env;
  socklen_t len = 0;
  const sockaddr_un a = notify_address(address, len);
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw send_error(address, std::string("socket(): ") + std::strerror(errno));
  // MSG_DONTWAIT: a service manager that stopped reading must not stall the
  // event loop the watchdog pings come from.
  const ssize_t n = ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT,
                             reinterpret_cast<const sockaddr*>(&a), len);
  const int e = errno;
  ::close(fd);
  if (n < 0) throw send_error(address, std::strerror(e));
  if (static_cast<size_t>(n) != message.size()) throw send_error(address, "the datagram was cut short");
  return true;
}

void notify_ready(const std::string& status) { warn_on_failure("READY=1\nSTATUS=" + status); }

void notify_stopping() { warn_on_failure("STOPPING=1\nSTATUS=shutting down"); }

void notify_watchdog() { warn_on_failure("WATCHDOG=1"); }

std::optional<std::chrono::microseconds> watchdog_ping_interval() {
  try {
    const char* usec_env = std::getenv("WATCHDOG_USEC");
    if (!usec_env) return std::nullopt;
    const auto usec = parse_decimal<uint64_t>(usec_env);
    if (!usec || *usec == 0 || *usec == UINT64_MAX)  // UINT64_MAX: systemd's "infinity"
      throw std::runtime_error(std::string("WATCHDOG_USEC='") + usec_env + "' is not a positive number of microseconds");
    const char* pid_env = std::getenv("WATCHDOG_PID");
    if (pid_env && !is_this_process("WATCHDOG_PID", pid_env)) return std::nullopt;
    return std::chrono::microseconds(*usec / 2);
  } catch (const std::exception& e) {
    spdlog::warn("systemd watchdog disabled: {}", e.what());
    return std::nullopt;
  }
}

std::vector<int> take_listen_fds() {
  // Copies: unsetenv below invalidates getenv's pointers.
  const char* pid_env = std::getenv("LISTEN_PID");
  const char* fds_env = std::getenv("LISTEN_FDS");
  const std::optional<std::string> pid = pid_env ? std::optional<std::string>(pid_env) : std::nullopt;
  const std::optional<std::string> fds = fds_env ? std::optional<std::string>(fds_env) : std::nullopt;
  for (const char* name : {"LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"}) ::unsetenv(name);

  if (!pid || !is_this_process("LISTEN_PID", pid->c_str()) || !fds) return {};
  const auto n = parse_decimal<int>(fds->c_str());
  if (!n || *n <= 0 || *n > 65536)  // fd numbers past any real limit: a malformed value
    throw std::runtime_error("LISTEN_FDS='" + *fds + "' is not a positive number of file descriptors");
  std::vector<int> out;
  for (int fd = kListenFdsStart; fd < kListenFdsStart + *n; ++fd) {
    const int flags = ::fcntl(fd, F_GETFD);
    if (flags < 0 || ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC) < 0)
      throw std::runtime_error("LISTEN_FDS=" + *fds + ": fd " + std::to_string(fd) + ": " + std::strerror(errno));
    out.push_back(fd);
  }
  return out;
}

}  // namespace zkgpu::systemd
