// Synchronous client over a Unix stream socket. Every wait runs an asynchronous
// Asio operation on a private io_context with a deadline, so connects and reads
// can time out without threads or signals.
#include "zkgpu/client.hpp"

#include <array>
#include <optional>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <thread>
#include <utility>

namespace zkgpu {
namespace {

namespace asio = boost::asio;
using stream = asio::local::stream_protocol;

// sockaddr_un::sun_path holds 108 bytes including the terminating NUL.
constexpr size_t kMaxSocketPath = 107;

}  // namespace

struct Client::Impl {
  ClientOptions opt;
  asio::io_context io;
  stream::socket socket{io};
  uint64_t next_id = 1;
  boost::system::error_code write_error;  // set by a failed send(), checked by call()

  explicit Impl(ClientOptions o) : opt(std::move(o)) {}

  // Runs one asynchronous operation until it completes or `timeout` (0 = none)
  // passes; on timeout the socket is closed, which also cancels the operation.
  template <class Start>
  boost::system::error_code run(Start&& start, std::chrono::milliseconds timeout, bool& timed_out) {
    boost::system::error_code result;
    bool done = false;
    start([&](const boost::system::error_code& ec, auto&&...) {
      result = ec;
      done = true;
    });
    io.restart();
    if (timeout.count() > 0)
      io.run_for(timeout);
    else
      io.run();
    timed_out = !done;
    if (!done) {
      close();
      io.restart();
      io.run();  // lets the cancelled operation finish
    }
    return result;
  }

  void close() noexcept {
    boost::system::error_code ignored;
    socket.close(ignored);
  }

  void connect() {
    if (opt.socket_path.size() > kMaxSocketPath)
      throw ConnectionError("socket path '" + opt.socket_path + "' is " +
                            std::to_string(opt.socket_path.size()) +
                            " bytes; Unix socket paths are limited to " +
                            std::to_string(kMaxSocketPath));
    const int attempts = opt.connect_attempts < 1 ? 1 : opt.connect_attempts;
    std::string last_error;
    for (int attempt = 1; attempt <= attempts; ++attempt) {
      close();
      bool timed_out = false;
      const auto ec = run(
          [&](auto handler) { socket.async_connect(stream::endpoint(opt.socket_path), handler); },
          opt.connect_timeout, timed_out);
      if (!timed_out && !ec) return;
      last_error = timed_out ? "timed out after " + std::to_string(opt.connect_timeout.count()) + " ms"
                             : ec.message();
      if (attempt < attempts) std::this_thread::sleep_for(opt.retry_delay);
    }
    close();
    throw ConnectionError("cannot connect to zkgpud at " + opt.socket_path + " (" +
                          std::to_string(attempts) + " attempts): " + last_error);
  }

  void ensure_open() const {
    if (!socket.is_open())
      throw ConnectionError("the connection to zkgpud at " + opt.socket_path +
                            " is closed after an earlier failure");
  }

  [[noreturn]] void io_failure(const char* what, bool timed_out, const boost::system::error_code& ec) {
    close();
    if (timed_out)
      throw ConnectionError(std::string(what) + " " + opt.socket_path + " timed out after " +
                            std::to_string(opt.io_timeout.count()) + " ms");
    if (ec == asio::error::eof)
      throw ConnectionError("zkgpud at " + opt.socket_path + " closed the connection");
    throw ConnectionError(std::string(what) + " " + opt.socket_path + " failed: " + ec.message());
  }

  void send(std::span<const uint8_t> payload) {
    ensure_open();
    if (payload.size() > UINT32_MAX)
      throw Error(ErrorCode::frame_too_large, "request payload of " +
                                                  std::to_string(payload.size()) +
                                                  " bytes does not fit a u32 length prefix");
    // Length prefix and payload go out in one gather write.
    std::array<uint8_t, 4> prefix{};
    for (int i = 0; i < 4; ++i) prefix[i] = static_cast<uint8_t>(payload.size() >> (8 * i));
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(prefix),
                                                    asio::buffer(payload.data(), payload.size())};
    bool timed_out = false;
    const auto ec = run([&](auto handler) { asio::async_write(socket, buffers, handler); },
                        opt.io_timeout, timed_out);
    if (timed_out) io_failure("writing to", timed_out, ec);
    if (ec) {
      // The daemon may have refused the request before reading all of it (e.g.
      // over its frame cap) and closed; its error reply can still be waiting.
      write_error = ec;
      return;
    }
  }

