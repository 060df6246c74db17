#include "sp1/prover/recursion_shard.hpp"

#include <algorithm>
#include <future>

#include "sp1/recursion/executor.hpp"
#include "sp1/stage/septic_digest.hpp"

namespace zkgpu::sp1::prover {

std::vector<ChipTrace> RecursionShard::chips() const {
  const air::Machine& m = air::machine(machine);
  std::vector<ChipTrace> out;
  for (size_t i = 0; i < m.chips.size(); ++i) {
    const recursion::ChipTrace& t = traces.at(i);
    out.push_back({m.chips[i].get(), {t.main, t.preprocessed, t.rows}});
  }
  std::sort(out.begin(), out.end(), [](const ChipTrace& a, const ChipTrace& b) { return a.chip->name() < b.chip->name(); });
  return out;
}

// The traces' program part (heights, preprocessed traces, zeroed memory) is made
// on the CPU pool while this thread executes the program, which is serial.
RecursionShard recursion_shard(const recursion::Program& program, air::MachineKind machine) {
  auto prepared = std::async(std::launch::async, [&] { return recursion::PreparedTraces(air::machine(machine), program); });
  const recursion::ExecutionRecord record = recursion::execute(program);
  return {machine, prepared.get().finish(record), {record.public_values.begin(), record.public_values.end()}};
}

ProgramConstants recursion_program_constants() {
  const stage::SepticPoint zero = stage::septic_digest_zero();
  ProgramConstants c;
  c.initial_global_cumulative_sum_x = zero.x;
  c.initial_global_cumulative_sum_y = zero.y;
  return c;
}

}  // namespace zkgpu::sp1::prover
