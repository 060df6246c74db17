// Errors of the recursion toolchain. A ProgramError is a program that cannot be
// read or assembled (a syntax error, a read of an address nothing wrote before, a
// second write); an ExecutionError a program that fails while it runs (a division
// of a nonzero value by zero, an empty witness stream). Both name the source line
// when the instruction came from a file, else the instruction's index, and the
// instruction's mnemonic (text_format.hpp).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

class ProgramError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ExecutionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "line 12" or "instruction 11" (0-based index), for messages.
inline std::string where(const Program& p, size_t index) {
  return index < p.lines.size() && p.lines[index] != 0 ? "line " + std::to_string(p.lines[index])
                                                       : "instruction " + std::to_string(index);
}

}  // namespace zkgpu::sp1::recursion
