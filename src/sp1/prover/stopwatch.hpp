// Laps of wall time, for the provers' phase tables.
#pragma once

#include <chrono>

namespace zkgpu::sp1::prover {

class Stopwatch {
 public:
  // Milliseconds since the last call (or construction).
  double lap() {
    const auto now = std::chrono::steady_clock::now();
    const double ms = std::chrono::duration<double, std::milli>(now - last_).count();
    last_ = now;
    return ms;
  }

 private:
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace zkgpu::sp1::prover
