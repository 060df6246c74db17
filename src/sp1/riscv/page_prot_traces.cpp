#include "sp1/riscv/page_prot_traces.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/mprotect.hpp"
#include "sp1/air/riscv/page_prot_chip.hpp"
#include "sp1/air/riscv/page_prot_global.hpp"
#include "sp1/air/riscv/page_prot_local.hpp"
#include "sp1/riscv/memory_events.hpp"
#include "sp1/riscv/page_prot_populate.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using rv::Features;
constexpr uint64_t kWordMask = ~uint64_t(7);

// One page check of the PageProt chip (SP1's PageProtEvent): the access's clock,
// its word's address, the permissions it needs and its page's record before it.
struct PageCheck {
  uint64_t clk = 0, addr = 0;
  uint8_t permissions = 0;
  const zkvm::PageProtRecord* prev = nullptr;
};

void fill_check(Row row, const rv::SinglePageProtCols<size_t>& c, const PageCheck& e) {
  put(row, c.clk_high, e.clk >> 24);
  put(row, c.clk_low, e.clk & 0xFFFFFF);
  put_limbs(row, c.addr, e.addr);
  put(row, c.permissions, e.permissions);
  put(row, c.is_real, 1);
  fill_page_prot_operation(row, c.page_prot_op, e.addr, e.clk, *e.prev);
}

// The shard's page checks in SP1's order: its load and store event lists, then
// the untrusted fetches (which need read and execute).
std::vector<PageCheck> page_checks(const zkvm::ShardRecord& shard) {
  if (shard.memory_page_prot.size() != shard.memory.size())
    throw std::invalid_argument("PageProt: " + std::to_string(shard.memory.size()) + " loads and stores but " +
                                std::to_string(shard.memory_page_prot.size()) + " page records");
  std::vector<PageCheck> out;
  using K = MemoryChipKind;
  for (const K kind : {K::LoadByte, K::StoreByte, K::LoadWord, K::StoreWord, K::LoadDouble, K::StoreDouble,
                       K::LoadHalf, K::StoreHalf, K::LoadX0}) {
    const bool store = kind == K::StoreByte || kind == K::StoreHalf || kind == K::StoreWord || kind == K::StoreDouble;
    for (const uint32_t i : events_of(kind, shard.memory)) {
      const zkvm::InstrEvent& e = shard.memory[i];
      out.push_back({e.clk + uint64_t(zkvm::Position::memory), (e.b + e.c) & kWordMask,
                     store ? zkvm::kProtWrite : zkvm::kProtRead, &shard.memory_page_prot[i]});
    }
  }
  for (const zkvm::PageProtFetch& f : shard.fetch_page_prot)
    out.push_back({f.clk, f.pc & kWordMask, uint8_t(zkvm::kProtRead | zkvm::kProtExec), &f.prev_page_prot});
  return out;
}

// An empty trace of a chip that has rows only for a program with untrusted code;
// SP1 asserts such a chip has no records otherwise.
template <class Chip>
RiscvChipTrace without_untrusted_code(size_t records) {
  if (records)
    throw std::invalid_argument(std::string(Chip::kName) + ": " + std::to_string(records) +
                                " records in a program without untrusted code");
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  return t;
}

