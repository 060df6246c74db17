#include "sp1/riscv/alu_traces.hpp"

#include <cstdint>
#include <stdexcept>

#include "common/cpu_pool.hpp"
#include "common/parallel_ranges.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/add_sub.hpp"
#include "sp1/riscv/populate.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using rv::Features;
using rv::TrustMode;
using zkvm::InstrEvent;

// Rows per part of the parallel fill: a row takes well under a microsecond.
constexpr size_t kMinRowsPerPart = 2048;

// AddOperation / SubOperation::populate: the 64-bit result's limbs.
void fill_add(Row row, const rv::AddOperation<size_t>& c, uint64_t value) { put_word(row, c.value, value); }

// AddwOperation / SubwOperation::populate: the 32-bit result's limbs and its msb.
void fill_addw(Row row, const rv::AddwOperation<size_t>& c, uint32_t value) {
  put(row, c.value[0], value & 0xFFFF);
  put(row, c.value[1], value >> 16);
  put(row, c.msb.msb, value >> 31);
}

// One chip's trace: `fill(row, event)` writes an event's row (its columns as the
// Supervisor layout; the User column is written here).
template <class Chip, class Fill>
RiscvChipTrace generate(std::span<const InstrEvent> events, std::span<const uint32_t> rows,
                        const AluTraceOptions& options, Fill&& fill) {
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  const bool user = Chip::kMode == TrustMode::User;
  if (options.untrusted_programs_enabled != user) return t;  // SP1's num_rows: Some(0)
  t.rows = air::padded_height(rows.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, air::Felt::zero());
  parallel_ranges(rows.size(), cpu_count(), kMinRowsPerPart, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      const Row row(t.main.data() + r * t.width, t.width);
      const InstrEvent& e = events[rows[r]];
      fill(row, e);
      fill_cpu_state(row, Chip::kMain.state, e.clk, e.pc);
      fill_reader(row, Chip::kMain.adapter, e);
      put(row, Chip::kMain.is_real, 1);
      if (user) put(row, Chip::kIsTrusted, 1);
    }
  });
  return t;
}

template <template <TrustMode, Features> class Chip, class Fill>
RiscvChipTrace generate_in_mode(std::span<const InstrEvent> events, std::span<const uint32_t> rows,
                                const AluTraceOptions& options, Fill&& fill) {
  // The build (Features) changes constraints only, not the trace.
  if (options.mode == TrustMode::User)
    return generate<Chip<TrustMode::User, Features::Default>>(events, rows, options, fill);
  return generate<Chip<TrustMode::Supervisor, Features::Default>>(events, rows, options, fill);
}

template <template <class> class Layout>
constexpr auto kMap = air::col_map<Layout<size_t>>();

}  // namespace

RiscvChipTrace alu_trace(AluChipKind chip, std::span<const InstrEvent> events, const AluTraceOptions& options) {
  const std::vector<uint32_t> rows = events_of(chip, events);
  switch (chip) {
    case AluChipKind::Add:
      return generate_in_mode<rv::AddChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_add(row, kMap<rv::AddCols>.add_operation, e.b + e.c);
      });
    case AluChipKind::Addi:
      return generate_in_mode<rv::AddiChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_add(row, kMap<rv::AddiCols>.add_operation, e.b + e.c);
      });
    case AluChipKind::Addw:
      return generate_in_mode<rv::AddwChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_addw(row, kMap<rv::AddwCols>.addw_operation, uint32_t(e.b) + uint32_t(e.c));
      });
    case AluChipKind::Sub:
      return generate_in_mode<rv::SubChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_add(row, kMap<rv::SubCols>.sub_operation, e.b - e.c);
      });
    case AluChipKind::Subw:
      return generate_in_mode<rv::SubwChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_addw(row, kMap<rv::SubwCols>.subw_operation, uint32_t(e.b) - uint32_t(e.c));
      });
    default:
      throw std::invalid_argument("ALU trace: no trace generation for this chip yet");
  }
}

}  // namespace zkgpu::sp1::riscv
