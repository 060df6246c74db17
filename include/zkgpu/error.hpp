#pragma once
// One error type for the whole daemon. Every failure that reaches a client is an
// Error with a code from the wire protocol (see proto/protocol-v1.md) and a
// human-readable message.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace zkgpu {

enum class ErrorCode : uint32_t {
  ok = 0,
  bad_frame = 1,            // truncated or otherwise unparseable frame
  frame_too_large = 2,      // length prefix over --max-frame-bytes
  bad_magic = 3,
  unsupported_version = 4,
  unknown_op = 5,
  bad_request = 6,          // body does not decode / wrong sizes
  invalid_argument = 7,     // decodes, but a value is out of range (e.g. >= p)
  no_such_device = 8,
  out_of_memory = 9,        // job cannot fit on the device even alone
  device_error = 10,        // a CUDA error while running the job
  cancelled = 11,
  not_found = 12,           // unknown key / object
  verify_failed = 13,       // self-verification of a produced proof failed
  shutting_down = 14,
  internal = 15,
};

std::string_view to_string(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace zkgpu
