// SP1 v6.4's PageProtGlobalInit and PageProtGlobalFinalize chips
// (crates/core/machine/src/memory/page_prot_global.rs): the pages whose
// permissions a run initializes (at clock 0, with the default permissions, read
// and write) and finalizes, sorted by page index. As MemoryGlobalInit/Finalize
// (memory_global.hpp) do for words: each row sends its page's record to the Global
// chip and proves the indices strictly increase through a control chain
// (PageProtGlobalInitControl / FinalizeControl: index, page index, whether it is
// valid) from the shard's previous_*_page_idx to its last_*_page_idx; every row
// but the very first of a run (previous index 0 at index 0) compares.
//
// The comparison shifts limb 0 (4 bits) up by 12 so that LtOperationUnsigned sees
// u16 limbs.
//
// Columns: clk_high, clk_low, index, prev_page_idx 3, page_idx 3,
// LtOperationUnsigned 8, page_prot, is_real, is_comp, prev_valid, 2
// IsZeroOperation 4 = 25 (SP1's NUM_PAGE_PROT_INIT_COLS, rv64im_costs.json).
// Constraints: the default build's is_real zero, is_real a bit, the untrusted
// flag 1, the initial permissions (Initialize), 2 IsZero 6, is_comp 2, the
// comparison 15 and its result = 28 / 27 (Initialize / Finalize) in the default
// build, 27 / 26 under `mprotect`.
#pragma once

#include "sp1/air/riscv/is_zero.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/air/riscv/page_prot.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct PageProtInitCols {
  T clk_high;
  T clk_low;
  T index;
  std::array<T, 3> prev_page_idx;
  std::array<T, 3> page_idx;
  LtOperationUnsigned<T> lt_cols;
  T page_prot;
  T is_real;
  T is_comp;
  T prev_valid;
  IsZeroOperation<T> is_page_idxes_zero;
  IsZeroOperation<T> is_index_zero;
};

template <MemoryGlobalKind K, Features F>
struct PageProtGlobalChip {
  static constexpr bool kInit = K == MemoryGlobalKind::Initialize;
  static constexpr const char* kName = kInit ? "PageProtGlobalInit" : "PageProtGlobalFinalize";
  static constexpr InteractionKind kControl =
      kInit ? InteractionKind::PageProtGlobalInitControl : InteractionKind::PageProtGlobalFinalizeControl;
  static constexpr auto kMain = col_map<PageProtInitCols<size_t>>();
  static constexpr size_t kWidth = num_cols<PageProtInitCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), is_comp = b.main(c.is_comp), zero = b.constant(0), one = b.constant(1);
    const std::array<E<B>, 3> prev{b.main(c.prev_page_idx[0]), b.main(c.prev_page_idx[1]),
                                   b.main(c.prev_page_idx[2])};
    const std::array<E<B>, 3> page{b.main(c.page_idx[0]), b.main(c.page_idx[1]), b.main(c.page_idx[2])};
    const E<B> page_prot = b.main(c.page_prot), index = b.main(c.index);
    if constexpr (F == Features::Default) b.assert_zero(is_real);
    assert_bool(b, is_real);
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - one);
    send_byte(b, ByteOpcode::Range, page_prot, b.constant(3), zero, is_real);
    send_byte(b, ByteOpcode::Range, prev[0], b.constant(4), zero, is_real);
    range_check_u16(b, std::array<E<B>, 2>{prev[1], prev[2]}, is_real);
    send_byte(b, ByteOpcode::Range, page[0], b.constant(4), zero, is_real);
    range_check_u16(b, std::array<E<B>, 2>{page[1], page[2]}, is_real);
    interact_values(b, Direction::Receive, kControl, {index, prev[0], prev[1], prev[2], b.main(c.prev_valid)}, is_real);
    interact_values(b, Direction::Send, kControl, {index + one, page[0], page[1], page[2], is_comp}, is_real);
    interact_values(b, Direction::Send, InteractionKind::Global,
                    {kInit ? zero : b.main(c.clk_high), kInit ? zero : b.main(c.clk_low), page[0], page[1], page[2],
                     page_prot, zero, zero, kInit ? one : zero, kInit ? zero : one,
                     b.constant(uint32_t(InteractionKind::PageProtAccess))},
                    is_real);
    if constexpr (kInit) b.assert_zero(is_real * (page_prot - b.constant(kDefaultPageProt)));
    // The limbs are u4/u16, so their sum is zero only when all are.
    eval_is_zero(b, prev[0] + prev[1] + prev[2] + page[0] + page[1] + page[2], c.is_page_idxes_zero, is_real);
    eval_is_zero(b, index, c.is_index_zero, is_real);
    b.assert_zero(is_comp -
                  is_real * (one - b.main(c.is_page_idxes_zero.result) * b.main(c.is_index_zero.result)));
    assert_bool(b, is_comp);
    const E<B> shift = b.constant(1u << 12);
    eval_lt_unsigned(b, Word<E<B>>{prev[0] * shift, prev[1], prev[2], zero},
                     Word<E<B>>{page[0] * shift, page[1], page[2], zero}, c.lt_cols, is_comp);
    b.assert_zero(is_comp * (b.main(c.lt_cols.u16_compare_operation.bit) - one));
  }
};

}  // namespace zkgpu::sp1::air::riscv
