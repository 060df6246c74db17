// Runs an SP1 v6 guest program to completion: the public entry point of the
// executor. One Executor per run; runs are independent and deterministic.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <stdexcept>
#include <stop_token>
#include <string>
#include <vector>

#include "zkvm/program.hpp"
#include "zkvm/report.hpp"

namespace zkgpu::zkvm {

struct ExecOptions {
  uint64_t max_cycles = 0;          // stop with an error after this many instructions (0: no limit)
  std::FILE* step_trace = nullptr;  // debugging: one line per instruction (pc, count, text)
  // When requested, the run ends within kCancelCheckInstructions instructions
  // (tens of milliseconds) by throwing ExecutionCancelled.
  std::stop_token stop;
};

// How often a run that can be stopped looks at its stop token.
inline constexpr uint64_t kCancelCheckInstructions = uint64_t(1) << 22;

// The run was stopped through ExecOptions::stop; there is no report.
class ExecutionCancelled : public std::runtime_error {
 public:
  explicit ExecutionCancelled(uint64_t instructions)
      : std::runtime_error("execution stopped after " + std::to_string(instructions) + " instructions"),
        instructions_(instructions) {}
  uint64_t instructions() const noexcept { return instructions_; }

 private:
  uint64_t instructions_;
};

// `input` is SP1Stdin's buffer: the guest's hint stream, one entry per read.
Report execute(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options = {});

class EventRecorder;
class Machine;
struct Checkpoint;
struct Cpu;

// A run that records SP1's execution events into an EventRecorder
// (recorder.hpp) and can pause where the recorder asks (a shard boundary) and
// go on from there. The options' step trace is not used; `program` must
// outlive the run (it is not copied).
class RecordingRun {
 public:
  RecordingRun(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options = {});
  // A run that starts at a shard's checkpoint (shard.hpp); its report covers
  // what runs from there.
  struct From {
    const Checkpoint& checkpoint;
  };
  RecordingRun(const Program& program, From from, const ExecOptions& options = {});
  ~RecordingRun();
  RecordingRun(const RecordingRun&) = delete;
  RecordingRun& operator=(const RecordingRun&) = delete;

  // Runs until the guest halts or fails (true; report() says which) or the
  // recorder pauses it (false). Throws std::runtime_error for what recording
  // does not support (user-mode programs, SIG_RETURN).
  bool resume(EventRecorder& recorder);
  Report report() const;
  const Cpu& cpu() const;  // registers (x[0..31]), pc and instruction count
  std::vector<std::vector<uint8_t>> pending_input() const;  // the input entries not read yet

 private:
  std::unique_ptr<Machine> machine_;
};

}  // namespace zkgpu::zkvm
