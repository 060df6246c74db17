#include "daemon/unix_socket.hpp"

#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "daemon/exit_codes.hpp"
#include "daemon/systemd.hpp"

namespace zkgpu {
namespace {

std::string errno_text(int e) { return std::strerror(e); }

[[noreturn]] void fail(const std::string& path, const std::string& what, int e) {
  throw StartupError(exit_code::kStartupFailed, "socket " + path + ": " + what + ": " + errno_text(e));
}

sockaddr_un address(const std::string& path) {
  sockaddr_un a{};
  a.sun_family = AF_UNIX;
  if (path.empty() || path.size() >= sizeof(a.sun_path))
    throw StartupError(exit_code::kStartupFailed, "socket path '" + path + "' must be 1.." +
                                                      std::to_string(sizeof(a.sun_path) - 1) + " bytes long");
  std::memcpy(a.sun_path, path.data(), path.size());
  return a;
}

// Closes the fd when it goes out of scope unless released.
struct FdGuard {
  int fd;
  ~FdGuard() {
    if (fd >= 0) ::close(fd);
  }
  int release() { return std::exchange(fd, -1); }
};

// What is at `path` now: nothing, a stale socket (removed here), or a live daemon.
void clear_stale(const std::string& path, const sockaddr_un& addr) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    fail(path, "cannot inspect the path", errno);
  }
  if (!S_ISSOCK(st.st_mode))
    throw StartupError(exit_code::kStartupFailed,
                       "socket " + path + ": the path exists and is not a socket; refusing to remove it");
  FdGuard probe{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (probe.fd < 0) fail(path, "socket()", errno);
  if (::connect(probe.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) == 0 || errno == EAGAIN)
    throw StartupError(exit_code::kAlreadyRunning,
                       "another daemon is serving " + path +
                           " (it accepted a connection); stop it first or choose another --socket");
  if (errno == ENOENT) return;  // removed meanwhile
  if (errno != ECONNREFUSED) fail(path, "cannot tell whether a daemon is serving it", errno);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail(path, "cannot remove the stale socket file", errno);
  spdlog::warn("removed stale socket file {} (nothing was listening on it)", path);
}

bool is_listening_unix_stream(int fd) {
  int type = 0, listening = 0;
  socklen_t len = sizeof type;
  if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 || type != SOCK_STREAM) return false;
  len = sizeof listening;
  if (::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) return false;
  sockaddr_storage a{};
  len = sizeof a;
  return ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) == 0 && a.ss_family == AF_UNIX;
}

std::string bound_path(int fd) {
  sockaddr_un a{};
  socklen_t len = sizeof a;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len) != 0 || len <= sizeof(sa_family_t)) return "";
  if (a.sun_path[0] == '\0') return "@" + std::string(a.sun_path + 1, len - sizeof(sa_family_t) - 1);  // abstract
  return std::string(a.sun_path, strnlen(a.sun_path, sizeof a.sun_path));
}

}  // namespace

ListenSocket bind_unix_socket(const std::string& path, unsigned mode) {
  const sockaddr_un addr = address(path);
  clear_stale(path, addr);
  FdGuard fd{::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)};
  if (fd.fd < 0) fail(path, "socket()", errno);
  // On Linux the file takes the socket inode's mode (less the umask) at bind,
  // so set it first: the file is never more open than asked for.
  if (::fchmod(fd.fd, mode) != 0) fail(path, "fchmod", errno);
  if (::bind(fd.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    if (errno == EADDRINUSE)
      throw StartupError(exit_code::kAlreadyRunning,
                         "socket " + path + " was created by another process while starting");
    fail(path, "bind", errno);
  }
  ListenSocket s{-1, path, true};
  if (::chmod(path.c_str(), mode) != 0) {  // exact mode, whatever the umask
    const int e = errno;
    ::unlink(path.c_str());
    fail(path, "chmod", e);
  }
  if (::listen(fd.fd, SOMAXCONN) != 0) {
    const int e = errno;
    ::unlink(path.c_str());
    fail(path, "listen", e);
  }
  s.fd = fd.release();
  return s;
}

std::vector<ListenSocket> activated_sockets() {
  std::vector<int> fds;
  try {
    fds = systemd::take_listen_fds();
  } catch (const std::exception& e) {
    throw StartupError(exit_code::kStartupFailed, std::string("socket activation: ") + e.what());
  }
  std::vector<ListenSocket> out;
  for (const int fd : fds) {
    if (!is_listening_unix_stream(fd))
      throw StartupError(exit_code::kStartupFailed,
                         "systemd passed fd " + std::to_string(fd) + ", which is not a listening Unix stream socket");
    out.push_back(ListenSocket{fd, bound_path(fd), false});
  }
  return out;
}

void remove_socket_files(const std::vector<ListenSocket>& sockets) {
  for (const auto& s : sockets)
    if (s.remove_on_exit && ::unlink(s.path.c_str()) != 0 && errno != ENOENT)
      spdlog::warn("could not remove {}: {}", s.path, errno_text(errno));
}

}  // namespace zkgpu
