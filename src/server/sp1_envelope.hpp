#pragma once
// SP1's bincode envelope (zkgpu/sp1.hpp) at the connection: a payload that
// decodes becomes a job on the device (pipelines/sp1_ops.hpp); one that does not
// is answered at once with InternalError, and the connection closes, as SP1's
// own server does.
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "scheduler/job.hpp"
#include "zkgpu/sp1.hpp"

namespace zkgpu {

struct Sp1Answer {
  std::vector<uint8_t> payload;  // bincode Response
  std::string result;            // for the request log: "ok" or "internal_error: ..."
};

// The request, or nullopt with `malformed` set to the answer for the payload.
std::optional<sp1::Request> decode_sp1(std::span<const uint8_t> payload, Sp1Answer& malformed);

// For the request log: "setup", "prove_with_mode", "destroy".
const char* sp1_request_name(sp1::RequestKind kind);

// The answer to a finished SP1 job.
Sp1Answer sp1_answer(const JobOutcome& outcome);


}  // namespace zkgpu
