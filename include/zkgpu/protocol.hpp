#pragma once
// Native protocol v1: message types and their byte encoding. The normative text
// with example bytes is proto/protocol-v1.md; tests/unit assert those bytes.
//
// Every message, both ways, is a frame: u32 little-endian payload length, then
// the payload. A v1 payload starts with a fixed header:
//
//   request:  magic u32 | version u16 | op u16 | request_id u64 | flags u32 |
//             selector_len u16 | reserved u16 (0) | selector bytes | body
//   reply:    magic u32 | version u16 | op u16 | request_id u64 | kind u16 |
//             reserved u16 (0) | body
//
// A payload whose first u32 is 0, 1 or 2 is an SP1 bincode Request instead
// (see zkgpu/sp1.hpp); the magic can never be confused with those.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "zkgpu/error.hpp"

namespace zkgpu::proto {

inline constexpr uint32_t kMagic = 0x50474b5a;  // bytes "ZKGP"
inline constexpr uint16_t kVersion = 1;
inline constexpr size_t kRequestHeaderBytes = 24;
inline constexpr size_t kReplyHeaderBytes = 20;
inline constexpr uint64_t kDefaultMaxFrameBytes = 4ull << 30;  // 4 GiB: real proving keys fit
inline constexpr size_t kMaxSelectorBytes = 256;

enum class Op : uint16_t {
  ping = 0x0001,          // body echoed back
  info = 0x0002,          // reply: JSON object
  devices = 0x0003,       // reply: JSON array
  stats = 0x0004,         // reply: JSON object
  field_arith = 0x0101,   // 31-bit and bn254 element-wise arithmetic
  ntt = 0x0102,
  lde = 0x0103,
  poseidon2 = 0x0104,
  merkle_commit = 0x0105,
  groth16_prove = 0x0201,
  sp1_execute = 0x0301,   // run an SP1 guest program (proto/ops-sp1.md)
  sp1_prove_recursion = 0x0302,  // prove a recursion program's shard (proto/ops-sp1.md)
};

// True for op codes this build knows.
bool is_known_op(uint16_t op) noexcept;
const char* op_name(Op op) noexcept;

enum class ReplyKind : uint16_t {
  result = 0,    // final; body is the op's result
  progress = 1,  // not final; body is a Progress
  error = 2,     // final; body is an ErrorBody
};

// Request flag bits.
inline constexpr uint32_t kFlagProgress = 1u << 0;  // client wants progress frames
inline constexpr uint32_t kKnownFlags = kFlagProgress;  // other bits set -> bad_request

struct Request {
  Op op{};
  uint64_t request_id = 0;
  uint32_t flags = 0;
  std::string selector;  // "" = daemon default; ordinal "0", "GPU-<uuid>", PCI "0000:65:00.0", "cpu"
  std::vector<uint8_t> body;
};

struct Reply {
  Op op{};
  uint64_t request_id = 0;
  ReplyKind kind = ReplyKind::result;
  std::vector<uint8_t> body;
};

struct Progress {
  uint64_t done = 0;
  uint64_t total = 0;
  std::string stage;  // e.g. "msm-a"
};

struct ErrorBody {
  ErrorCode code = ErrorCode::internal;
  std::string message;
};

// Payload encoders (no length prefix).
std::vector<uint8_t> encode_request(const Request& r);
std::vector<uint8_t> encode_reply(const Reply& r);
std::vector<uint8_t> encode_progress(const Progress& p);
std::vector<uint8_t> encode_error(const ErrorBody& e);
// Convenience: whole error / progress reply payloads.
std::vector<uint8_t> error_reply(Op op, uint64_t request_id, ErrorCode code, const std::string& message);
std::vector<uint8_t> progress_reply(Op op, uint64_t request_id, const Progress& p);

// Payload decoders. Throw Error with bad_frame (truncated header), bad_magic,
// unsupported_version, unknown_op or bad_request (selector over 256 bytes or not
// printable ASCII, reserved field not 0, unknown flag bits). When it throws,
// decode_request fills `partial` (when given) with the header fields it read
// before failing (op, request_id, flags, selector; never the body), so the server
// can address its error reply to the right request id. On success `partial` is
// left untouched. decode_reply
// accepts any op value (an error reply echoes the op the request named).
// encode_request throws bad_request for a selector the decoder would reject.
Request decode_request(std::span<const uint8_t> payload, Request* partial = nullptr);
Reply decode_reply(std::span<const uint8_t> payload);
Progress decode_progress(std::span<const uint8_t> body);
ErrorBody decode_error(std::span<const uint8_t> body);

// Framing.
std::vector<uint8_t> frame(std::span<const uint8_t> payload);  // prepends u32 LE length
uint32_t frame_length(std::span<const uint8_t, 4> prefix) noexcept;

// What a payload is, from its first bytes.
enum class PayloadKind { native, sp1, unknown };
PayloadKind classify(std::span<const uint8_t> payload) noexcept;

}  // namespace zkgpu::proto