  std::vector<uint8_t> receive() {
    ensure_open();
    std::array<uint8_t, 4> prefix{};
    bool timed_out = false;
    auto ec = run([&](auto handler) { asio::async_read(socket, asio::buffer(prefix), handler); },
                  opt.io_timeout, timed_out);
    if (timed_out || ec) io_failure("reading from", timed_out, ec);
    const uint32_t length = proto::frame_length(prefix);
    if (length > opt.max_reply_bytes) {
      close();  // the rest of the stream cannot be resynchronised
      throw Error(ErrorCode::frame_too_large, "reply of " + std::to_string(length) +
                                                  " bytes exceeds this client's limit of " +
                                                  std::to_string(opt.max_reply_bytes) + " bytes");
    }
    std::vector<uint8_t> payload(length);
    ec = run([&](auto handler) { asio::async_read(socket, asio::buffer(payload), handler); },
             opt.io_timeout, timed_out);
    if (timed_out || ec) io_failure("reading from", timed_out, ec);
    return payload;
  }

  // A reply that does not decode leaves the stream out of step: close it.
  template <class F>
  auto decode_or_close(F&& decode) {
    try {
      return decode();
    } catch (const ConnectionError&) {
      throw;
    } catch (const Error&) {
      close();
      throw;
    }
  }

  proto::Reply call(proto::Request request, const ProgressFn& on_progress) {
    if (request.request_id == 0) request.request_id = next_id++;
    if (on_progress) request.flags |= proto::kFlagProgress;
    write_error.clear();
    send(proto::encode_request(request));
    if (write_error) {
      const auto failed = write_error;
      std::optional<proto::Reply> early;
      try {
        early = proto::decode_reply(receive());
      } catch (const Error&) {
      }
      if (early && early->kind == proto::ReplyKind::error) {
        close();
        const auto err = decode_or_close([&] { return proto::decode_error(early->body); });
        throw Error(err.code, err.message);
      }
      io_failure("writing to", false, failed);
    }
    for (;;) {
      proto::Reply reply = decode_or_close([&] { return proto::decode_reply(receive()); });
      // An error about the connection itself (e.g. an over-cap frame) may carry id 0.
      if (reply.kind == proto::ReplyKind::error &&
          (reply.request_id == request.request_id || reply.request_id == 0)) {
        const auto err = decode_or_close([&] { return proto::decode_error(reply.body); });
        throw Error(err.code, err.message);
      }
      if (reply.request_id != request.request_id || reply.op != request.op) {
        close();  // the stream is out of step with this client
        throw Error(ErrorCode::bad_frame,
                    "reply for request " + std::to_string(reply.request_id) + " (op " +
                        std::to_string(static_cast<uint16_t>(reply.op)) + "), expected request " +
                        std::to_string(request.request_id) + " (op " +
                        std::to_string(static_cast<uint16_t>(request.op)) + ")");
      }
      if (reply.kind == proto::ReplyKind::result) return reply;
      const auto progress = decode_or_close([&] { return proto::decode_progress(reply.body); });
      if (on_progress) on_progress(progress);
    }
  }
};

Client::Client(ClientOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  impl_->connect();
}

Client::~Client() = default;
Client::Client(Client&&) noexcept = default;
Client& Client::operator=(Client&&) noexcept = default;

proto::Reply Client::call(proto::Request request, const ProgressFn& on_progress) {
  return impl_->call(std::move(request), on_progress);
}

void Client::send_payload(std::span<const uint8_t> payload) {
  impl_->write_error.clear();
  impl_->send(payload);
  if (impl_->write_error) impl_->io_failure("writing to", false, impl_->write_error);
}

std::vector<uint8_t> Client::receive_payload() { return impl_->receive(); }

const ClientOptions& Client::options() const noexcept { return impl_->opt; }

}  // namespace zkgpu
