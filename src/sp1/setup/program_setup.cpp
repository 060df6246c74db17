#include "sp1/setup/program_setup.hpp"

#include <chrono>

#include "sp1/pcs/params.hpp"
#include "sp1/setup/global_sum.hpp"

namespace zkgpu::sp1::setup {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point& t) {
  const auto now = Clock::now();
  const double ms = std::chrono::duration<double, std::milli>(now - t).count();
  t = now;
  return ms;
}

// addr_to_limbs (crates/hypercube/src/util.rs).
std::array<F, 3> limbs(uint64_t addr) {
  return {F::from_canonical(uint32_t(addr & 0xffff)), F::from_canonical(uint32_t((addr >> 16) & 0xffff)),
          F::from_canonical(uint32_t((addr >> 32) & 0xffff))};
}

}  // namespace

const air::MachineChip& program_chip() {
  static const air::ChipModel<air::ProgramChip> chip;
  return chip;
}
const air::MachineChip& byte_chip() {
  static const air::ChipModel<air::ByteChip> chip;
  return chip;
}
const air::MachineChip& range_chip() {
  static const air::ChipModel<air::RangeChip> chip;
  return chip;
}

PreprocessedTraces preprocessed_traces(const zkvm::Program& program) {
  const std::vector<zkvm::Sp1Instruction> instructions = zkvm::transpile(program.code);
  PreprocessedTraces t;
  t.program_rows = program_rows(instructions.size());
  t.program = program_preprocessed_trace(program.pc_base, instructions);
  t.byte = byte_preprocessed_trace();
  t.range = range_preprocessed_trace();
  return t;
}

prover::ProgramConstants program_constants(const zkvm::Program& program, wire::Sp1Variant variant,
                                           unsigned threads) {
  prover::ProgramConstants c;
  c.pc_start = limbs(program.entry);
  const air::septic::Point sum = initial_global_cumulative_sum(program, threads);
  c.initial_global_cumulative_sum_x = sum.x;
  c.initial_global_cumulative_sum_y = sum.y;
  wire::UntrustedConfig& u = c.untrusted_config;
  u.variant = variant;
  u.enable_untrusted_programs = F::from_canonical(program.untrusted_memory.has_value());
  if (variant == wire::Sp1Variant::Mprotect) {
    u.enable_trap_handler = F::from_canonical(program.trap_context.has_value());
    if (program.trap_context)
      for (size_t i = 0; i < 3; ++i) u.trap_context[i] = limbs(*program.trap_context + 8 * i);
    if (program.untrusted_memory) {
      u.untrusted_memory[0] = limbs(program.untrusted_memory->first);
      u.untrusted_memory[1] = limbs(program.untrusted_memory->second);
    }
  }
  return c;
}

ProgramSetup setup_program(const zkvm::Program& program, wire::Sp1Variant variant,
                           const prover::PcsProverContext& ctx) {
  auto t = Clock::now();
  SetupTimes times;
  const PreprocessedTraces traces = preprocessed_traces(program);
  times.traces_ms = ms_since(t);
  const prover::ProgramConstants constants = program_constants(program, variant, ctx.threads);
  times.global_sum_ms = ms_since(t);

  // The setup commits preprocessed columns only; the main traces are all zero here
  // (their multiplicities belong to a shard), present because the shard prover's
  // chips carry both.
  const size_t byte_rows = size_t(1) << air::ByteChip::kLogRows, range_rows = size_t(1) << air::RangeChip::kLogRows;
  const std::vector<F> byte_main(byte_rows * air::ByteChip::kWidth), program_main(traces.program_rows),
      range_main(range_rows);
  const std::array<prover::ChipTrace, 3> chips{
      prover::ChipTrace{&byte_chip(), {byte_main, traces.byte, byte_rows}},
      prover::ChipTrace{&program_chip(), {program_main, traces.program, traces.program_rows}},
      prover::ChipTrace{&range_chip(), {range_main, traces.range, range_rows}}};
  auto pk = prover::setup_shard<wire::InnerConfig>(ctx, pcs::core_params(), chips, constants);
  times.commit_ms = ms_since(t);
  std::vector<std::pair<std::string, size_t>> heights;
  for (const auto& c : chips) heights.emplace_back(std::string(c.chip->name()), c.trace.rows);
  return ProgramSetup{std::move(pk), std::move(heights), times};
}

}  // namespace zkgpu::sp1::setup
