// Runs an SP1 v6 guest program to completion: the public entry point of the
// executor. One Executor per run; runs are independent and deterministic.
#pragma once

#include <cstdint>
#include <cstdio>
#include <deque>
#include <memory>
#include <vector>

#include "zkvm/program.hpp"
#include "zkvm/report.hpp"

namespace zkgpu::zkvm {

struct ExecOptions {
  uint64_t max_cycles = 0;          // stop with an error after this many instructions (0: no limit)
  std::FILE* step_trace = nullptr;  // debugging: one line per instruction (pc, count, text)
};

// `input` is SP1Stdin's buffer: the guest's hint stream, one entry per read.
Report execute(const Program& program, std::vector<std::vector<uint8_t>> input, const ExecOptions& options = {});

}  // namespace zkgpu::zkvm
