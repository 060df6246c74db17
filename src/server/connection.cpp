#include "server/connection.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>

#include <algorithm>
#include <cstdio>

#include "device/device_info.hpp"
#include "pipelines/pipeline.hpp"
#include "pipelines/sp1_ops.hpp"
#include "server/metadata.hpp"
#include "server/sp1_envelope.hpp"

namespace zkgpu {
namespace {

namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// Owed replies per connection, still to compute or waiting to be written,
// before the connection stops reading more requests (a client pipelining
// without reading its replies cannot grow memory without bound).
constexpr size_t kMaxOwedReplies = 32;
// The payload buffer grows as bytes arrive (first this much, then doubling), so
// a length prefix alone never reserves memory.
constexpr size_t kFirstChunkBytes = 64 * 1024;
// A payload whose first u32 is below this but not 0..2 is read as an SP1
// request with a bad variant index; anything else foreign is a bad magic.
constexpr uint32_t kSp1VariantGuess = 0x10000;

std::string op_label(proto::Op op) {
  if (proto::is_known_op(static_cast<uint16_t>(op))) return proto::op_name(op);
  char s[16];
  std::snprintf(s, sizeof s, "0x%04x", static_cast<unsigned>(op));
  return s;
}

std::string error_result(ErrorCode code, const std::string& message) {
  return "error " + std::string(to_string(code)) + ": " + message;
}

std::vector<uint8_t> result_reply(const proto::Request& req, std::vector<uint8_t> body) {
  return proto::encode_reply(proto::Reply{req.op, req.request_id, proto::ReplyKind::result, std::move(body)});
}

std::vector<uint8_t> text_bytes(const std::string& s) { return {s.begin(), s.end()}; }

}  // namespace

Connection::Connection(Socket socket, ServerContext& ctx, size_t default_device, uint64_t id)
    : socket_(std::move(socket)),
      ctx_(ctx),
      default_device_(default_device),
      id_(id),
      frame_timer_(socket_.get_executor()) {
  ++ctx_.connections_open;
  ++ctx_.connections_total;
}

Connection::~Connection() {
  --ctx_.connections_open;
  spdlog::debug("conn {} closed", id_);
}

void Connection::start() {
  spdlog::debug("conn {} opened", id_);
  read_length();
}

void Connection::close_gracefully() {
  asio::post(socket_.get_executor(), [self = shared_from_this()] {
    self->stop_reading_ = true;
    self->draining_ = true;
    boost::system::error_code ignored;
    // Ends the outstanding read (it sees end-of-file) without touching writes.
    self->socket_.shutdown(Socket::shutdown_receive, ignored);
    self->close_if_drained();
  });
}

void Connection::close_if_drained() {
  if (draining_ && slots_.empty() && writes_.empty() && !writing_) close_now();
}

void Connection::client_gone(const boost::system::error_code& ec) {
  if (draining_) {
    close_if_drained();
    return;
  }
  if (!closed_ && ec != asio::error::eof)
    spdlog::debug("conn {}: {}", id_, ec.message());
  if (!slots_.empty()) spdlog::info("conn {}: client went away with {} replies owed; cancelling its jobs", id_, slots_.size());
  close_now();
}

void Connection::read_length() {
  if (reading_ || stop_reading_ || closed_ || slots_.size() + writes_.size() >= kMaxOwedReplies) return;
  reading_ = true;
  length_have_ = 0;
  read_length_bytes();
}

// After each read inside a frame: false (and the reading ends) when the client is
// gone or the connection closed; otherwise the arrival moves the frame timeout.
bool Connection::frame_read_ok(const boost::system::error_code& ec) {
  if (ec || closed_) {
    reading_ = false;
    frame_ended();
    client_gone(ec);
    return false;
  }
  frame_bytes_arrived();
  return true;
}

// The prefix is read as it comes (not as one 4-byte read), so that its first
// byte starts the frame timeout.
void Connection::read_length_bytes() {
  socket_.async_read_some(asio::buffer(length_buf_.data() + length_have_, length_buf_.size() - length_have_),
                          [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                            if (!self->frame_read_ok(ec)) return;
                            self->length_have_ += n;
                            if (self->length_have_ < self->length_buf_.size()) {
                              self->read_length_bytes();
                              return;
                            }
                            self->on_length();
                          });
}

void Connection::on_length() {
  payload_len_ = proto::frame_length(length_buf_);
  if (payload_len_ > ctx_.max_frame_bytes) {
    reading_ = false;
    frame_ended();
    stop_reading_ = true;  // the rest of the stream cannot be framed any more
    LogLine log{0, "-", "-", 4, Clock::now()};
    const std::string msg = "frame of " + std::to_string(payload_len_) + " bytes is over the limit of " +
                            std::to_string(ctx_.max_frame_bytes) + " bytes (--max-frame-bytes)";
    auto reply = proto::error_reply(proto::Op{}, 0, ErrorCode::frame_too_large, msg);
    log_request(log, reply.size(), error_result(ErrorCode::frame_too_large, msg));
    fill_slot(open_slot(), std::move(reply), true);
    return;
  }
  payload_have_ = 0;
  payload_.clear();
  read_payload_chunk();
}

void Connection::read_payload_chunk() {
  if (payload_have_ == payload_len_) {
    reading_ = false;
    frame_ended();
    on_payload();
    return;
  }
  if (payload_have_ == payload_.size())
    payload_.resize(std::min<size_t>(payload_len_, std::max(payload_have_ * 2, kFirstChunkBytes)));
  socket_.async_read_some(asio::buffer(payload_.data() + payload_have_, payload_.size() - payload_have_),
                          [self = shared_from_this()](const boost::system::error_code& ec, size_t n) {
                            if (!self->frame_read_ok(ec)) return;
                            self->payload_have_ += n;
                            self->read_payload_chunk();
                          });
}

// Each arrival only moves the deadline; the one timer wait per frame re-arms
// itself for the moved deadline when it expires early.
void Connection::frame_bytes_arrived() {
  frame_deadline_ = Clock::now() + ctx_.frame_timeout;
  if (in_frame_) return;
  in_frame_ = true;
  arm_frame_timer();
}

void Connection::frame_ended() {
  if (!in_frame_) return;
  in_frame_ = false;
  frame_timer_.cancel();
}

// Setting the expiry cancels any other wait, so one wait is pending at most.
void Connection::arm_frame_timer() {
  frame_timer_.expires_at(frame_deadline_);
  frame_timer_.async_wait([self = shared_from_this()](const boost::system::error_code& ec) {
    if (ec != asio::error::operation_aborted) self->on_frame_timer();
  });
}

void Connection::on_frame_timer() {
  // A wait that expired just as its frame ended (or closed) finds nothing to do.
  if (closed_ || !in_frame_) return;
  if (Clock::now() < frame_deadline_) {
    arm_frame_timer();
    return;
  }
  const bool in_prefix = length_have_ < length_buf_.size();
  spdlog::warn("conn {}: no byte for {} s inside an unfinished frame ({} of {} {} bytes); closing "
               "(--frame-timeout-seconds)",
               id_, ctx_.frame_timeout.count(), in_prefix ? length_have_ : payload_have_,
               in_prefix ? length_buf_.size() : size_t{payload_len_}, in_prefix ? "length prefix" : "payload");
  close_now();
}

void Connection::on_payload() {
  std::vector<uint8_t> payload = std::move(payload_);
  payload_ = {};
  ++ctx_.requests;
  LogLine log{0, "-", "-", payload.size(), Clock::now()};

  switch (proto::classify(payload)) {
    case proto::PayloadKind::native:
      handle_native(payload, std::move(log));
      break;
    case proto::PayloadKind::sp1:
      handle_sp1(payload, std::move(log));
      break;
    case proto::PayloadKind::unknown: {
      if (payload.size() >= 4 && proto::frame_length(std::span<const uint8_t>(payload).first<4>()) < kSp1VariantGuess) {
        handle_sp1(payload, std::move(log));
        break;
      }
      const ErrorCode code = payload.size() < 4 ? ErrorCode::bad_frame : ErrorCode::bad_magic;
      const std::string msg =
          payload.size() < 4
              ? "payload of " + std::to_string(payload.size()) + " bytes is too short to be a request"
              : "payload is neither a zkgpu request (magic \"ZKGP\") nor an SP1 request";
      stop_reading_ = true;
      auto reply = proto::error_reply(proto::Op{}, 0, code, msg);
      log_request(log, reply.size(), error_result(code, msg));
      fill_slot(open_slot(), std::move(reply), true);
      break;
    }
  }
  read_length();
}

void Connection::handle_sp1(const std::vector<uint8_t>& payload, LogLine log) {
  const uint64_t slot = open_slot();
  Sp1Answer malformed;
  const std::optional<sp1::Request> req = decode_sp1(payload, malformed);
  if (!req) {
    stop_reading_ = true;
    log.op = "sp1.malformed";
    log_request(log, malformed.payload.size(), malformed.result);
    fill_slot(slot, std::move(malformed.payload), true);
    return;
  }
  log.op = std::string("sp1.") + sp1_request_name(req->kind);
  log.device = ctx_.served[default_device_].id;
  // Like every compute request, an SP1 request is a job on the connection's device.
  Job job = job_for_handler(log.op, sp1_handler(req->kind), payload);
  job.client_gone = jobs_.get_token();
  auto self = shared_from_this();
  job.done = [self, slot, log = std::move(log)](JobOutcome o) mutable {
    asio::post(self->socket_.get_executor(), [self, slot, log = std::move(log), o = std::move(o)]() mutable {
      log.op += " job " + std::to_string(o.job_id);
      Sp1Answer a = sp1_answer(o);
      self->log_request(log, a.payload.size(), a.result);
      self->fill_slot(slot, std::move(a.payload), false);
    });
  };
  ctx_.scheduler.worker(default_device_).submit(std::move(job));
}

void Connection::handle_native(const std::vector<uint8_t>& payload, LogLine log) {
  const uint64_t slot = open_slot();
  proto::Request partial;
  proto::Request req;
  auto reply_error = [&](proto::Op op, uint64_t request_id, ErrorCode code, const std::string& msg, bool close) {
    if (close) stop_reading_ = true;
    auto reply = proto::error_reply(op, request_id, code, msg);
    log_request(log, reply.size(), error_result(code, msg));
    fill_slot(slot, std::move(reply), close);
  };
  try {
    req = proto::decode_request(payload, &partial);
  } catch (const Error& e) {
    log.request_id = partial.request_id;
    log.op = op_label(partial.op);
    // Another magic or version means the rest of the stream is not ours to read.
    const bool fatal = e.code() == ErrorCode::bad_magic || e.code() == ErrorCode::unsupported_version;
    reply_error(partial.op, partial.request_id, e.code(), e.what(), fatal);
    return;
  }
  log.request_id = req.request_id;
  log.op = op_label(req.op);

  if (ctx_.shutting_down) {
    reply_error(req.op, req.request_id, ErrorCode::shutting_down, "the daemon is shutting down", false);
    return;
  }
  size_t device = default_device_;
  if (!req.selector.empty()) {
    try {
      device = resolve_selector(ctx_.served, req.selector);
    } catch (const Error& e) {
      reply_error(req.op, req.request_id, e.code(), e.what(), false);
      return;
    }
  }
  log.device = ctx_.served[device].id;

  std::vector<uint8_t> body;
  switch (req.op) {
    case proto::Op::ping:
      body = req.body;
      break;
    case proto::Op::info:
      body = text_bytes(info_json(ctx_, default_device_));
      break;
    case proto::Op::devices:
      body = text_bytes(devices_json(ctx_, default_device_));
      break;
    case proto::Op::stats:
      body = text_bytes(stats_json(ctx_));
      break;
    default:
      submit_job(std::move(req), device, slot, std::move(log));
      return;
  }
  auto reply = result_reply(req, std::move(body));
  log_request(log, reply.size(), "ok");
  fill_slot(slot, std::move(reply), false);
}

void Connection::submit_job(proto::Request req, size_t device, uint64_t slot, LogLine log) {
  const OpHandler* handler = find_handler(req.op);
  if (!handler) {
    const std::string msg = "op " + op_label(req.op) + " is not available in this build";
    auto reply = proto::error_reply(req.op, req.request_id, ErrorCode::unknown_op, msg);
    log_request(log, reply.size(), error_result(ErrorCode::unknown_op, msg));
    fill_slot(slot, std::move(reply), false);
    return;
  }
  const proto::Op op = req.op;
  const uint64_t request_id = req.request_id;
  auto self = shared_from_this();
  Job job = job_for_handler(op_label(op), *handler, std::move(req.body));
  job.request_id = request_id;
  job.client_gone = jobs_.get_token();
  if (req.flags & proto::kFlagProgress) {
    job.progress = [self, op, request_id](const proto::Progress& p) {
      asio::post(self->socket_.get_executor(), [self, payload = proto::progress_reply(op, request_id, p)]() mutable {
        if (!self->closed_) self->send(std::move(payload), false);
      });
    };
  }
  job.done = [self, op, request_id, slot, log = std::move(log)](JobOutcome o) mutable {
    asio::post(self->socket_.get_executor(), [self, op, request_id, slot, log = std::move(log), o = std::move(o)]() mutable {
      log.op += " job " + std::to_string(o.job_id);
      std::vector<uint8_t> reply;
      std::string result;
      if (o.ok) {
        reply = proto::encode_reply(proto::Reply{op, request_id, proto::ReplyKind::result, std::move(o.body)});
        result = "ok";
      } else {
        reply = proto::error_reply(op, request_id, o.error.code, o.error.message);
        result = error_result(o.error.code, o.error.message);
      }
      self->log_request(log, reply.size(), result);
      self->fill_slot(slot, std::move(reply), false);
    });
  };
  ctx_.scheduler.worker(device).submit(std::move(job));
}

uint64_t Connection::open_slot() {
  const uint64_t slot = next_slot_++;
  slots_.emplace(slot, Slot{});
  return slot;
}

void Connection::fill_slot(uint64_t slot, std::vector<uint8_t> payload, bool close_after) {
  if (closed_) return;
  auto it = slots_.find(slot);
  if (it == slots_.end()) return;
  it->second = Slot{true, std::move(payload), close_after};
  flush_slots();
}

void Connection::flush_slots() {
  while (!slots_.empty() && slots_.begin()->second.ready) {
    Slot s = std::move(slots_.begin()->second);
    slots_.erase(slots_.begin());
    send(std::move(s.payload), s.close_after);
    if (s.close_after) {
      slots_.clear();  // nothing after a fatal error is answered
      return;
    }
  }
  read_length();  // resumes reading when it paused at kMaxOwedReplies
  close_if_drained();
}

void Connection::send(std::vector<uint8_t> payload, bool close_after) {
  if (closed_) return;
  Outgoing o;
  const auto n = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) o.prefix[i] = static_cast<uint8_t>(n >> (8 * i));
  o.payload = std::move(payload);
  o.close_after = close_after;
  writes_.push_back(std::move(o));
  if (!writing_) write_next();
}

