// Our text format for recursion programs (FORMAT.md describes it): one SP1
// instruction per line, multiplicities left to the assembler.
#pragma once

#include <string>
#include <string_view>

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

// Parses a program (not yet assembled: multiplicities are zero). Throws
// ProgramError "line N: ..." on the first malformed line.
Program parse_program(std::string_view text);

// The program as text; parse_program(to_text(p)) gives back p's instructions and
// witness (multiplicities aside).
std::string to_text(const Program& p);

// parse_program + assemble.
Program load_program(std::string_view text);

// The text format's name of an instruction ("base.add", "poseidon2", ...).
const char* mnemonic(const Instruction& ins);

}  // namespace zkgpu::sp1::recursion
