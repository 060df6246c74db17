// What the precompile chips' row writers share: MemoryAccessColsU8::populate, and
// the check that a call's accesses are the words the chip constrains.
#pragma once

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/riscv/populate.hpp"
#include "zkvm/shard.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {

// MemoryAccessColsU8::populate.
inline void fill_access_u8(Row row, const rv::MemoryAccessColsU8<size_t>& c, const zkvm::MemoryAccess& m) {
  fill_memory_access(row, c.memory_access, m);
  fill_low_bytes(row, c.prev_value_u8, m.prev_value);
}

// The accesses of n words at ptr + 8 i, all reads or all writes at clk.
inline void expect_accesses(const zkvm::PrecompileEvent& e, const zkvm::MemoryAccess* words, size_t n, uint64_t ptr,
                            bool write, uint64_t clk) {
  for (size_t i = 0; i < n; ++i)
    if (words[i].addr != ptr + 8 * i || words[i].write != write || words[i].timestamp != clk)
      throw std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                                  std::to_string(e.syscall.clk) + ": access " + std::to_string(i) + " is not the " +
                                  (write ? "write" : "read") + " of the word at " + std::to_string(ptr + 8 * i) +
                                  " at clk " + std::to_string(clk));
}

}  // namespace zkgpu::sp1::riscv
