#pragma once
// A small synchronous client for zkgpud's native protocol v1 (and raw frames for
// SP1's envelope). One Client is one connection; it is not thread-safe: one call
// at a time, as the protocol answers requests on a connection in order.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "zkgpu/error.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu {

inline constexpr const char* kDefaultSocketPath = "/tmp/sp1-cuda-0.sock";

struct ClientOptions {
  std::string socket_path = kDefaultSocketPath;
  // Each connect attempt may take this long; failed attempts are retried
  // (the daemon may still be starting) up to connect_attempts in total.
  std::chrono::milliseconds connect_timeout{2000};
  int connect_attempts = 10;
  std::chrono::milliseconds retry_delay{100};
  // Longest wait for any one read or write; 0 waits forever (long proofs send
  // progress frames, and each frame restarts the wait).
  std::chrono::milliseconds io_timeout{0};
  // Replies whose length prefix exceeds this are refused before anything is allocated.
  uint64_t max_reply_bytes = proto::kDefaultMaxFrameBytes;
};

// The daemon could not be reached, the connection broke, or an I/O wait timed
// out. code() is ErrorCode::internal; the message names the socket and the cause.
class ConnectionError : public Error {
 public:
  explicit ConnectionError(const std::string& message) : Error(ErrorCode::internal, message) {}
};

class Client {
 public:
  using ProgressFn = std::function<void(const proto::Progress&)>;

  // Connects (with retries); throws ConnectionError when every attempt fails.
  explicit Client(ClientOptions options = {});
  ~Client();
  Client(Client&&) noexcept;
  Client& operator=(Client&&) noexcept;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // Sends a native request and returns its final result reply. A request id of
  // 0 is replaced by the next id of this connection. Progress frames go to
  // `on_progress` (and kFlagProgress is set when one is given). An error reply is
  // thrown as Error with the daemon's code and message; a reply that does not
  // decode, or that answers another request, throws Error(bad_frame);
  // transport failures throw ConnectionError.
  proto::Reply call(proto::Request request, const ProgressFn& on_progress = {});

  // Raw frames, for the SP1 envelope and tests: send one payload (the length
  // prefix is added), receive one payload (the length prefix is removed).
  void send_payload(std::span<const uint8_t> payload);
  std::vector<uint8_t> receive_payload();

  const ClientOptions& options() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace zkgpu
