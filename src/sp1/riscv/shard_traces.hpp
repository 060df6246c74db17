// Every chip of SP1 v6.4's RISC-V machine (RiscvAir::machine,
// crates/core/machine/src/riscv/mod.rs) with its traces for one shard: the one
// place that lists the chips, in SP1's order. Instruction and event chips get
// their main traces from the shard's records (alu_traces.hpp, control_traces.hpp,
// ...); the Global chip also gives the shard's global cumulative sum, which
// with the global counts completes the shard's public values (SP1's
// generate_dependencies); the three table chips (Program, Byte, Range) take
// their preprocessed traces from the program's setup and their multiplicities
// from what every other chip and the public values send them (lookup_counts.hpp).
//
// Chips not built yet (page protection's, Mprotect) are listed by
// name: a shard that needs one (a precompile call) is refused with
// UnsupportedChip naming it, rather than checked without it; so is a program
// with untrusted code in the default build (only SP1's mprotect build proves it).
//
// Either of SP1's builds (Features): the chips are the same with the build's
// constraints, and the public values take the build's layout.
#pragma once

#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sp1/air/machine.hpp"
#include "sp1/air/riscv/columns.hpp"
#include "sp1/air/septic_curve.hpp"
#include "sp1/air/trace_check.hpp"
#include "sp1/riscv/public_values.hpp"
#include "sp1/setup/program_setup.hpp"
#include "zkvm/program.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// A chip of RiscvAir; `chip` is null for one not built yet.
struct RiscvAirChip {
  std::string_view name;
  const air::MachineChip* chip = nullptr;
};

using air::riscv::Features;

// All of RiscvAir's chips in the build, in SP1's order.
std::span<const RiscvAirChip> riscv_air_chips(Features features = Features::Default);

// The constraints and interactions over a shard's public values
// (sp1/air/riscv/public_values.hpp), as a chip of no columns.
const air::MachineChip& public_values_chip(Features features = Features::Default);
// Its one evaluation over a shard's public values.
air::RowEvaluation<air::Felt> eval_public_values(std::span<const air::Felt> public_values, Features features);

class UnsupportedChip : public std::runtime_error {
 public:
  explicit UnsupportedChip(std::string chip, const std::string& why)
      : std::runtime_error(chip + " is needed: " + why), chip_(std::move(chip)) {}
  const std::string& chip() const { return chip_; }

 private:
  std::string chip_;
};

// What every shard of a program shares: the build, the tables' preprocessed
// traces, the trap-handler public values.
struct ProgramTables {
  Features features = Features::Default;
  uint64_t pc_base = 0;
  size_t instructions = 0;
  setup::PreprocessedTraces preprocessed;
  TrapHandlerValues trap;
};
// Throws zkvm::TranspileError for a word SP1 cannot transpile.
ProgramTables program_tables(const zkvm::Program& program, Features features = Features::Default);

struct ShardChipTrace {
  const air::MachineChip* chip = nullptr;
  size_t rows = 0;
  std::vector<air::Felt> main;                 // rows x width
  std::span<const air::Felt> preprocessed;     // rows x preprocessed width (the program's tables)
  air::TraceView view() const { return {main, preprocessed, rows}; }
};

struct ShardTraces {
  Features features = Features::Default;
  std::vector<ShardChipTrace> chips;       // the built chips, in RiscvAir's order
  std::vector<air::Felt> public_value_felts;  // the shard's, with the global counts and cumulative sum
  air::septic::Point global_cumulative_sum;
  uint64_t uncounted_lookups = 0;          // table sends that address no table row (lookup_counts.hpp)
};

// The table chips' preprocessed spans point into `tables`, which must outlive
// the result. Throws UnsupportedChip for a shard that needs a chip not built
// yet, and what the chips' trace generators throw for records they refuse.
ShardTraces shard_traces(const zkvm::ShardRecord& shard, const ProgramTables& tables);

}  // namespace zkgpu::sp1::riscv
