#pragma once
// A raw Unix-socket connection for tests that must send exactly the bytes they
// choose (partial frames, garbage, bytes one at a time) and read back exactly
// what the daemon wrote. Every wait has a timeout, so a daemon that hangs fails
// the test instead of hanging it.
#include <poll.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "../unit/hex.hpp"

namespace zkgpu::test {

using Bytes = std::vector<uint8_t>;

inline void put_u32(Bytes& b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
inline void put_u64(Bytes& b, uint64_t v) {
  for (int i = 0; i < 8; ++i) b.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
// Prepends the u32 little-endian length.
inline Bytes framed(std::span<const uint8_t> payload) {
  Bytes b;
  put_u32(b, static_cast<uint32_t>(payload.size()));
  b.insert(b.end(), payload.begin(), payload.end());
  return b;
}

class RawConn {
 public:
  explicit RawConn(const std::string& path) {
    fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0) throw std::runtime_error("socket() failed");
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path.c_str(), sizeof a.sun_path - 1);
    if (::connect(fd_, reinterpret_cast<const sockaddr*>(&a), sizeof a) != 0) {
      const int e = errno;
      ::close(fd_);
      throw std::runtime_error("connect " + path + ": " + std::strerror(e));
    }
  }
  ~RawConn() { close(); }
  RawConn(const RawConn&) = delete;
  RawConn& operator=(const RawConn&) = delete;

  void close() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

  void send(std::span<const uint8_t> bytes) {
    size_t off = 0;
    while (off < bytes.size()) {
      const ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) throw std::runtime_error("send failed: " + std::string(std::strerror(errno)));
      off += static_cast<size_t>(n);
    }
  }
  void send_frame(std::span<const uint8_t> payload) { send(framed(payload)); }

  // Reads exactly n bytes. nullopt when the peer closed before the first byte;
  // throws on a timeout or a close in the middle.
  std::optional<Bytes> read_exact(size_t n, std::chrono::milliseconds timeout) {
    Bytes out(n);
    size_t have = 0;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (have < n) {
      wait_readable(deadline);
      const ssize_t r = ::recv(fd_, out.data() + have, n - have, 0);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0 && errno == ECONNRESET && have == 0) return std::nullopt;
      if (r < 0) throw std::runtime_error("recv failed: " + std::string(std::strerror(errno)));
      if (r == 0) {
        if (have == 0) return std::nullopt;
        throw std::runtime_error("connection closed in the middle of a frame");
      }
      have += static_cast<size_t>(r);
    }
    return out;
  }

  // One reply payload (the length prefix removed); nullopt when the peer closed.
  std::optional<Bytes> read_frame(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto prefix = read_exact(4, timeout);
    if (!prefix) return std::nullopt;
    const uint32_t len = uint32_t((*prefix)[0]) | uint32_t((*prefix)[1]) << 8 | uint32_t((*prefix)[2]) << 16 |
                         uint32_t((*prefix)[3]) << 24;
    if (len > (64u << 20)) throw std::runtime_error("reply frame of " + std::to_string(len) + " bytes");
    if (len == 0) return Bytes{};
    auto payload = read_exact(len, timeout);
    if (!payload) throw std::runtime_error("connection closed after a length prefix");
    return payload;
  }

  // A whole frame as it came over the wire (length prefix included).
  Bytes read_wire_frame(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    auto p = read_frame(timeout);
    if (!p) throw std::runtime_error("connection closed instead of a reply");
    return framed(*p);
  }

  // True when the daemon closed the connection (end of file or reset) within
  // `timeout` without sending anything more.
  bool closed_by_peer(std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
    uint8_t b;
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    try {
      wait_readable(deadline);
    } catch (const std::runtime_error&) {
      return false;  // still open
    }
    const ssize_t r = ::recv(fd_, &b, 1, 0);
    return r == 0 || (r < 0 && errno == ECONNRESET);
  }

  int fd() const { return fd_; }

 private:
  void wait_readable(std::chrono::steady_clock::time_point deadline) {
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) throw std::runtime_error("timed out waiting for the daemon");
      pollfd p{fd_, POLLIN, 0};
      const int r = ::poll(&p, 1, static_cast<int>(left.count()));
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) throw std::runtime_error("poll failed");
      if (r > 0) return;
    }
  }

  int fd_ = -1;
};

}  // namespace zkgpu::test
