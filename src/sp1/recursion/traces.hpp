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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/default_init_allocator.hpp"
#include "sp1/air/machine.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/recursion/instruction.hpp"
#include "sp1/recursion/record.hpp"

namespace zkgpu::sp1::recursion {

// A trace's cells, row-major. Resizing leaves new cells unwritten, so that trace
// generation can zero them on the CPU pool before filling them.
using TraceCells = std::vector<Felt, DefaultInitAllocator<Felt>>;

struct ChipTrace {
  std::string_view name;  // the chip's
  size_t rows = 0;
  TraceCells main;          // rows x width
  TraceCells preprocessed;  // rows x preprocessed width
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

// generate_traces in two steps. The constructor does what the program alone
// determines: every chip's height, its preprocessed trace and its main trace's
// zeroed memory; it throws what generate_traces throws for the program. finish()
// fills the main traces from the record, checking that it is the program's. The
// first step can run while the program executes.
class PreparedTraces {
 public:
  PreparedTraces(const air::Machine& machine, const Program& program, const TraceOptions& options = {});
  ~PreparedTraces();
  PreparedTraces(PreparedTraces&&) noexcept;

  std::vector<ChipTrace> finish(const ExecutionRecord& record) &&;

 private:
  struct Chip;
  std::vector<std::unique_ptr<Chip>> chips_;
};

}  // namespace zkgpu::sp1::recursion
