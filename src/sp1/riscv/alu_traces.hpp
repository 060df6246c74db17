// Main traces of SP1 v6.4's ALU chips from our events (sp1/air/riscv/ holds the
// chips; SP1's generate_trace_into in crates/core/machine/src/alu/**): one row
// per event the chip proves (alu_events.hpp), in execution order, then zero
// padding rows up to SP1's height (sp1/air/padding.hpp). Rows are filled in
// parallel on the CPU pool.
//
// Trust modes: a Supervisor chip has no rows when the program enables untrusted
// code, a User chip none when it does not (SP1's num_rows). The event recorder
// runs trusted code only (it refuses user-mode programs), so a User chip's rows
// all have is_trusted = 1.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/riscv/columns.hpp"
#include "sp1/riscv/alu_events.hpp"

namespace zkgpu::sp1::riscv {

struct RiscvChipTrace {
  std::string_view name;  // SP1's chip name (RiscvAir::name)
  size_t width = 0;
  size_t rows = 0;
  std::vector<air::Felt> main;  // rows x width, row-major
};

struct AluTraceOptions {
  air::riscv::TrustMode mode = air::riscv::TrustMode::Supervisor;
  bool untrusted_programs_enabled = false;  // the program's (SP1 Program::enable_untrusted_programs)
  std::optional<size_t> fixed_height;       // a shape's height
};

// The trace of `chip` over the ALU events of a shard (any other event is
// std::invalid_argument). Throws std::invalid_argument for a chip without trace
// generation yet, and for events whose register records are not in time order.
RiscvChipTrace alu_trace(AluChipKind chip, std::span<const zkvm::InstrEvent> events, const AluTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
