// What one execution produced: how it ended, SP1's counters, the guest's output.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json_fwd.hpp>

namespace zkgpu::zkvm {

struct Report {
  // halted: the guest called HALT (exit_code says how it went); failed: the
  // executor stopped it (error names the pc, the instruction and the cycle).
  bool halted = false;
  uint32_t exit_code = 0;
  std::string error;

  uint64_t instructions = 0;               // SP1's cycle count (global clock), unconstrained blocks excluded
  uint64_t unconstrained_instructions = 0; // run inside unconstrained blocks
  uint64_t clk = 0;                        // SP1's final timestamp: 1 + 8 per instruction + 256 per syscall
  std::map<std::string, uint64_t> syscalls;  // SP1 name -> count

  std::vector<uint8_t> public_values;
  std::array<uint8_t, 32> public_values_sha256{};
  std::array<uint32_t, 8> committed_digest{};         // the words the guest passed to COMMIT
  std::array<uint32_t, 8> deferred_proofs_digest{};   // the words passed to COMMIT_DEFERRED_PROOFS
  std::string guest_stdout, guest_stderr;

  double wall_s = 0;
  double mhz = 0;  // instructions per microsecond of wall time

  bool ok() const { return halted && exit_code == 0; }
  // The deterministic part (everything but wall time and speed) as JSON, then the timing.
  nlohmann::json to_json(bool with_timing = true) const;
};

}  // namespace zkgpu::zkvm
