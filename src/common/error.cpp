#include "zkgpu/error.hpp"

namespace zkgpu {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::ok: return "ok";
    case ErrorCode::bad_frame: return "bad_frame";
    case ErrorCode::frame_too_large: return "frame_too_large";
    case ErrorCode::bad_magic: return "bad_magic";
    case ErrorCode::unsupported_version: return "unsupported_version";
    case ErrorCode::unknown_op: return "unknown_op";
    case ErrorCode::bad_request: return "bad_request";
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::no_such_device: return "no_such_device";
    case ErrorCode::out_of_memory: return "out_of_memory";
    case ErrorCode::device_error: return "device_error";
    case ErrorCode::cancelled: return "cancelled";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::verify_failed: return "verify_failed";
    case ErrorCode::shutting_down: return "shutting_down";
    case ErrorCode::internal: return "internal";
  }
  return "unknown";
}

}  // namespace zkgpu
