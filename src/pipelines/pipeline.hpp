#pragma once
// What the scheduler runs: one OpHandler per compute op. A handler decodes its
// request body, checks every size and value (bad input -> zkgpu::Error with a
// clear message), calls the backend, and encodes the result body.
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <stop_token>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu {

// Daemon-wide settings the pipelines read (set from command-line flags).
struct PipelineConfig {
  uint64_t key_cache_bytes = 8ull << 30;  // --key-cache-bytes: resident proving keys per device
  bool self_verify = true;                // --no-self-verify turns it off
};

struct DeviceResources;  // pipelines/device_resources.hpp

using ProgressFn = std::function<void(const proto::Progress&)>;

struct JobContext {
  Backend& backend;
  std::string device_id;  // stable device name, e.g. "cuda:0" or "cpu"
  const PipelineConfig& config;
  ProgressFn progress;                   // always callable; no-op if unwanted
  std::stop_token cancel;                // set when the client went away
  DeviceResources* resources = nullptr;  // the device's state kept between jobs (set by its worker)

  // Throws Error(cancelled) once cancellation was requested; call between stages.
  void check_cancelled() const;
};

// What an op's host stage hands to its device stage.
struct HostStageOutput {
  std::shared_ptr<void> state;  // the op's own (traces, ...); opaque to the scheduler
  uint64_t device_bytes = 0;    // the device stage's peak, now that its input is known
};

struct OpHandler {
  // Bytes of device memory the job needs at its peak, from the body alone
  // (cheap: sizes only). The scheduler admits the job when that much is free.
  std::function<uint64_t(std::span<const uint8_t> body)> estimate_bytes;
  std::function<std::vector<uint8_t>(JobContext&, std::span<const uint8_t> body)> run;
  // An op that needs no device (guest execution, SP1 Setup's ELF check) sets this
  // instead of `run`: it runs on the CPU pool and never waits in, or holds, a
  // device's queue. It stops soon after `cancel` is requested (client gone,
  // shutdown), throwing Error(cancelled).
  std::function<std::vector<uint8_t>(const std::stop_token& cancel, const ProgressFn& progress,
                                     std::span<const uint8_t> body)>
      run_on_host = {};
  // An op with a host stage before its device stage (trace generation, then the
  // proof) sets these two instead of `run`. `prepare` runs on the CPU pool (it
  // stops soon after `cancel`, throwing Error(cancelled)); the job is then admitted
  // to the device by its output's device_bytes, which replaces estimate_bytes, and
  // `run_prepared` runs on the device with that output.
  std::function<HostStageOutput(const std::stop_token& cancel, const ProgressFn& progress,
                                const PipelineConfig& config, std::span<const uint8_t> body)>
      prepare = {};
  std::function<std::vector<uint8_t>(JobContext&, std::span<const uint8_t> body, HostStageOutput& prepared)>
      run_prepared = {};
};

// The handler for a compute op, or nullptr (metadata ops are the server's).
const OpHandler* find_handler(proto::Op op);

}  // namespace zkgpu
