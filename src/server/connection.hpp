#pragma once
// One client connection. Everything runs on the connection's strand through an
// async chain: read the u32 length, check it against the cap (before allocating
// anything), read the payload, answer it, read the next one. Final replies go
// out in request order through one write queue, so frames never interleave;
// progress frames go out as they come. A client that disconnects cancels its
// queued and running jobs.
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>

#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include "scheduler/job.hpp"
#include "server/server_context.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu {

class Connection : public std::enable_shared_from_this<Connection> {
 public:
  using Socket = boost::asio::local::stream_protocol::socket;

  // `socket` must use a strand executor (the listener accepts onto one).
  Connection(Socket socket, ServerContext& ctx, size_t default_device, uint64_t id);
  ~Connection();

  void start();
  // Shutdown: stop reading, send the replies still owed, then close. Thread-safe.
  void close_gracefully();

 private:
  // A final reply waiting for its turn (replies leave in request order).
  struct Slot {
    bool ready = false;
    std::vector<uint8_t> payload;
    bool close_after = false;
  };
  struct Outgoing {
    std::array<uint8_t, 4> prefix{};
    std::vector<uint8_t> payload;
    bool close_after = false;
  };
  // What the request log line says about one request.
  struct LogLine {
    uint64_t request_id = 0;
    std::string op;
    std::string device;
    size_t bytes_in = 0;
    std::chrono::steady_clock::time_point start;
  };

  void read_length();
  void read_length_bytes();
  void on_length();
  void read_payload_chunk();
  void on_payload();
  bool frame_read_ok(const boost::system::error_code& ec);
  void frame_bytes_arrived();
  void frame_ended();
  void arm_frame_timer();
  void on_frame_timer();
  void handle_native(const std::vector<uint8_t>& payload, LogLine log);
  void handle_sp1(const std::vector<uint8_t>& payload, LogLine log);
  void submit_job(proto::Request req, size_t device, uint64_t slot, LogLine log);

  uint64_t open_slot();
  void fill_slot(uint64_t slot, std::vector<uint8_t> payload, bool close_after);
  void flush_slots();
  void send(std::vector<uint8_t> payload, bool close_after);
  void write_next();
  void close_now();
  void close_if_drained();
  void client_gone(const boost::system::error_code& ec);
  void log_request(const LogLine& log, size_t bytes_out, const std::string& result) const;

  Socket socket_;
  ServerContext& ctx_;
  const size_t default_device_;
  const uint64_t id_;

  std::array<uint8_t, 4> length_buf_{};
  size_t length_have_ = 0;
  uint32_t payload_len_ = 0;
  size_t payload_have_ = 0;
  std::vector<uint8_t> payload_;
  bool in_frame_ = false;  // a frame has begun and is not complete
  std::chrono::steady_clock::time_point frame_deadline_;  // the last byte's arrival + the frame timeout
  boost::asio::steady_timer frame_timer_;

  bool reading_ = false;     // a read is outstanding
  bool stop_reading_ = false;  // a fatal error or shutdown: read no more requests
  bool draining_ = false;   // shutdown: close once every owed reply is written
  bool closed_ = false;
  std::map<uint64_t, Slot> slots_;  // owed final replies, by request order
  uint64_t next_slot_ = 0;
  std::deque<Outgoing> writes_;
  bool writing_ = false;
  std::stop_source jobs_;  // requested when the client goes away
};

}  // namespace zkgpu
