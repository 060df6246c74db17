// A seeded generator of valid random recursion programs, for tests and benches:
// every instruction the machine has a chip for, in random order, over values that
// keep SP1's rules (divisors are nonzero constants, select and prefix-sum bits are
// bits, Poseidon2 linear-layer and S-box outputs are read exactly once, base-field
// operands hold base values), ending with one commit of the public values. The same
// seed gives the same program.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sp1/air/machine.hpp"
#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

// About `instructions` instructions (a few more where one step needs a consumer),
// assembled.
Program random_program(uint64_t seed, size_t instructions, air::MachineKind machine);

// Rows of events by chip name (before padding: MemoryVar counts rows of its events
// per row).
using ChipRows = std::map<std::string, size_t, std::less<>>;

// A program whose chips have exactly `rows` rows of events, for the chips listed;
// the others get what those need (MemoryConst at least the 8 constants every program
// starts with, ExtAlu the consumers of linear-layer and S-box outputs, PublicValues
// its 8 digest rows). A listed chip whose count is below that need gets the need.
// Throws std::invalid_argument for a chip the machine does not have.
Program random_program_with_rows(uint64_t seed, const ChipRows& rows, air::MachineKind machine);

}  // namespace zkgpu::sp1::recursion
