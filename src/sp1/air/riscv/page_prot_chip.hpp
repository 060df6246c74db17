// SP1 v6.4's PageProt chip (crates/core/machine/src/memory/page_prot.rs): the
// answer to the User load, store and instruction-fetch chips' PageProt lookups
// ([clk_high, clk_low, address (3), permissions needed]). Four checks a row
// (NUM_PAGE_PROT_ENTRIES_PER_ROW); each receives a lookup, reads the address's
// page permissions from the PageProtAccess argument at the lookup's clock, and
// checks through the byte table that the needed permissions are among them
// (needed AND granted = needed).
//
// Columns: 4 x (clk_high, clk_low, addr 3, permissions, is_real, PageProtOperation
// 8) = 60 (SP1's NUM_PAGE_PROT_COLS, rv64im_costs.json). Constraints: the
// untrusted flag is 1; per check is_real a bit (the default build: and zero),
// PageProtOperation 7 (is_real, the page 2, the access's is_real and timestamp 3):
// 1 + 4 x 9 = 37 in the default build, 1 + 4 x 8 = 33 under `mprotect`.
#pragma once

#include "sp1/air/riscv/page_prot.hpp"

namespace zkgpu::sp1::air::riscv {

inline constexpr size_t kPageProtChecksPerRow = 4;

template <class T>
struct SinglePageProtCols {
  T clk_high;
  T clk_low;
  std::array<T, 3> addr;
  T permissions;
  T is_real;
  PageProtOperation<T> page_prot_op;
};

template <class T>
struct PageProtCols {
  std::array<SinglePageProtCols<T>, kPageProtChecksPerRow> page_prot_entries;
};

template <Features F>
struct PageProtChip {
  static constexpr const char* kName = "PageProt";
  static constexpr auto kMain = col_map<PageProtCols<size_t>>();
  static constexpr size_t kWidth = num_cols<PageProtCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - b.constant(1));
    for (const SinglePageProtCols<size_t>& c : kMain.page_prot_entries) {
      const E<B> is_real = b.main(c.is_real), permissions = b.main(c.permissions);
      const E<B> clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
      const std::array<E<B>, 3> addr{b.main(c.addr[0]), b.main(c.addr[1]), b.main(c.addr[2])};
      assert_bool(b, is_real);
      if constexpr (F == Features::Default) b.assert_zero(is_real);
      send_byte(b, ByteOpcode::AND, permissions, permissions, b.main(c.page_prot_op.page_prot_access.prev_prot_bitmap),
                is_real);
      interact_values(b, Direction::Receive, InteractionKind::PageProt,
                      {clk_high, clk_low, addr[0], addr[1], addr[2], permissions}, is_real);
      eval_page_prot_op(b, clk_high, clk_low, addr, c.page_prot_op, is_real);
    }
  }
};

}  // namespace zkgpu::sp1::air::riscv
