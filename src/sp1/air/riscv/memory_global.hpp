// SP1 v6.4's MemoryGlobalInit and MemoryGlobalFinalize chips
// (crates/core/machine/src/memory/global.rs): the words a program's run
// initializes (from the ELF image, hints, registers) and finalizes, sorted by
// address. Each row sends its word to the Global chip (initialized at clock 0, or
// finalized at its last access) and proves the addresses strictly increase: a
// control chain (MemoryGlobalInitControl / FinalizeControl) passes (index,
// address, whether it is valid) from row to row, starting from the shard's
// previous_*_addr and ending at its last_*_addr (public values); each row but the
// very first of a run (previous address 0 at index 0) compares the previous
// address below its own; rows that do not compare must be the zero word at
// address 0.
//
// Columns: clk_high, clk_low, index, prev_addr 3, addr 3, LtOperationUnsigned 8,
// value 4, limb 2's bytes 2, is_real, is_comp, prev_valid, 2 IsZeroOperation 4 =
// 30 (SP1's NUM_MEMORY_INIT_COLS, rv64im_costs.json). Constraints: is_real, limb
// 2's bytes, 2 IsZero 6, is_comp 2, the comparison 15 and its result, the
// non-comparing row's address and value 5 = 31.
#pragma once

#include "sp1/air/riscv/is_zero.hpp"
#include "sp1/air/riscv/lt.hpp"

namespace zkgpu::sp1::air::riscv {

enum class MemoryGlobalKind { Initialize, Finalize };

template <class T>
struct MemoryInitCols {
  T clk_high;
  T clk_low;
  T index;
  std::array<T, 3> prev_addr;
  std::array<T, 3> addr;
  LtOperationUnsigned<T> lt_cols;
  Word<T> value;
  T value_lower;
  T value_upper;
  T is_real;
  T is_comp;
  T prev_valid;
  IsZeroOperation<T> is_prev_addr_zero;
  IsZeroOperation<T> is_index_zero;
};

template <MemoryGlobalKind K>
struct MemoryGlobalChip {
  static constexpr const char* kName = K == MemoryGlobalKind::Initialize ? "MemoryGlobalInit" : "MemoryGlobalFinalize";
  static constexpr InteractionKind kControl = K == MemoryGlobalKind::Initialize
                                                  ? InteractionKind::MemoryGlobalInitControl
                                                  : InteractionKind::MemoryGlobalFinalizeControl;
  static constexpr auto kMain = col_map<MemoryInitCols<size_t>>();
  static constexpr size_t kWidth = num_cols<MemoryInitCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), is_comp = b.main(c.is_comp), zero = b.constant(0), one = b.constant(1);
    const Word<E<B>> value = main_word(b, c.value);
    const std::array<E<B>, 3> prev{b.main(c.prev_addr[0]), b.main(c.prev_addr[1]), b.main(c.prev_addr[2])};
    const std::array<E<B>, 3> addr{b.main(c.addr[0]), b.main(c.addr[1]), b.main(c.addr[2])};
    const E<B> lower = b.main(c.value_lower), upper = b.main(c.value_upper), index = b.main(c.index);
    assert_bool(b, is_real);
    range_check_u16(b, value, is_real);
    range_check_u16(b, prev, is_real);
    range_check_u16(b, addr, is_real);
    b.assert_zero(value[2] - (lower + upper * b.constant(1u << 8)));
    range_check_u8(b, std::array<E<B>, 2>{lower, upper}, is_real);
    interact_values(b, Direction::Receive, kControl, {index, prev[0], prev[1], prev[2], b.main(c.prev_valid)}, is_real);
    interact_values(b, Direction::Send, kControl, {index + one, addr[0], addr[1], addr[2], is_comp}, is_real);
    const bool init = K == MemoryGlobalKind::Initialize;
    interact_values(b, Direction::Send, InteractionKind::Global,
                    {init ? zero : b.main(c.clk_high), init ? zero : b.main(c.clk_low), addr[0], addr[1], addr[2],
                     value[0] + lower * b.constant(1u << 16), value[1] + upper * b.constant(1u << 16), value[3],
                     init ? one : zero, init ? zero : one, b.constant(uint32_t(InteractionKind::Memory))},
                    is_real);
    eval_is_zero(b, prev[0] + prev[1] + prev[2], c.is_prev_addr_zero, is_real);
    eval_is_zero(b, index, c.is_index_zero, is_real);
    b.assert_zero(is_comp - is_real * (one - b.main(c.is_prev_addr_zero.result) * b.main(c.is_index_zero.result)));
    assert_bool(b, is_comp);
    eval_lt_unsigned(b, Word<E<B>>{prev[0], prev[1], prev[2], zero}, Word<E<B>>{addr[0], addr[1], addr[2], zero},
                     c.lt_cols, is_comp);
    b.assert_zero(is_comp * (b.main(c.lt_cols.u16_compare_operation.bit) - one));
    const E<B> is_not_comp = is_real - is_comp;
    b.assert_zero(is_not_comp * (addr[0] + addr[1] + addr[2]));
    assert_word_eq_when(b, is_not_comp, value, zero_word(b));
  }
};

}  // namespace zkgpu::sp1::air::riscv
