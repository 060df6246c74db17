#pragma once
// Listening Unix sockets: bound by zkgpud (stale files from a crash replaced, a
// live daemon on the path refused) or passed by systemd socket activation.
#include <string>
#include <vector>

namespace zkgpu {

struct ListenSocket {
  int fd = -1;
  std::string path;
  bool remove_on_exit = false;  // false for sockets systemd owns
};

// Binds and listens on `path` with file mode `mode`. An existing socket file is
// probed: a connection refused means a stale file, which is removed; a daemon
// that accepts means another instance is live -> StartupError(kAlreadyRunning).
// Anything else at the path (a regular file, no permission) -> StartupError.
ListenSocket bind_unix_socket(const std::string& path, unsigned mode);

// The listening Unix stream sockets systemd passed (LISTEN_FDS), in order.
// Throws StartupError if the activation variables are malformed or one of the
// fds is not a listening Unix stream socket.
std::vector<ListenSocket> activated_sockets();

// Removes the socket files zkgpud created (not systemd's).
void remove_socket_files(const std::vector<ListenSocket>& sockets);

}  // namespace zkgpu
