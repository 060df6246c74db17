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

}  // namespace zkgpu::zkvm
