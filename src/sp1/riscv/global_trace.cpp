#include "sp1/riscv/global_trace.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>

#include "sp1/air/chips/poseidon2_row.hpp"
#include "sp1/air/riscv/global.hpp"
#include "sp1/riscv/trap_populate.hpp"

namespace zkgpu::sp1::riscv {

namespace {

namespace septic = air::septic;

constexpr auto kCols = air::col_map<rv::GlobalCols<size_t>>();
constexpr uint8_t kMemory = uint8_t(air::InteractionKind::Memory);
constexpr uint8_t kSyscall = uint8_t(air::InteractionKind::Syscall);
constexpr uint8_t kPageProtAccess = uint8_t(air::InteractionKind::PageProtAccess);

uint32_t limb(uint64_t x, unsigned k) { return uint32_t((x >> (16 * k)) & 0xFFFF); }

// A syscall as SyscallChip sends it to the Global chip: its trap code (0 but for
// a call that trapped on a page check) above arg1's limb 1.
GlobalEvent syscall_message(const zkvm::SyscallEvent& e, bool is_receive) {
  return {{uint32_t(e.clk >> 24), uint32_t(e.clk & 0xFFFFFF), (e.code & 0xFF) + (limb(e.arg1, 0) << 8),
           limb(e.arg1, 1) + uint32_t(syscall_trap_code(e) << 16), limb(e.arg1, 2), limb(e.arg2, 0), limb(e.arg2, 1),
           limb(e.arg2, 2)},
          is_receive,
          kSyscall};
}

// A memory record: its clock, address, and value with limb 2's bytes folded into
// limbs 0 and 1 above bit 16.
GlobalEvent memory_message(uint64_t timestamp, uint64_t addr, uint64_t value, bool is_receive) {
  return {{uint32_t(timestamp >> 24), uint32_t(timestamp & 0xFFFFFF), limb(addr, 0), limb(addr, 1), limb(addr, 2),
           limb(value, 0) | uint32_t((value >> 32) & 0xFF) << 16, limb(value, 1) | uint32_t((value >> 40) & 0xFF) << 16,
           limb(value, 3)},
          is_receive,
          kMemory};
}

// A page's permission record: its clock, page index (4, 16 and 16 bits), permissions.
GlobalEvent page_prot_message(uint64_t timestamp, uint64_t page_idx, uint8_t page_prot, bool is_receive) {
  return {{uint32_t(timestamp >> 24), uint32_t(timestamp & 0xFFFFFF), uint32_t(page_idx & 0xF),
           uint32_t((page_idx >> 4) & 0xFFFF), uint32_t((page_idx >> 20) & 0xFFFF), page_prot, 0, 0},
          is_receive,
          kPageProtAccess};
}

void put_septic(Row row, const rv::SepticBlock<size_t>& cols, const septic::Element& e) {
  for (size_t i = 0; i < 7; ++i) row[cols[i]] = e[i];
}

// GlobalInteractionOperation::get_digest: the message, word 0 tagged with its
// kind, lifted to the curve.
septic::Lift lift_message(const GlobalEvent& e) {
  std::array<Felt, 8> tagged;
  for (size_t i = 0; i < 8; ++i) tagged[i] = Felt::from_canonical(e.message[i]);
  tagged[0] = tagged[0] + Felt::from_canonical(uint32_t(e.kind) << 24);
  return septic::lift_x(tagged);
}

// GlobalInteractionOperation::populate (a send's point negated) and
// populate_dummy (no event: the dummy point, the permutation of zeros).
void fill_interaction(Row row, const GlobalEvent* e, const septic::Lift* lift, const septic::Point& point) {
  const auto& c = kCols.interaction;
  put_septic(row, c.x_coordinate, point.x);
  put_septic(row, c.y_coordinate, point.y);
  std::array<Felt, 16> input{};
  if (e) {
    input = lift->input;
    put(row, c.offset, lift->offset);
    const uint32_t y6 = point.y[6].to_canonical();
    const uint32_t range = e->is_receive ? y6 - 1 : Felt::kP - y6 - 1;
    for (size_t i = 0; i < 4; ++i) put(row, c.y6_byte_decomp[i], (range >> (8 * i)) & 0xFF);
  }
  air::populate_poseidon2(input, c.permutation, row);
}

// The running sums digest_zero + points[0] + ... + points[i - 1] for i = 0..n, in
// parallel: each part's sum first (the complete group law, from infinity), then
// the sums before each part, then every part's running sums from its start. The
// group law is associative and the affine points are unique, so the sums are
// those of the sequential chain.
std::vector<septic::Point> running_sums(std::span<const septic::Point> points) {
  constexpr size_t kMinPerPart = 4096;
  const size_t n = points.size();
  const size_t parts = std::clamp<size_t>(n / kMinPerPart, 1, cpu_count());
  const auto begin_of = [&](size_t p) { return n * p / parts; };
  std::vector<septic::MaybePoint> part_sums(parts);
  if (parts > 1)
    parallel_ranges(parts, parts, 1, [&](size_t first, size_t last) {
      for (size_t p = first; p < last; ++p)
        for (size_t i = begin_of(p); i < begin_of(p + 1); ++i) part_sums[p] = septic::add(part_sums[p], points[i]);
    });
  std::vector<septic::Point> sums(n + 1);
  sums[0] = septic::digest_zero();
  std::vector<septic::MaybePoint> starts(parts);
  starts[0] = sums[0];
  for (size_t p = 1; p < parts; ++p) starts[p] = septic::add(starts[p - 1], part_sums[p - 1]);
  parallel_ranges(parts, parts, 1, [&](size_t first, size_t last) {
    for (size_t p = first; p < last; ++p) {
      septic::MaybePoint s = starts[p];
      for (size_t i = begin_of(p); i < begin_of(p + 1); ++i) {
        if (s) s = septic::add(s, points[i]);
        if (!s) throw std::runtime_error("Global trace: the running sum reaches the point at infinity");
        sums[i + 1] = *s;
      }
    }
  });
  return sums;
}

}  // namespace

std::vector<GlobalEvent> global_events(const zkvm::ShardRecord& shard) {
  std::vector<GlobalEvent> out;
  for (const zkvm::SyscallEvent& e : shard.syscalls)
    if ((e.code >> 8) & 0xFF) out.push_back(syscall_message(e, false));
  for (const zkvm::PrecompileEvent& p : shard.precompiles) out.push_back(syscall_message(p.syscall, true));
  const auto page_local = [&](const zkvm::PageProtLocalEvent& e) {
    out.push_back(page_prot_message(e.initial_access.timestamp, e.page_idx, e.initial_access.page_prot, true));
    out.push_back(page_prot_message(e.final_access.timestamp, e.page_idx, e.final_access.page_prot, false));
  };
  for (const zkvm::PrecompileEvent& p : shard.precompiles)
    for (const auto& e : p.page_prot_local) page_local(e);
  for (const auto& e : shard.page_prot_local) page_local(e);
  for (const auto* list : {&shard.memory_initialize, &shard.memory_finalize}) {
    const bool init = list == &shard.memory_initialize;
    std::vector<const zkvm::MemoryInitFinalizeEvent*> sorted;
    for (const auto& e : *list) sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](const auto* x, const auto* y) { return x->addr < y->addr; });
    for (const auto* e : sorted) out.push_back(memory_message(init ? 0 : e->timestamp, e->addr, e->value, !init));
  }
  for (const auto* list : {&shard.page_prot_initialize, &shard.page_prot_finalize}) {
    const bool init = list == &shard.page_prot_initialize;
    std::vector<const zkvm::PageProtInitFinalizeEvent*> sorted;
    for (const auto& e : *list) sorted.push_back(&e);
    std::sort(sorted.begin(), sorted.end(), [](const auto* x, const auto* y) { return x->page_idx < y->page_idx; });
    for (const auto* e : sorted) out.push_back(page_prot_message(init ? 0 : e->timestamp, e->page_idx, e->page_prot, !init));
  }
  const auto local = [&](const zkvm::MemoryLocalEvent& e) {
    out.push_back(memory_message(e.initial_timestamp, e.addr, e.initial_value, true));
    out.push_back(memory_message(e.final_timestamp, e.addr, e.final_value, false));
  };
  for (const zkvm::PrecompileEvent& p : shard.precompiles)
    for (const auto& e : p.memory_local) local(e);
  for (const auto& e : shard.memory_local) local(e);
  return out;
}

