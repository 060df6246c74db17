// Native protocol v1 codec: headers, error and progress bodies, framing.
// proto/protocol-v1.md is the normative description of these bytes.
#include <exception>
#include <limits>
#include <string>

#include "common/bytes.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::proto {
namespace {

std::string hex(uint32_t v, int digits) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string s = "0x";
  for (int i = digits - 1; i >= 0; --i) s += kDigits[(v >> (4 * i)) & 0xf];
  return s;
}

// Selectors name a device ("0", "GPU-<uuid>", "0000:65:00.0", "cpu"): printable
// ASCII without spaces keeps them safe to log and to echo in error messages.
void check_selector(std::string_view selector) {
  if (selector.size() > kMaxSelectorBytes)
    throw Error(ErrorCode::bad_request, "device selector is " + std::to_string(selector.size()) +
                                            " bytes; the limit is " +
                                            std::to_string(kMaxSelectorBytes));
  for (unsigned char c : selector)
    if (c < 0x21 || c > 0x7e)
      throw Error(ErrorCode::bad_request,
                  "device selector contains the byte " + hex(c, 2) +
                      "; only printable ASCII without spaces is allowed");
}

void write_header(ByteWriter& w, Op op, uint64_t request_id) {
  w.u32(kMagic);
  w.u16(kVersion);
  w.u16(static_cast<uint16_t>(op));
  w.u64(request_id);
}

void check_magic(uint32_t magic) {
  if (magic != kMagic)
    throw Error(ErrorCode::bad_magic,
                "bad magic " + hex(magic, 8) + "; expected " + hex(kMagic, 8) + " (\"ZKGP\")");
}

// `who` is the side doing the decoding: "daemon" for requests, "client" for replies.
void check_version(uint16_t version, const char* who) {
  if (version != kVersion)
    throw Error(ErrorCode::unsupported_version,
                "unsupported protocol version " + std::to_string(version) + "; this " + who +
                    " speaks " + std::to_string(kVersion));
}

}  // namespace

bool is_known_op(uint16_t op) noexcept {
  switch (static_cast<Op>(op)) {
    case Op::ping:
    case Op::info:
    case Op::devices:
    case Op::stats:
    case Op::field_arith:
    case Op::ntt:
    case Op::lde:
    case Op::poseidon2:
    case Op::merkle_commit:
    case Op::groth16_prove:
    case Op::sp1_execute:
    case Op::sp1_prove_recursion:
      return true;
  }
  return false;
}

const char* op_name(Op op) noexcept {
  switch (op) {
    case Op::ping: return "ping";
    case Op::info: return "info";
    case Op::devices: return "devices";
    case Op::stats: return "stats";
    case Op::field_arith: return "field_arith";
    case Op::ntt: return "ntt";
    case Op::lde: return "lde";
    case Op::poseidon2: return "poseidon2";
    case Op::merkle_commit: return "merkle_commit";
    case Op::groth16_prove: return "groth16_prove";
    case Op::sp1_execute: return "sp1_execute";
    case Op::sp1_prove_recursion: return "sp1_prove_recursion";
  }
  return "unknown";
}

std::vector<uint8_t> encode_request(const Request& r) {
  check_selector(r.selector);
  ByteWriter w;
  w.buffer().reserve(kRequestHeaderBytes + r.selector.size() + r.body.size());
  write_header(w, r.op, r.request_id);
  w.u32(r.flags);
  w.u16(static_cast<uint16_t>(r.selector.size()));
  w.u16(0);
  w.bytes(r.selector);
  w.bytes(r.body);
  return w.take();
}

std::vector<uint8_t> encode_reply(const Reply& r) {
  ByteWriter w;
  w.buffer().reserve(kReplyHeaderBytes + r.body.size());
  write_header(w, r.op, r.request_id);
  w.u16(static_cast<uint16_t>(r.kind));
  w.u16(0);
  w.bytes(r.body);
  return w.take();
}

std::vector<uint8_t> encode_progress(const Progress& p) {
  ByteWriter w;
  w.u64(p.done);
  w.u64(p.total);
  w.str32(p.stage);
  return w.take();
}

std::vector<uint8_t> encode_error(const ErrorBody& e) {
  ByteWriter w;
  w.u32(static_cast<uint32_t>(e.code));
  w.str32(e.message);
  return w.take();
}

std::vector<uint8_t> error_reply(Op op, uint64_t request_id, ErrorCode code,
                                 const std::string& message) {
  return encode_reply(Reply{op, request_id, ReplyKind::error, encode_error({code, message})});
}

std::vector<uint8_t> progress_reply(Op op, uint64_t request_id, const Progress& p) {
  return encode_reply(Reply{op, request_id, ReplyKind::progress, encode_progress(p)});
}

