#pragma once
// A unit of work on its way through a device queue, and how it ended. A job
// knows nothing of the wire protocol that asked for it: the native ops, SP1's
// envelope and in-process callers all describe their work the same way.
//
//   estimate  device memory at the job's peak, from its input sizes (cheap)
//   prepare   optional host-only stage (guest execution, witness or trace
//             generation): runs on the CPU worker pool, so the device keeps
//             serving other jobs meanwhile; the job then queues for the device,
//             admitted by the estimate prepare gives (from what it built) when
//             it gives one
//   run       the device stage: on the device's worker thread, with its backend;
//             empty for a host-only job, whose result is what prepare returned
//             and which never queues for the device
//   done      the outcome, exactly once
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "pipelines/pipeline.hpp"
#include "zkgpu/error.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu {

struct JobOutcome {
  bool ok = false;
  std::vector<uint8_t> body;     // the job's result when ok
  proto::ErrorBody error;        // when !ok
  uint64_t job_id = 0;           // the scheduler's sequence number (0 if never queued)
  std::chrono::nanoseconds queued_for{0};
  std::chrono::nanoseconds ran_for{0};
};

// What the host stage hands to the device stage (opaque to the scheduler).
struct PreparedInput {
  std::vector<uint8_t> bytes;
  std::shared_ptr<void> state;      // what the stage built, when not bytes
  std::optional<uint64_t> estimate;  // device bytes at the peak, replacing Job::estimate
};

struct Job {
  std::string name;                            // for logs: "poseidon2", "sp1.setup", ...
  uint64_t request_id = 0;                     // the client's id, for logs
  // Device bytes at the peak; throws Error for input that cannot run at all.
  std::function<uint64_t()> estimate;
  // Host stage, on the CPU pool (may be empty). Its stop token and progress are the
  // job's; the configuration is the daemon's.
  std::function<PreparedInput(const std::stop_token&, const ProgressFn&, const PipelineConfig&)> prepare;
  // Device stage; `prepared` is what prepare returned (empty without one). Empty
  // for a host-only job (then prepare must be set).
  std::function<std::vector<uint8_t>(JobContext&, PreparedInput& prepared)> run;
  std::stop_token client_gone;                 // requested when the client disconnects
  ProgressFn progress;                         // may be empty
  // Called exactly once, from the submitting thread (rejected at admission), a
  // CPU pool thread (prepare failed) or the device's worker thread. Must not block.
  std::function<void(JobOutcome)> done;
};

// The job that runs an OpHandler on a request body: a device job, a host-only
// job for a handler with run_on_host, or a host stage then a device stage for a
// handler with prepare and run_prepared.
inline Job job_for_handler(std::string name, OpHandler handler, std::vector<uint8_t> body) {
  auto h = std::make_shared<const OpHandler>(std::move(handler));
  auto b = std::make_shared<const std::vector<uint8_t>>(std::move(body));
  Job job;
  job.name = std::move(name);
  if (h->run_on_host) {
    job.prepare = [h, b](const std::stop_token& cancel, const ProgressFn& progress, const PipelineConfig&) {
      return PreparedInput{h->run_on_host(cancel, progress, *b), nullptr, std::nullopt};
    };
    return job;
  }
  if (h->prepare) {
    job.estimate = [h, b] { return h->estimate_bytes ? h->estimate_bytes(*b) : 0; };
    job.prepare = [h, b](const std::stop_token& cancel, const ProgressFn& progress, const PipelineConfig& config) {
      HostStageOutput out = h->prepare(cancel, progress, config, *b);
      return PreparedInput{{}, std::move(out.state), out.device_bytes};
    };
    job.run = [h, b](JobContext& ctx, PreparedInput& in) {
      HostStageOutput out{in.state, in.estimate.value_or(0)};
      return h->run_prepared(ctx, *b, out);
    };
    return job;
  }
  job.estimate = [h, b] { return h->estimate_bytes ? h->estimate_bytes(*b) : 0; };
  job.run = [h, b](JobContext& ctx, PreparedInput&) { return h->run(ctx, *b); };
  return job;
}

}  // namespace zkgpu