GlobalTrace global_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<GlobalEvent> events = global_events(shard);
  // Each event's point (negated for a send) and the running sums from the start digest.
  std::vector<septic::Lift> lifts(events.size());
  std::vector<septic::Point> points(events.size());
  parallel_ranges(events.size(), cpu_count(), 256, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      lifts[i] = lift_message(events[i]);
      points[i] = events[i].is_receive ? lifts[i].point : septic::negate(lifts[i].point);
    }
  });
  const std::vector<septic::Point> sums = running_sums(points);
  const septic::Point dummy = septic::witness_dummy();
  const septic::Point padded_sum = septic::add_incomplete(septic::digest_zero(), dummy);

  GlobalTrace out;
  RiscvChipTrace& t = out.trace;
  t.name = rv::GlobalChip::kName;
  t.width = rv::GlobalChip::kWidth;
  t.rows = air::padded_height(events.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, Felt::zero());
  const auto& c = kCols;
  parallel_ranges(t.rows, cpu_count(), 256, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      const Row row(t.main.data() + r * t.width, t.width);
      const auto& acc = c.accumulation;
      if (r < events.size()) {
        const GlobalEvent& e = events[r];
        for (size_t i = 0; i < 8; ++i) put(row, c.message[i], e.message[i]);
        put(row, c.kind, e.kind);
        put(row, c.index, r);
        put(row, c.is_real, 1);
        put(row, c.is_receive, e.is_receive);
        put(row, c.is_send, !e.is_receive);
        put(row, c.message_0_16bit_limb, e.message[0] & 0xFFFF);
        put(row, c.message_0_8bit_limb, (e.message[0] >> 16) & 0xFF);
        fill_interaction(row, &e, &lifts[r], points[r]);
        put_septic(row, acc.initial_digest[0], sums[r].x);
        put_septic(row, acc.initial_digest[1], sums[r].y);
        put_septic(row, acc.cumulative_sum[0], sums[r + 1].x);
        put_septic(row, acc.cumulative_sum[1], sums[r + 1].y);
      } else {
        fill_interaction(row, nullptr, nullptr, dummy);
        put_septic(row, acc.initial_digest[0], sums[0].x);
        put_septic(row, acc.initial_digest[1], sums[0].y);
        put_septic(row, acc.cumulative_sum[0], padded_sum.x);
        put_septic(row, acc.cumulative_sum[1], padded_sum.y);
      }
    }
  });
  out.cumulative_sum = sums.back();
  return out;
}

}  // namespace zkgpu::sp1::riscv
