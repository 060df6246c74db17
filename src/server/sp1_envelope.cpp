#include "server/sp1_envelope.hpp"

#include "zkgpu/error.hpp"

namespace zkgpu {

std::optional<sp1::Request> decode_sp1(std::span<const uint8_t> payload, Sp1Answer& malformed) {
  try {
    return sp1::decode_request(payload);
  } catch (const Error& e) {
    const std::string message = std::string("malformed SP1 request: ") + e.what();
    malformed.payload = sp1::encode_internal_error(message);
    malformed.result = "internal_error: " + message;
    return std::nullopt;
  }
}

const char* sp1_request_name(sp1::RequestKind kind) {
  switch (kind) {
    case sp1::RequestKind::setup: return "setup";
    case sp1::RequestKind::prove_with_mode: return "prove_with_mode";
    case sp1::RequestKind::destroy: return "destroy";
  }
  return "unknown";
}

Sp1Answer sp1_answer(const JobOutcome& outcome) {
  if (outcome.ok) return {outcome.body, "ok"};
  return {sp1::encode_internal_error(outcome.error.message), "internal_error: " + outcome.error.message};
}

}  // namespace zkgpu
