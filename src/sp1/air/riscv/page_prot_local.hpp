// SP1 v6.4's PageProtLocal chip (crates/core/machine/src/memory/page_prot_local.rs):
// one row per page whose permissions a shard reads or sets
// (NUM_LOCAL_PAGE_PROT_ENTRIES_PER_ROW = 1). The row receives the page's record
// from before the shard's first access and sends the record after its last, so
// that the shard's PageProtAccess argument closes; both records also go to the
// Global chip (11 values: clock, page index, permissions, two zeros, whether it
// is the final record, whether the initial, and the PageProtAccess kind).
//
// Columns: page_idx 3 (4, 16 and 16 bits), initial/final clk high and low 4,
// initial/final permissions 2, is_real = 10 (SP1's NUM_PAGE_PROT_LOCAL_INIT_COLS,
// rv64im_costs.json). Constraints: the untrusted flag is 1, is_real a bit (the
// default build: and zero) = 3 / 2.
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct PageProtLocalCols {
  std::array<T, 3> page_idx;
  T initial_clk_high;
  T final_clk_high;
  T initial_clk_low;
  T final_clk_low;
  T initial_page_prot;
  T final_page_prot;
  T is_real;
};

template <Features F>
struct PageProtLocalChip {
  static constexpr const char* kName = "PageProtLocal";
  static constexpr auto kMain = col_map<PageProtLocalCols<size_t>>();
  static constexpr size_t kWidth = num_cols<PageProtLocalCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - b.constant(1));
    const E<B> is_real = b.main(c.is_real), zero = b.constant(0), one = b.constant(1);
    assert_bool(b, is_real);
    if constexpr (F == Features::Default) b.assert_zero(is_real);
    const std::array<E<B>, 3> page{b.main(c.page_idx[0]), b.main(c.page_idx[1]), b.main(c.page_idx[2])};
    const E<B> kind = b.constant(uint32_t(InteractionKind::PageProtAccess));
    const E<B> initial_high = b.main(c.initial_clk_high), initial_low = b.main(c.initial_clk_low);
    const E<B> final_high = b.main(c.final_clk_high), final_low = b.main(c.final_clk_low);
    const E<B> initial_prot = b.main(c.initial_page_prot), final_prot = b.main(c.final_page_prot);
    interact_values(b, Direction::Receive, InteractionKind::PageProtAccess,
                    {initial_high, initial_low, page[0], page[1], page[2], initial_prot}, is_real);
    interact_values(b, Direction::Send, InteractionKind::Global,
                    {initial_high, initial_low, page[0], page[1], page[2], initial_prot, zero, zero, zero, one, kind},
                    is_real);
    interact_values(b, Direction::Send, InteractionKind::Global,
                    {final_high, final_low, page[0], page[1], page[2], final_prot, zero, zero, one, zero, kind},
                    is_real);
    interact_values(b, Direction::Send, InteractionKind::PageProtAccess,
                    {final_high, final_low, page[0], page[1], page[2], final_prot}, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