Request decode_request(std::span<const uint8_t> payload, Request* partial) {
  Request req;
  // When a check throws, the header fields read so far (not the body) are handed
  // back, so the server can address its error reply to the right request id.
  struct PublishOnThrow {
    Request* to;
    const Request& from;
    int exceptions_at_start = std::uncaught_exceptions();
    ~PublishOnThrow() {
      if (!to || std::uncaught_exceptions() == exceptions_at_start) return;
      to->op = from.op;
      to->request_id = from.request_id;
      to->flags = from.flags;
      to->selector = from.selector;
      to->body.clear();
    }
  } publish{partial, req};

  ByteReader r(payload);
  if (payload.size() < kRequestHeaderBytes) {
    // Recover the request id when the prefix carrying it is there and is ours.
    if (payload.size() >= 16 && r.u32() == kMagic) {
      r.u16();
      req.op = static_cast<Op>(r.u16());
      req.request_id = r.u64();
    }
    throw Error(ErrorCode::bad_frame, "truncated request header: " +
                                          std::to_string(payload.size()) + " bytes, need " +
                                          std::to_string(kRequestHeaderBytes));
  }
  check_magic(r.u32());
  const uint16_t version = r.u16();
  // Op and request id sit at the same offsets in every version.
  req.op = static_cast<Op>(r.u16());
  req.request_id = r.u64();
  check_version(version, "daemon");

  req.flags = r.u32();
  const uint16_t selector_len = r.u16();
  const uint16_t reserved = r.u16();
  if (selector_len > kMaxSelectorBytes)
    throw Error(ErrorCode::bad_request, "device selector is " + std::to_string(selector_len) +
                                            " bytes; the limit is " +
                                            std::to_string(kMaxSelectorBytes));
  if (r.remaining() < selector_len)
    throw Error(ErrorCode::bad_frame, "truncated request: selector of " +
                                          std::to_string(selector_len) + " bytes, " +
                                          std::to_string(r.remaining()) + " left");
  const auto sel = r.bytes(selector_len);
  req.selector.assign(sel.begin(), sel.end());

  if (!is_known_op(static_cast<uint16_t>(req.op)))
    throw Error(ErrorCode::unknown_op,
                "unknown op " + hex(static_cast<uint16_t>(req.op), 4));
  if (reserved != 0)
    throw Error(ErrorCode::bad_request, "reserved header field is " + std::to_string(reserved) +
                                            "; it must be 0");
  if ((req.flags & ~kKnownFlags) != 0)
    throw Error(ErrorCode::bad_request, "unknown flag bits " + hex(req.flags & ~kKnownFlags, 8));
  check_selector(req.selector);

  const auto body = r.rest();
  req.body.assign(body.begin(), body.end());
  return req;
}

Reply decode_reply(std::span<const uint8_t> payload) {
  if (payload.size() < kReplyHeaderBytes)
    throw Error(ErrorCode::bad_frame, "truncated reply header: " + std::to_string(payload.size()) +
                                          " bytes, need " + std::to_string(kReplyHeaderBytes));
  ByteReader r(payload);
  check_magic(r.u32());
  check_version(r.u16(), "client");
  Reply rep;
  // The op is not checked: an error reply echoes whatever op the request named.
  rep.op = static_cast<Op>(r.u16());
  rep.request_id = r.u64();
  const uint16_t kind = r.u16();
  const uint16_t reserved = r.u16();
  if (kind > static_cast<uint16_t>(ReplyKind::error))
    throw Error(ErrorCode::bad_frame, "unknown reply kind " + std::to_string(kind));
  if (reserved != 0)
    throw Error(ErrorCode::bad_frame, "reserved reply header field is " +
                                          std::to_string(reserved) + "; it must be 0");
  rep.kind = static_cast<ReplyKind>(kind);
  const auto body = r.rest();
  rep.body.assign(body.begin(), body.end());
  return rep;
}

Progress decode_progress(std::span<const uint8_t> body) {
  ByteReader r(body);
  Progress p;
  p.done = r.u64();
  p.total = r.u64();
  p.stage = r.str32();
  r.expect_done("progress body");
  return p;
}

ErrorBody decode_error(std::span<const uint8_t> body) {
  ByteReader r(body);
  ErrorBody e;
  e.code = static_cast<ErrorCode>(r.u32());
  e.message = r.str32();
  r.expect_done("error body");
  return e;
}

std::vector<uint8_t> frame(std::span<const uint8_t> payload) {
  if (payload.size() > std::numeric_limits<uint32_t>::max())
    throw Error(ErrorCode::frame_too_large, "payload of " + std::to_string(payload.size()) +
                                                " bytes does not fit a u32 length prefix");
  ByteWriter w;
  w.buffer().reserve(4 + payload.size());
  w.u32(static_cast<uint32_t>(payload.size()));
  w.bytes(payload);
  return w.take();
}

uint32_t frame_length(std::span<const uint8_t, 4> prefix) noexcept {
  return static_cast<uint32_t>(prefix[0]) | static_cast<uint32_t>(prefix[1]) << 8 |
         static_cast<uint32_t>(prefix[2]) << 16 | static_cast<uint32_t>(prefix[3]) << 24;
}

PayloadKind classify(std::span<const uint8_t> payload) noexcept {
  if (payload.size() < 4) return PayloadKind::unknown;
  const uint32_t first = frame_length(payload.first<4>());
  if (first <= 2) return PayloadKind::sp1;
  if (first == kMagic) return PayloadKind::native;
  return PayloadKind::unknown;
}

}  // namespace zkgpu::proto
