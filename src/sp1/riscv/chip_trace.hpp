// What every RISC-V chip's trace generation shares: the trace, the options
// (trust mode, the program's untrusted-code flag, a shape's height), and the
// generators that fill one row per event in parallel (for an instruction chip,
// CPUState, the reader and the User column here, the chip's own columns through
// `fill`), then SP1's padding rows (zero unless `pad` writes), as SP1's
// generate_trace_into does.
//
// Trust modes: a Supervisor chip has no rows when the program enables untrusted
// code, a User chip none when it does not (SP1's num_rows). A User chip's row has
// is_trusted = 0 for an instruction fetched from memory (untrusted code).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/cpu_pool.hpp"
#include "common/parallel_ranges.hpp"
#include "sp1/air/padding.hpp"
#include "sp1/air/riscv/columns.hpp"
#include "sp1/riscv/populate.hpp"
#include "zkvm/shard.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {

struct RiscvChipTrace {
  std::string_view name;  // SP1's chip name (RiscvAir::name)
  size_t width = 0;
  size_t rows = 0;
  std::vector<air::Felt> main;  // rows x width, row-major
};

struct RiscvTraceOptions {
  air::riscv::TrustMode mode = air::riscv::TrustMode::Supervisor;
  bool untrusted_programs_enabled = false;  // the program's (SP1 Program::enable_untrusted_programs)
  std::optional<size_t> fixed_height;       // a shape's height
  // The trap context's three slots, which the trapping chips' rows carry: the
  // public values' under `mprotect`, zero in the default build (SP1 fills them
  // under its `mprotect` feature only).
  std::array<uint64_t, 3> trap_context{};
  // The `mprotect` build's public untrusted-memory region [start, end), which the
  // Mprotect chip copies into its rows; unset in the default build (SP1 leaves
  // those columns zero there).
  std::optional<std::array<uint64_t, 2>> untrusted_memory;
};

// The shard's calls of the precompiles `codes` (one chip's) in its order, each with
// the number of memory accesses the chip expects: `accesses`, or, for a call that
// trapped on a page check (user mode), `trapped_accesses` (what it read before
// its checks).
inline std::vector<const zkvm::PrecompileEvent*> precompile_calls(const zkvm::ShardRecord& shard,
                                                                  std::initializer_list<uint32_t> codes,
                                                                  size_t accesses, size_t trapped_accesses = 0) {
  std::vector<const zkvm::PrecompileEvent*> out;
  for (const zkvm::PrecompileEvent& p : shard.precompiles) {
    if (std::find(codes.begin(), codes.end(), p.syscall.code) == codes.end()) continue;
    const size_t expected = p.syscall.trap_result ? trapped_accesses : accesses;
    if (p.memory.size() != expected)
      throw std::invalid_argument(std::string(zkvm::syscall_name(p.syscall.code)) + " call at clk " +
                                  std::to_string(p.syscall.clk) + (p.syscall.trap_result ? " (trapped)" : "") +
                                  " has " + std::to_string(p.memory.size()) + " memory accesses, not " +
                                  std::to_string(expected));
    out.push_back(&p);
  }
  return out;
}

inline std::vector<const zkvm::PrecompileEvent*> precompile_calls(const zkvm::ShardRecord& shard, uint32_t code,
                                                                  size_t accesses, size_t trapped_accesses = 0) {
  return precompile_calls(shard, {code}, accesses, trapped_accesses);
}

namespace detail {

using rv::Features;
using rv::TrustMode;
using zkvm::InstrEvent;

// Rows per part of the parallel fill: a row takes well under a microsecond.
constexpr size_t kMinRowsPerPart = 2048;

template <template <class> class Layout>
constexpr auto kMap = air::col_map<Layout<size_t>>();

// SP1's num_rows for a chip of a trust mode: none unless the program's mode.
inline bool has_rows(TrustMode chip_mode, const RiscvTraceOptions& options) {
  return options.untrusted_programs_enabled == (chip_mode == TrustMode::User);
}

// One chip's trace: `fill(row, event)` writes an event's operation and flag
// columns; the CPU state, the reader and the User column are written here.
template <class Chip, class Fill, class Pad>
RiscvChipTrace generate(std::span<const InstrEvent> events, std::span<const uint32_t> rows,
                        const RiscvTraceOptions& options, Fill&& fill, Pad&& pad) {
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  const bool user = Chip::kMode == TrustMode::User;
  if (!has_rows(Chip::kMode, options)) return t;
  t.rows = air::padded_height(rows.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, air::Felt::zero());
  parallel_ranges(rows.size(), cpu_count(), kMinRowsPerPart, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      const Row row(t.main.data() + r * t.width, t.width);
      const InstrEvent& e = events[rows[r]];
      fill(row, e);
      fill_cpu_state(row, Chip::kMain.state, e.clk, e.pc);
      fill_reader(row, Chip::kMain.adapter, e);
      if (user) put(row, Chip::kIsTrusted, !e.untrusted);
    }
  });
  for (size_t r = rows.size(); r < t.rows; ++r) pad(Row(t.main.data() + r * t.width, t.width));
  return t;
}

// Padding rows are zero, except where `pad` writes.
template <template <TrustMode, Features> class Chip, class Fill, class Pad = void (*)(Row)>
RiscvChipTrace generate_in_mode(std::span<const InstrEvent> events, std::span<const uint32_t> rows,
                                const RiscvTraceOptions& options, Fill&& fill, Pad&& pad = [](Row) {}) {
  // The build (Features) changes constraints only, not the trace.
  if (options.mode == TrustMode::User)
    return generate<Chip<TrustMode::User, Features::Default>>(events, rows, options, fill, pad);
  return generate<Chip<TrustMode::Supervisor, Features::Default>>(events, rows, options, fill, pad);
}

// A chip whose rows come from a shard's events of another kind than
// instructions (local memory, bumps, ECALLs, syscalls): one row per event, filled
// in parallel, then zero padding rows up to SP1's height; none for a chip with a
// trust mode other than the program's.
template <class Chip, class Event, class Fill>
RiscvChipTrace event_chip_trace(std::span<const Event> events, const RiscvTraceOptions& options, Fill&& fill) {
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  if constexpr (requires { Chip::kMode; })
    if (!has_rows(Chip::kMode, options)) return t;
  t.rows = air::padded_height(events.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, air::Felt::zero());
  parallel_ranges(events.size(), cpu_count(), kMinRowsPerPart, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) fill(Row(t.main.data() + r * t.width, t.width), events[r]);
  });
  return t;
}

// A chip that asserts the program enables untrusted code on every row, padding
// included (InstructionFetch, InstructionDecode, SigReturn): no rows without it.
// SP1 includes these chips only with events, which only such a program has.
template <class Chip, class Event, class Fill>
RiscvChipTrace untrusted_only_trace(std::span<const Event> events, const RiscvTraceOptions& options, Fill&& fill) {
  if (!options.untrusted_programs_enabled) {
    if (!events.empty())
      throw std::invalid_argument(std::string(Chip::kName) + " events in a program without untrusted code");
    RiscvChipTrace t;
    t.name = Chip::kName;
    t.width = Chip::kWidth;
    return t;
  }
  return event_chip_trace<Chip>(events, options, std::forward<Fill>(fill));
}

}  // namespace detail

}  // namespace zkgpu::sp1::riscv