void fill_mprotect(Row row, const zkvm::PrecompileEvent& call, const RiscvTraceOptions& options) {
  const auto& c = rv::MprotectChip<Features::Default>::kMain;
  const uint64_t addr = call.syscall.arg1;
  if (call.page_prot_local.size() != 1)
    throw std::invalid_argument("MPROTECT at clk " + std::to_string(call.syscall.clk) + " has " +
                                std::to_string(call.page_prot_local.size()) + " page records, not 1");
  const zkvm::PageProtLocalEvent& page = call.page_prot_local[0];
  const uint64_t clk = page.final_access.timestamp;
  const uint8_t prot = page.final_access.page_prot;
  put(row, c.clk_high, clk >> 24);
  put(row, c.clk_low, clk & 0xFFFFFF);
  put_limbs(row, c.addr, addr);
  put(row, c.addr_12_bits, addr & 0xFFF);
  put(row, c.addr_4_bits, (addr >> 12) & 0xF);
  put(row, c.prot, prot);
  put(row, c.prot_read, (prot & zkvm::kProtRead) != 0);
  put(row, c.prot_write, (prot & zkvm::kProtWrite) != 0);
  put(row, c.prot_exec, (prot & zkvm::kProtExec) != 0);
  fill_page_prot_access(row, c.page_prot_access, page.initial_access, clk);
  put(row, c.is_real, 1);
  if (!options.untrusted_memory) return;
  for (size_t i = 0; i < 2; ++i) {
    const uint64_t bound = (*options.untrusted_memory)[i];
    put_limbs(row, c.untrusted_memory[i], bound);
    // untrusted_memory[0] <= addr (not less), addr < untrusted_memory[1].
    fill_lt_unsigned(row, c.addr_range_check[i], addr < bound, addr, bound);
  }
}

// split_page_idx: a page index's limbs of 4, 16 and 16 bits.
void put_page_idx(Row row, const std::array<size_t, 3>& cols, uint64_t page_idx) {
  put(row, cols[0], page_idx & 0xF);
  put(row, cols[1], (page_idx >> 4) & 0xFFFF);
  put(row, cols[2], (page_idx >> 20) & 0xFFFF);
}

Felt page_idx_limb_sum(uint64_t page_idx) {
  return Felt::from_canonical(page_idx & 0xF) + Felt::from_canonical((page_idx >> 4) & 0xFFFF) +
         Felt::from_canonical((page_idx >> 20) & 0xFFFF);
}

void fill_page_prot_local(Row row, const zkvm::PageProtLocalEvent& e) {
  const auto& c = rv::PageProtLocalChip<Features::Default>::kMain;
  put_page_idx(row, c.page_idx, e.page_idx);
  put(row, c.initial_clk_high, e.initial_access.timestamp >> 24);
  put(row, c.final_clk_high, e.final_access.timestamp >> 24);
  put(row, c.initial_clk_low, e.initial_access.timestamp & 0xFFFFFF);
  put(row, c.final_clk_low, e.final_access.timestamp & 0xFFFFFF);
  put(row, c.initial_page_prot, e.initial_access.page_prot);
  put(row, c.final_page_prot, e.final_access.page_prot);
  put(row, c.is_real, 1);
}

// A global page row and the page index before it (the previous row's, or the
// shard's previous index for the first).
struct GlobalPageRow {
  const zkvm::PageProtInitFinalizeEvent* event;
  uint64_t prev_page_idx;
  uint32_t index;
};

void fill_global_page(Row row, const GlobalPageRow& r) {
  const auto& c = rv::PageProtGlobalChip<rv::MemoryGlobalKind::Initialize, Features::Default>::kMain;
  const zkvm::PageProtInitFinalizeEvent& e = *r.event;
  put_page_idx(row, c.page_idx, e.page_idx);
  put(row, c.clk_high, e.timestamp >> 24);
  put(row, c.clk_low, e.timestamp & 0xFFFFFF);
  put(row, c.page_prot, e.page_prot);
  put(row, c.is_real, 1);
  put(row, c.prev_valid, !(r.prev_page_idx == 0 && r.index != 0));
  put(row, c.index, r.index);
  put_page_idx(row, c.prev_page_idx, r.prev_page_idx);
  fill_is_zero(row, c.is_page_idxes_zero, page_idx_limb_sum(r.prev_page_idx) + page_idx_limb_sum(e.page_idx));
  fill_is_zero(row, c.is_index_zero, Felt::from_canonical(r.index));
  const bool compares = r.prev_page_idx != 0 || e.page_idx != 0 || r.index != 0;
  put(row, c.is_comp, compares);
  // Limb 0 (4 bits) shifted up by 12, as the chip compares u16 limbs.
  if (compares) fill_lt_unsigned(row, c.lt_cols, true, r.prev_page_idx << 12, e.page_idx << 12);
}

}  // namespace

