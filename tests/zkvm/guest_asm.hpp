// Builds small RV64IM guest programs at test time with Debian's RISC-V cross
// toolchain (gcc-riscv64-linux-gnu), laid out the way SP1 guests are (code above
// SP1's stack top), and runs them through the executor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "zkvm/executor.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::zkvm::test {

// Assembles `body` between a prologue that points s11 at an output buffer and
// an epilogue that writes the buffer to the public values (fd 13) and halts
// with 0. Inside `body`, `OUT reg` appends a register's 8 bytes to the buffer
// (64 KiB; `scratch` is 4 KiB of free data memory).
// Returns the ELF bytes; fails the calling test (and returns nullopt) when the
// toolchain is missing or the assembly does not build.
std::optional<std::vector<uint8_t>> assemble(const std::string& body);

// The public values as u64 words.
std::vector<uint64_t> words(const std::vector<uint8_t>& public_values);

// assemble + load_elf + execute; the report of a program that must halt with 0.
Report run_ok(const std::string& body, std::vector<std::vector<uint8_t>> input = {});
// assemble + load_elf + execute, whatever the outcome.
Report run_any(const std::string& body, std::vector<std::vector<uint8_t>> input = {}, uint64_t max_cycles = 0);

}  // namespace zkgpu::zkvm::test
