// A seeded generator of valid random recursion programs, for tests and benches:
// every instruction the machine has a chip for, in random order, over values that
// keep SP1's rules (divisors are nonzero constants, select and prefix-sum bits are
// bits, Poseidon2 linear-layer and S-box outputs are read exactly once, base-field
// operands hold base values), ending with one commit of the public values. The same
// seed gives the same program.
#pragma once

#include <cstdint>

#include "sp1/air/machine.hpp"
#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

// About `instructions` instructions (a few more where one step needs a consumer),
// assembled.
Program random_program(uint64_t seed, size_t instructions, air::MachineKind machine);

}  // namespace zkgpu::sp1::recursion