RiscvChipTrace page_prot_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  using Chip = rv::PageProtChip<Features::Default>;
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  if (!options.untrusted_programs_enabled) return t;
  const std::vector<PageCheck> checks = page_checks(shard);
  constexpr size_t kPerRow = rv::kPageProtChecksPerRow;
  t.rows = air::padded_height((checks.size() + kPerRow - 1) / kPerRow, options.fixed_height);
  t.main.assign(t.rows * t.width, Felt::zero());
  parallel_ranges(checks.size(), cpu_count(), detail::kMinRowsPerPart, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i)
      fill_check(Row(t.main.data() + i / kPerRow * t.width, t.width), Chip::kMain.page_prot_entries[i % kPerRow],
                 checks[i]);
  });
  return t;
}

RiscvChipTrace mprotect_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  using Chip = rv::MprotectChip<Features::Default>;
  const std::vector<const zkvm::PrecompileEvent*> calls = precompile_calls(shard, zkvm::sys::MPROTECT, 0);
  if (!options.untrusted_programs_enabled) return without_untrusted_code<Chip>(calls.size());
  return detail::event_chip_trace<Chip>(
      std::span<const zkvm::PrecompileEvent* const>(calls), options,
      [&](Row row, const zkvm::PrecompileEvent* call) { fill_mprotect(row, *call, options); });
}

RiscvChipTrace page_prot_local_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  using Chip = rv::PageProtLocalChip<Features::Default>;
  std::vector<const zkvm::PageProtLocalEvent*> events;
  for (const zkvm::PrecompileEvent& p : shard.precompiles)
    for (const zkvm::PageProtLocalEvent& e : p.page_prot_local) events.push_back(&e);
  for (const zkvm::PageProtLocalEvent& e : shard.page_prot_local) events.push_back(&e);
  if (!options.untrusted_programs_enabled) return without_untrusted_code<Chip>(events.size());
  return detail::event_chip_trace<Chip>(std::span<const zkvm::PageProtLocalEvent* const>(events), options,
                                        [](Row row, const zkvm::PageProtLocalEvent* e) { fill_page_prot_local(row, *e); });
}

RiscvChipTrace page_prot_global_trace(rv::MemoryGlobalKind kind, const zkvm::ShardRecord& shard,
                                      const RiscvTraceOptions& options) {
  using Init = rv::PageProtGlobalChip<rv::MemoryGlobalKind::Initialize, Features::Default>;
  using Finalize = rv::PageProtGlobalChip<rv::MemoryGlobalKind::Finalize, Features::Default>;
  const bool init = kind == rv::MemoryGlobalKind::Initialize;
  const auto& source = init ? shard.page_prot_initialize : shard.page_prot_finalize;
  if (!options.untrusted_programs_enabled)
    return init ? without_untrusted_code<Init>(source.size()) : without_untrusted_code<Finalize>(source.size());
  std::vector<const zkvm::PageProtInitFinalizeEvent*> events;
  for (const auto& e : source) events.push_back(&e);
  std::sort(events.begin(), events.end(), [](const auto* x, const auto* y) { return x->page_idx < y->page_idx; });
  std::vector<GlobalPageRow> rows;
  uint64_t prev =
      init ? shard.public_values.previous_init_page_idx : shard.public_values.previous_finalize_page_idx;
  for (const auto* e : events) {
    if (e->page_idx >> 36) throw std::invalid_argument("global page event of page " + std::to_string(e->page_idx));
    if (!rows.empty() && e->page_idx <= prev)
      throw std::invalid_argument("global page events of page " + std::to_string(e->page_idx) + " do not increase");
    rows.push_back({e, prev, uint32_t(rows.size())});
    prev = e->page_idx;
  }
  const auto fill = [](Row row, const GlobalPageRow& r) { fill_global_page(row, r); };
  if (init) return detail::event_chip_trace<Init>(std::span<const GlobalPageRow>(rows), options, fill);
  return detail::event_chip_trace<Finalize>(std::span<const GlobalPageRow>(rows), options, fill);
}

}  // namespace zkgpu::sp1::riscv
