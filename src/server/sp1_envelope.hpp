#pragma once
// Answers SP1's bincode envelope (zkgpu/sp1.hpp): Destroy -> Ok; Setup and
// ProveWithMode -> InternalError (RISC-V proving is not in this version); a
// payload that does not decode -> InternalError, and the connection closes,
// as SP1's own server does.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace zkgpu {

struct Sp1Answer {
  std::vector<uint8_t> payload;  // bincode Response
  bool close_after = false;
  std::string what;              // for the request log: "destroy", "setup", "malformed", ...
  std::string result;            // for the request log: "ok" or "internal_error: ..."
};

Sp1Answer answer_sp1(std::span<const uint8_t> payload);

// The InternalError text for Setup / ProveWithMode.
std::string sp1_unavailable_message();

// Setup's ELF as the executor loads it: "" when valid, else the problem (sp1_setup.cpp).
std::string sp1_setup_elf_problem(std::span<const uint8_t> elf);

}  // namespace zkgpu
