// Runs a recursion program with SP1's semantics (crates/recursion/executor/src/
// lib.rs Executor::execute_one) and records its events. The program must have been
// assembled (assembler.hpp); the events do not depend on the multiplicities.
//   - Base and extension division: 0 / 0 = 1; x / 0 with x != 0 is an error.
//   - A Mem read checks the stored value equals the instruction's.
//   - HintBits writes the little-endian bits of the input's canonical value; Hint
//     takes the next blocks of the witness stream (an error when it runs out).
//   - PrefixSumChecks starts its products at 1 and its bit value at 0 (the values at
//     `one` and `zero` are recorded, not used, as in SP1).
//   - Print writes "PRINTF=v" or "PRINTEF=Block([c0, c1, c2, c3])" (SP1's Display / Debug forms) to `debug_out` if
//   given.
#pragma once

#include <ostream>

#include "sp1/recursion/instruction.hpp"
#include "sp1/recursion/record.hpp"

namespace zkgpu::sp1::recursion {

// Throws ExecutionError naming the failing line or instruction.
ExecutionRecord execute(const Program& program, std::ostream* debug_out = nullptr);

}  // namespace zkgpu::sp1::recursion
