// SP1 v6.4's StateBump chip (crates/core/machine/src/adapter/bump.rs): the CPU
// state an instruction sends, normalized. An instruction sends (clk_high, clk_low
// + its increment, pc + 4) without carries (CPUState), so when the clock's low
// 24 bits overflow (is_clk) or a fall-through crosses a 2^16 boundary of the pc,
// this chip receives that state and sends it with the carries made: the clock as
// four range-checked limbs (bits 0-16, 16-24, 24-32, 32-48; its low limb less 1 a
// multiple of 8), the pc as u16 limbs.
//
// Columns: next clock 4, clk_high, clk_low, next_pc 3, pc 3, is_clk, is_real = 14
// (SP1's NUM_STATE_BUMP_COLS, rv64im_costs.json). Constraints: is_real and is_clk
// bits, the clock's high and low parts, the pc's 3 carry bits and no carry out = 8.
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct StateBumpCols {
  T next_clk_32_48;
  T next_clk_24_32;
  T next_clk_16_24;
  T next_clk_0_16;
  T clk_high;
  T clk_low;
  std::array<T, 3> next_pc;
  std::array<T, 3> pc;
  T is_clk;
  T is_real;
};

struct StateBumpChip {
  static constexpr const char* kName = "StateBump";
  static constexpr auto kMain = col_map<StateBumpCols<size_t>>();
  static constexpr size_t kWidth = num_cols<StateBumpCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), is_clk = b.main(c.is_clk);
    const E<B> c0 = b.main(c.next_clk_0_16), c16 = b.main(c.next_clk_16_24), c24 = b.main(c.next_clk_24_32),
               c32 = b.main(c.next_clk_32_48);
    const std::array<E<B>, 3> pc{b.main(c.pc[0]), b.main(c.pc[1]), b.main(c.pc[2])};
    const std::array<E<B>, 3> next_pc{b.main(c.next_pc[0]), b.main(c.next_pc[1]), b.main(c.next_pc[2])};
    assert_bool(b, is_real);
    state_message(b, Direction::Receive, b.main(c.clk_high), b.main(c.clk_low), pc, is_real);
    const E<B> next_high = c24 + c32 * b.constant(1u << 8), next_low = c0 + c16 * b.constant(1u << 16);
    state_message(b, Direction::Send, next_high, next_low, next_pc, is_real);
    send_byte(b, ByteOpcode::Range, (c0 - b.constant(1)) * b.constant(inverse_of(8)), b.constant(13), b.constant(0),
              is_real);
    send_byte(b, ByteOpcode::Range, c32, b.constant(16), b.constant(0), is_real);
    range_check_u8(b, std::array<E<B>, 2>{c16, c24}, is_real);
    assert_bool(b, is_clk);
    b.assert_zero(is_real * (next_high - (b.main(c.clk_high) + is_clk)));
    b.assert_zero(is_real * (next_low + is_clk * b.constant(1u << 24) - b.main(c.clk_low)));
    E<B> carry = b.constant(0);
    for (size_t i = 0; i < 3; ++i) {
      carry = (carry + pc[i] - next_pc[i]) * b.constant(inverse_of(1u << 16));
      assert_bool(b, carry);
    }
    b.assert_zero(carry);
    range_check_u16(b, next_pc, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
