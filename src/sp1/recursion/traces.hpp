// Trace generation on the CPU: the main and preprocessed traces of every chip of a
// machine for an executed program, padded as SP1 pads them (each chip's
// generate_trace / generate_preprocessed_trace in crates/recursion/machine/src/
// chips/; heights from crates/hypercube/src/util.rs next_multiple_of_32: a chip with
// n rows of events gets n rounded up to a multiple of 32, and 16 when n = 0, unless
// a fixed height is given; PublicValues always has 16). Padding rows are zero,
// except Poseidon2WideDeg3's, which hold the permutation of the zero state (SP1's
// populate_perm on zero input), so every row satisfies the constraints.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/recursion/instruction.hpp"
#include "sp1/recursion/record.hpp"

namespace zkgpu::sp1::recursion {

struct ChipTrace {
  std::string_view name;  // the chip's
  size_t rows = 0;
  std::vector<Felt> main;          // rows x width, row-major
  std::vector<Felt> preprocessed;  // rows x preprocessed width
};

struct TraceOptions {
  // Fixed heights by chip name (SP1's RecursionShape); a chip with more rows is an
  // error.
  std::map<std::string, size_t, std::less<>> fixed_heights;
};

// SP1's padded height for n rows (sp1/air/padding.hpp).
using air::padded_height;

// One ChipTrace per chip of the machine, in the machine's order. The program must
// be the assembled program that produced `record`. Throws std::invalid_argument
// when the program uses an instruction the machine has no chip for (e.g. a wide
// Poseidon2 on the wrap machine), when a fixed height is too small, or when a
// Poseidon2 linear layer or S-box output is not read exactly once.
std::vector<ChipTrace> generate_traces(const air::Machine& machine, const Program& program,
                                       const ExecutionRecord& record, const TraceOptions& options = {});

}  // namespace zkgpu::sp1::recursion
