#include "sp1/riscv/lookup_counts.hpp"

#include <mutex>

#include "common/cpu_pool.hpp"
#include "common/parallel_ranges.hpp"
#include "sp1/air/program_eval.hpp"
#include "sp1/air/riscv/range_chip.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using air::ByteOpcode;
using air::Felt;
using air::InteractionKind;

constexpr size_t kMinRowsPerPart = 4096;

// One send of kind Byte ([opcode, a, b, c]) or Program ([pc limbs, instruction]),
// its values read through `value(k)`.
template <class Value>
void add_send(InteractionKind kind, uint64_t multiplicity, Value&& value, LookupCounts& out) {
  if (multiplicity == 0) return;
  if (kind == InteractionKind::Program) {
    const uint64_t limbs[3] = {value(0), value(1), value(2)};
    if (limbs[0] > 0xFFFF || limbs[1] > 0xFFFF || limbs[2] > 0xFFFF) {
      ++out.uncounted;
      return;
    }
    out.pcs[limbs[0] | limbs[1] << 16 | limbs[2] << 32] += multiplicity;
    return;
  }
  if (kind != InteractionKind::Byte) return;
  const uint64_t op = value(0), a = value(1), b = value(2), c = value(3);
  bool in_table = false;
  if (op == uint64_t(ByteOpcode::Range))
    in_table = b <= air::RangeChip::kMaxBits && (a >> b) == 0 && c == 0;
  else if (op < air::kNumByteOps)
    in_table = a <= 0xFFFF && b <= 0xFF && c <= 0xFF;
  if (!in_table) {
    ++out.uncounted;
    return;
  }
  out.bytes[setup::ByteLookup{ByteOpcode(op), uint16_t(a), uint8_t(b), uint8_t(c)}] += multiplicity;
}

void merge(LookupCounts& into, const LookupCounts& part) {
  for (const auto& [k, n] : part.bytes) into.bytes[k] += n;
  for (const auto& [k, n] : part.pcs) into.pcs[k] += n;
  into.uncounted += part.uncounted;
}

}  // namespace

void count_lookups(const air::MachineChip& chip, const air::TraceView& trace, std::span<const Felt> public_values,
                   LookupCounts& out) {
  bool any = false;
  for (const air::ProgramInteraction& i : chip.program().sends)
    any = any || i.kind == InteractionKind::Byte || i.kind == InteractionKind::Program;
  if (!any || trace.rows == 0) return;
  const air::ConstraintProgram p = air::interactions_only(chip.program());
  const size_t w = chip.width(), pw = chip.preprocessed_width();
  std::mutex mutex;
  parallel_ranges(trace.rows, cpu_count(), kMinRowsPerPart, [&](size_t begin, size_t end) {
    air::ProgramRunner<Felt> runner(p);
    LookupCounts part;
    for (size_t r = begin; r < end; ++r) {
      runner.run(trace.main.subspan(r * w, w), trace.preprocessed.subspan(r * pw, pw), public_values);
      for (const air::ProgramInteraction& i : p.sends)
        add_send(i.kind, runner.multiplicity(i).to_canonical(),
                 [&](size_t k) { return uint64_t(runner.value(i, k).to_canonical()); }, part);
    }
    const std::lock_guard lock(mutex);
    merge(out, part);
  });
}

void count_lookups(const air::RowEvaluation<Felt>& row, LookupCounts& out) {
  for (const auto& i : row.sends)
    add_send(i.kind, i.multiplicity.to_canonical(), [&](size_t k) { return uint64_t(i.values[k].to_canonical()); },
             out);
}

}  // namespace zkgpu::sp1::riscv
