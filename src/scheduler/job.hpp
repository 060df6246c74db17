#pragma once
// A compute request on its way through a device queue, and how it ended.
#include <chrono>
#include <cstdint>
#include <functional>
#include <stop_token>
#include <vector>

#include "pipelines/pipeline.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu {

struct JobOutcome {
  bool ok = false;
  std::vector<uint8_t> body;     // the op's result body when ok
  proto::ErrorBody error;        // when !ok
  uint64_t job_id = 0;           // the scheduler's sequence number (0 if never queued)
  std::chrono::nanoseconds queued_for{0};
  std::chrono::nanoseconds ran_for{0};
};

struct Job {
  proto::Op op{};
  uint64_t request_id = 0;                     // the client's id, for logs
  const OpHandler* handler = nullptr;
  std::vector<uint8_t> body;
  std::stop_token client_gone;                 // requested when the client disconnects
  std::function<void(const proto::Progress&)> progress;  // may be empty
  // Called exactly once, from the submitting thread (rejected at admission) or
  // from the device's worker thread. Must not block.
  std::function<void(JobOutcome)> done;
};

}  // namespace zkgpu
