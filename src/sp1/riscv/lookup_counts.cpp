#include "sp1/riscv/lookup_counts.hpp"

#include <array>
#include <atomic>
#include <bit>
#include <climits>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

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

// The value a Byte table row holds for a lookup of (b, c): what a must be.
uint64_t byte_result(ByteOpcode op, uint64_t b, uint64_t c) {
  switch (op) {
    case ByteOpcode::AND: return b & c;
    case ByteOpcode::OR: return b | c;
    case ByteOpcode::XOR: return b ^ c;
    case ByteOpcode::LTU: return b < c;
    case ByteOpcode::MSB: return b >> 7;
    default: return 0;  // U8Range
  }
}

// The table row a Byte send [opcode, a, b, c] addresses, if any: a Range lookup
// of a value within its bits, or a Byte operation on two bytes (MSB's c is 0)
// with its result.
std::optional<setup::ByteLookup> byte_row(uint64_t op, uint64_t a, uint64_t b, uint64_t c) {
  if (op == uint64_t(ByteOpcode::Range)) {
    if (b > air::RangeChip::kMaxBits || (a >> b) != 0 || c != 0) return std::nullopt;
  } else if (op >= air::kNumByteOps || b > 0xFF || c > 0xFF || (op == uint64_t(ByteOpcode::MSB) && c != 0) ||
             a != byte_result(ByteOpcode(op), b, c)) {
    return std::nullopt;
  }
  return setup::ByteLookup{ByteOpcode(op), uint16_t(a), uint8_t(b), uint8_t(c)};
}

// A chip's Byte sends counted by table row from several threads at once (relaxed
// atomic additions, no map): Byte operations at (opcode << 16) + (b << 8) + c,
// then the Range table's rows 2^bits + a.
class ByteTally {
 public:
  void add(size_t index, uint64_t n) { std::atomic_ref(counts_[index]).fetch_add(n, std::memory_order_relaxed); }
  void add_to(setup::ByteLookupCounts& out) const {
    for (size_t i = 0; i < counts_.size(); ++i)
      if (counts_[i]) out[lookup(i)] += counts_[i];
  }
  static size_t index(const setup::ByteLookup& l) {
    if (l.opcode == ByteOpcode::Range) return kRangeBase + (size_t(1) << l.b) + l.a;
    return size_t(l.opcode) << 16 | size_t(l.b) << 8 | l.c;
  }

 private:
  static constexpr size_t kRangeBase = air::kNumByteOps << 16;
  static setup::ByteLookup lookup(size_t i) {
    if (i >= kRangeBase) {
      const size_t row = i - kRangeBase;
      const unsigned bits = unsigned(std::bit_width(row)) - 1;
      return {ByteOpcode::Range, uint16_t(row - (size_t(1) << bits)), uint8_t(bits), 0};
    }
    const auto op = ByteOpcode(i >> 16);
    const uint8_t b = uint8_t(i >> 8), c = uint8_t(i);
    return {op, uint16_t(byte_result(op, b, c)), b, c};
  }
  std::vector<uint64_t> counts_ = std::vector<uint64_t>(kRangeBase + (size_t(1) << air::RangeChip::kLogRows));
};

// One thread's front for a ByteTally: counts combine in a small direct-mapped
// table and reach the shared atomics only when their slot is taken by another
// row, or at the end. Hot rows (range checks of 0, a byte AND of 0xFF) otherwise
// bounce one cache line between all threads: on 16 cores counting took 6x the
// CPU time it takes on 2.
class LocalTally {
 public:
  explicit LocalTally(ByteTally& shared) : shared_(shared) { keys_.fill(kEmpty); }
  ~LocalTally() {
    for (size_t s = 0; s < kSlots; ++s)
      if (keys_[s] != kEmpty) shared_.add(keys_[s], counts_[s]);
  }
  LocalTally(const LocalTally&) = delete;
  LocalTally& operator=(const LocalTally&) = delete;

