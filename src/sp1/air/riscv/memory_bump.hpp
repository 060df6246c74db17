// SP1 v6.4's MemoryBump chip (crates/core/machine/src/memory/bump.rs): a
// register's record moved forward in time without changing it. Register
// accesses compare only the low 24 clock bits (RegisterAccessTimestamp), so when
// an instruction touches a register last touched under another clk_high, a bump
// first reads it at (clk_high, 0); at a shard's end the register refresh reads
// every register at the next shard's clk - 1. The clock is given in four limbs
// (bits 0-16, 16-24, 24-32, 32-48), each range-checked; the address must be a
// register (< 32, by the byte table's LTU).
//
// Columns: MemoryAccessCols 9, the clock limbs 4, addr, is_real = 15 (SP1's
// NUM_MEMORY_BUMP_COLS, rv64im_costs.json). Constraints: is_real a bit, the memory
// read's 4 = 5.
#pragma once

#include "sp1/air/riscv/memory_access.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct MemoryBumpCols {
  MemoryAccessCols<T> access;
  T clk_32_48;
  T clk_24_32;
  T clk_16_24;
  T clk_0_16;
  T addr;
  T is_real;
};

struct MemoryBumpChip {
  static constexpr const char* kName = "MemoryBump";
  static constexpr auto kMain = col_map<MemoryBumpCols<size_t>>();
  static constexpr size_t kWidth = num_cols<MemoryBumpCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), addr = b.main(c.addr);
    const E<B> clk_0_16 = b.main(c.clk_0_16), clk_16_24 = b.main(c.clk_16_24);
    const E<B> clk_24_32 = b.main(c.clk_24_32), clk_32_48 = b.main(c.clk_32_48);
    assert_bool(b, is_real);
    range_check_u16(b, std::array<E<B>, 2>{clk_0_16, clk_32_48}, is_real);
    range_check_u8(b, std::array<E<B>, 2>{clk_16_24, clk_24_32}, is_real);
    send_byte(b, ByteOpcode::LTU, b.constant(1), addr, b.constant(32), is_real);
    eval_memory_read(b, clk_24_32 + clk_32_48 * b.constant(1u << 8), clk_0_16 + clk_16_24 * b.constant(1u << 16),
                     {addr, b.constant(0), b.constant(0)}, c.access, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
