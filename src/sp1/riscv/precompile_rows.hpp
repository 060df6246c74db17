// What the precompile chips' trace writers share: one row a call with its padding
// rows, MemoryAccessColsU8::populate, a call row's clock, the check that a call's
// accesses are the words the chip constrains, and that a Supervisor chip's calls
// checked no pages.
#pragma once

#include <algorithm>
#include <array>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "sp1/riscv/populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
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

// A Supervisor chip's calls: none with page checks (a program without untrusted
// code checks no pages), else refused.
inline void expect_no_page_checks(std::string_view chip, const std::vector<const zkvm::PrecompileEvent*>& calls) {
  for (const zkvm::PrecompileEvent* e : calls)
    if (!e->syscall.page_checks.empty() || e->syscall.trap_result)
      throw std::invalid_argument(std::string(chip) + ": the " + std::string(zkvm::syscall_name(e->syscall.code)) +
                                  " call at clk " + std::to_string(e->syscall.clk) +
                                  " checked pages in a program without untrusted code");
}

// The trace of a chip of one row a call (`name` and `width`: the chip of the trust
// mode of `options`): `fill(row, call)` writes a call's row, and the padding rows
// are copies of the row `pad(row)` writes.
template <class Fill, class Pad>
RiscvChipTrace one_row_a_call_trace(std::string_view name, size_t width,
                                    const std::vector<const zkvm::PrecompileEvent*>& calls,
                                    const RiscvTraceOptions& options, Fill&& fill, Pad&& pad) {
  RiscvChipTrace t;
  t.name = name;
  t.width = width;
  if (!detail::has_rows(options.mode, options)) return t;
  if (options.mode == rv::TrustMode::Supervisor) expect_no_page_checks(name, calls);
  t.rows = air::padded_height(calls.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, air::Felt::zero());
  parallel_ranges(calls.size(), cpu_count(), 64, [&](size_t begin, size_t end) {
    for (size_t k = begin; k < end; ++k) fill(Row(t.main.data() + k * t.width, t.width), *calls[k]);
  });
  if (t.rows > calls.size()) {
    std::vector<air::Felt> dummy(t.width, air::Felt::zero());
    pad(Row(dummy));
    for (size_t r = calls.size(); r < t.rows; ++r) std::copy(dummy.begin(), dummy.end(), t.main.begin() + r * t.width);
  }
  return t;
}

// The addresses of a slice of N words at ptr: ptr + 8 i, each an AddrAddOperation.
template <size_t N>
void fill_slice_addrs(Row row, const std::array<rv::AddrAddOperation<size_t>, N>& addrs, uint64_t ptr) {
  for (size_t i = 0; i < N; ++i) fill_addr_add(row, addrs[i], ptr, 8 * i);
}

// A slice of N words at ptr as the chips lay it out: each word's address and its
// access.
template <size_t N>
void fill_slice(Row row, const std::array<rv::AddrAddOperation<size_t>, N>& addrs,
                const std::array<rv::MemoryAccessColsU8<size_t>, N>& accesses, uint64_t ptr,
                const zkvm::MemoryAccess* words) {
  fill_slice_addrs(row, addrs, ptr);
  for (size_t i = 0; i < N; ++i) fill_access_u8(row, accesses[i], words[i]);
}

// A call that reads `reads` words at read_ptr at its clk, then writes `writes`
// words at write_ptr at clk + 1 (its memory record in that order), as the
// two-operand precompiles do: checked (precompile_calls has checked the record's
// size); the first read and first written access.
struct ReadThenWrite {
  const zkvm::MemoryAccess* read;
  const zkvm::MemoryAccess* written;
};
inline ReadThenWrite expect_read_then_write(const zkvm::PrecompileEvent& e, size_t reads, uint64_t read_ptr,
                                            size_t writes, uint64_t write_ptr) {
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