void Connection::write_next() {
  if (closed_ || writes_.empty()) {
    writing_ = false;
    close_if_drained();
    return;
  }
  writing_ = true;
  const Outgoing& o = writes_.front();
  const std::array<asio::const_buffer, 2> bufs{asio::buffer(o.prefix), asio::buffer(o.payload)};
  asio::async_write(socket_, bufs, [self = shared_from_this()](const boost::system::error_code& ec, size_t) {
    self->writing_ = false;
    // A write may complete after close_now() emptied the queue (the completion
    // was already on its way to the strand).
    if (ec || self->closed_) {
      self->client_gone(ec);
      return;
    }
    const bool close = self->writes_.front().close_after;
    self->writes_.pop_front();
    if (close) {
      self->close_now();
      return;
    }
    self->read_length();  // resumes reading when it paused at kMaxOwedReplies
    self->write_next();
  });
}

void Connection::close_now() {
  if (closed_) return;
  closed_ = true;
  stop_reading_ = true;
  frame_ended();
  jobs_.request_stop();
  ctx_.scheduler.purge_cancelled();
  boost::system::error_code ignored;
  socket_.shutdown(Socket::shutdown_both, ignored);
  socket_.close(ignored);
  // A write in flight still points into the front entry; it stays until the
  // write's completion runs (with an error, or a success that raced the close).
  writes_.erase(writing_ && !writes_.empty() ? writes_.begin() + 1 : writes_.begin(), writes_.end());
  slots_.clear();
}

void Connection::log_request(const LogLine& log, size_t bytes_out, const std::string& result) const {
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - log.start).count();
  spdlog::info("conn {} req {} op {} device {} in {} B out {} B {:.3f} ms {}", id_, log.request_id, log.op,
               log.device, log.bytes_in, bytes_out, ms, result);
}

}  // namespace zkgpu
