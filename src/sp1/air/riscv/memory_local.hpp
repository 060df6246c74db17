// SP1 v6.4's MemoryLocal chip (crates/core/machine/src/memory/local.rs): one row
// per register or memory word a shard touches (NUM_LOCAL_MEMORY_ENTRIES_PER_ROW =
// 1). The row receives the word's record from before the shard's first access
// and sends the record after its last, so that the shard's memory argument closes;
// both records also go to the Global chip (11 values: clock, address, the value
// as three limbs, limb 2's bytes folded into limbs 0 and 1 above bit 16, whether
// it is the final record, whether the initial, and the Memory kind) for the
// cross-shard digest.
//
// Columns: addr 3, initial/final clk high and low 4, initial/final value 8, limb
// 2's bytes of each 4, is_real = 20 (SP1's NUM_MEMORY_LOCAL_INIT_COLS,
// rv64im_costs.json). Constraints: is_real a bit, SP1's is_real^3 = is_real^3 (it
// keeps the chip's degree at 3), each value's limb 2 from its bytes = 4.
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct MemoryLocalCols {
  std::array<T, 3> addr;
  T initial_clk_high;
  T final_clk_high;
  T initial_clk_low;
  T final_clk_low;
  Word<T> initial_value;
  Word<T> final_value;
  T initial_value_lower;
  T initial_value_upper;
  T final_value_lower;
  T final_value_upper;
  T is_real;
};

struct MemoryLocalChip {
  static constexpr const char* kName = "MemoryLocal";
  static constexpr auto kMain = col_map<MemoryLocalCols<size_t>>();
  static constexpr size_t kWidth = num_cols<MemoryLocalCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real);
    assert_bool(b, is_real);
    b.assert_zero(is_real * is_real * is_real - is_real * is_real * is_real);
    const std::array<E<B>, 3> addr{b.main(c.addr[0]), b.main(c.addr[1]), b.main(c.addr[2])};
    // One record: its limb-2 bytes and range checks, its Memory interaction, its
    // Global message.
    const auto record = [&](size_t clk_high, size_t clk_low, const Word<size_t>& value_cols, size_t lower_col,
                            size_t upper_col, bool is_final) {
      const Word<E<B>> value = main_word(b, value_cols);
      const E<B> lower = b.main(lower_col), upper = b.main(upper_col);
      b.assert_zero(value[2] - (lower + upper * b.constant(1u << 8)));
      range_check_u8(b, std::array<E<B>, 2>{lower, upper}, is_real);
      range_check_u16(b, value, is_real);
      const E<B> high = b.main(clk_high), low = b.main(clk_low);
      interact_values(b, is_final ? Direction::Send : Direction::Receive, InteractionKind::Memory,
                      {high, low, addr[0], addr[1], addr[2], value[0], value[1], value[2], value[3]}, is_real);
      interact_values(b, Direction::Send, InteractionKind::Global,
                      {high, low, addr[0], addr[1], addr[2], value[0] + lower * b.constant(1u << 16),
                       value[1] + upper * b.constant(1u << 16), value[3], b.constant(is_final ? 1 : 0),
                       b.constant(is_final ? 0 : 1), b.constant(uint32_t(InteractionKind::Memory))},
                      is_real);
    };
    record(c.initial_clk_high, c.initial_clk_low, c.initial_value, c.initial_value_lower, c.initial_value_upper,
           false);
    record(c.final_clk_high, c.final_clk_low, c.final_value, c.final_value_lower, c.final_value_upper, true);
  }
};

}  // namespace zkgpu::sp1::air::riscv
