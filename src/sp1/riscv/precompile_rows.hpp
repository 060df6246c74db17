// What the precompile chips' row writers share: MemoryAccessColsU8::populate, a
// call row's clock, and the check that a call's accesses are the words the chip
// constrains.
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

// A call that reads `reads` words at read_ptr at its clk, then writes `writes`
// words at write_ptr at clk + 1 (its memory record in that order), as the
// two-operand precompiles do: checked; the first read and first written access.
struct ReadThenWrite {
  const zkvm::MemoryAccess* read;
  const zkvm::MemoryAccess* written;
};
inline ReadThenWrite expect_read_then_write(const zkvm::PrecompileEvent& e, size_t reads, uint64_t read_ptr,
                                            size_t writes, uint64_t write_ptr) {
  if (e.memory.size() < reads + writes)
    throw std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                                std::to_string(e.syscall.clk) + ": " + std::to_string(e.memory.size()) +
                                " memory accesses, not " + std::to_string(reads + writes));
  const ReadThenWrite a{&e.memory[0], &e.memory[reads]};
  expect_accesses(e, a.read, reads, read_ptr, false, e.syscall.clk);
  expect_accesses(e, a.written, writes, write_ptr, true, e.syscall.clk + 1);
  return a;
}

// A call row's is_real and clock (high 8 and low 24 bits) columns.
template <class Cols>
void fill_call_clock(Row row, const Cols& c, uint64_t clk) {
  put(row, c.is_real, 1);
  put(row, c.clk_high, clk >> 24);
  put(row, c.clk_low, clk & 0xFFFFFF);
}

}  // namespace zkgpu::sp1::riscv