  void add(const setup::ByteLookup& l, uint64_t n) {
    const size_t index = ByteTally::index(l);
    const size_t slot = size_t((index * 0x9E3779B97F4A7C15ull) >> (64 - kLogSlots));
    if (keys_[slot] != index) {
      if (keys_[slot] != kEmpty) shared_.add(keys_[slot], counts_[slot]);
      keys_[slot] = index;
      counts_[slot] = 0;
    }
    counts_[slot] += n;
  }

 private:
  static constexpr unsigned kLogSlots = 12;
  static constexpr size_t kSlots = size_t(1) << kLogSlots;
  static constexpr size_t kEmpty = SIZE_MAX;
  ByteTally& shared_;
  std::array<size_t, kSlots> keys_;
  std::array<uint64_t, kSlots> counts_{};
};

// One send of kind Byte ([opcode, a, b, c]) or Program ([pc limbs, instruction]),
// its values read through `value(k)`; a Byte send goes to `byte(lookup, n)`.
template <class Value, class Byte>
void add_send(InteractionKind kind, uint64_t multiplicity, Value&& value, Byte&& byte, LookupCounts& out) {
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
  const std::optional<setup::ByteLookup> row = byte_row(value(0), value(1), value(2), value(3));
  if (row)
    byte(*row, multiplicity);
  else
    ++out.uncounted;
}

// The chip's program reduced to its Byte and Program sends (what the tables
// receive): the nodes only other interactions and the constraints need are not
// evaluated.
air::ConstraintProgram table_sends(const air::ConstraintProgram& chip) {
  air::ConstraintProgram p = chip;
  p.constraints.clear();
  p.receives.clear();
  p.sends.clear();
  p.interaction_values.clear();
  for (air::ProgramInteraction i : chip.sends) {
    if (i.kind != InteractionKind::Byte && i.kind != InteractionKind::Program) continue;
    const uint32_t begin = uint32_t(p.interaction_values.size());
    for (uint32_t k = 0; k < i.values_count; ++k)
      p.interaction_values.push_back(chip.interaction_values[i.values_begin + k]);
    i.values_begin = begin;
    p.sends.push_back(i);
  }
  air::prune(p);
  return p;
}

}  // namespace

void count_lookups(const air::MachineChip& chip, const air::TraceView& trace, std::span<const Felt> public_values,
                   LookupCounts& out) {
  if (trace.rows == 0) return;
  const air::ConstraintProgram p = table_sends(chip.program());
  if (p.sends.empty()) return;
  const size_t w = chip.width(), pw = chip.preprocessed_width();
  ByteTally tally;
  std::mutex mutex;
  parallel_ranges(trace.rows, cpu_count(), kMinRowsPerPart, [&](size_t begin, size_t end) {
    air::ProgramRunner<Felt> runner(p);
    LookupCounts part;
    const auto local = std::make_unique<LocalTally>(tally);  // 64 KB: not on the pool thread's stack
    for (size_t r = begin; r < end; ++r) {
      runner.run(trace.main.subspan(r * w, w), trace.preprocessed.subspan(r * pw, pw), public_values);
      for (const air::ProgramInteraction& i : p.sends)
        add_send(i.kind, runner.multiplicity(i).to_canonical(),
                 [&](size_t k) { return uint64_t(runner.value(i, k).to_canonical()); },
                 [&](const setup::ByteLookup& l, uint64_t n) { local->add(l, n); }, part);
    }
    const std::lock_guard lock(mutex);
    add_counts(part, out);
  });
  tally.add_to(out.bytes);
}

void add_counts(const LookupCounts& part, LookupCounts& into) {
  for (const auto& [k, n] : part.bytes) into.bytes[k] += n;
  for (const auto& [k, n] : part.pcs) into.pcs[k] += n;
  into.uncounted += part.uncounted;
}

void count_lookups(const air::RowEvaluation<Felt>& row, LookupCounts& out) {
  for (const auto& i : row.sends)
    add_send(i.kind, i.multiplicity.to_canonical(), [&](size_t k) { return uint64_t(i.values[k].to_canonical()); },
             [&](const setup::ByteLookup& l, uint64_t n) { out.bytes[l] += n; }, out);
}

}  // namespace zkgpu::sp1::riscv
