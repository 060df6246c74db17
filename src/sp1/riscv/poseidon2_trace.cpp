#include "sp1/riscv/poseidon2_trace.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/chips/poseidon2_row.hpp"
#include "sp1/air/riscv/poseidon2_precompile.hpp"
#include "sp1/riscv/precompile_rows.hpp"
#include "sp1/riscv/slice_page_prot_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using rv::Features;
using rv::TrustMode;
using zkvm::MemoryAccess;
using zkvm::PrecompileEvent;
using State = std::array<Felt, air::poseidon2::kWidth>;

// Word i's hash result (`after`) and the range checks of its halves and of the
// input's (`before`).
void fill_word_checks(Row row, const rv::Poseidon2PrecompileHead<size_t>& c, size_t i, uint64_t before,
                      uint64_t after) {
  put_word(row, c.hash_result[i], after);
  for (size_t h = 0; h < 2; ++h) {
    fill_field_word_range(row, c.hash_result_range_checkers[2 * i + h], uint32_t(after >> (32 * h)));
    fill_field_word_range(row, c.input_range_checkers[2 * i + h], uint32_t(before >> (32 * h)));
  }
}

// A call's row: the pointer and the 8 words' addresses, accesses, hash results and
// range checks, and the permutation, which must map the words read to the words
// written. A User row checks the words' pages (read and written) at clk; a call
// that trapped on them made no accesses, and its row has SP1's values for it: the
// permutation of zero, its output as the hash result.
template <class Chip>
void fill_call(Row row, const PrecompileEvent& p) {
  const auto& c = Chip::kMain.head;
  const uint64_t clk = p.syscall.clk, ptr = p.syscall.arg1;
  put(row, Chip::kMain.is_real, 1);
  put(row, c.clk_high, clk >> 24);
  put(row, c.clk_low, clk & 0xFFFFFF);
  fill_syscall_addr(row, c.ptr, ptr);
  fill_slice_addrs(row, c.addrs, ptr);
  if constexpr (Chip::kMode == TrustMode::User) {
    if (!fill_page_checks(row, p,
                          {{Chip::kMain.address_slice_page_prot_access, ptr, ptr + 8 * (rv::kPoseidon2Words - 1),
                            zkvm::kProtRead | zkvm::kProtWrite}})) {
      const State out = air::populate_poseidon2(State{}, c.poseidon2, row);
      for (size_t i = 0; i < rv::kPoseidon2Words; ++i)
        fill_word_checks(row, c, i, 0, out[2 * i].to_canonical() | uint64_t(out[2 * i + 1].to_canonical()) << 32);
      return;
    }
  }
  State input, output;
  for (size_t i = 0; i < rv::kPoseidon2Words; ++i) {
    const MemoryAccess& m = p.memory[i];
    if (!m.write || m.timestamp != clk || m.addr != ptr + 8 * i)
      throw std::invalid_argument("POSEIDON2 at clk " + std::to_string(clk) + ": access " + std::to_string(i) +
                                  " is not the write of word " + std::to_string(i) + " at the call's clock");
    fill_memory_access(row, c.memory[i], m);
    fill_word_checks(row, c, i, m.prev_value, m.value);
    for (size_t h = 0; h < 2; ++h) {
      input[2 * i + h] = Felt::from_canonical(uint32_t(m.prev_value >> (32 * h)));
      output[2 * i + h] = Felt::from_canonical(uint32_t(m.value >> (32 * h)));
    }
  }
  if (air::populate_poseidon2(input, c.poseidon2, row) != output)
    throw std::invalid_argument("POSEIDON2 at clk " + std::to_string(clk) +
                                ": the words written are not the permutation of the words read");
}

template <class Chip>
RiscvChipTrace generate(const std::vector<const PrecompileEvent*>& calls, const RiscvTraceOptions& options) {
  RiscvChipTrace t;
  t.name = Chip::kName;
  t.width = Chip::kWidth;
  if (!detail::has_rows(Chip::kMode, options)) return t;
  if (Chip::kMode == TrustMode::Supervisor) expect_no_page_checks(Chip::kName, calls);
  t.rows = air::padded_height(calls.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, Felt::zero());
  const auto& c = Chip::kMain;
  parallel_ranges(calls.size(), cpu_count(), 64, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) fill_call<Chip>(Row(t.main.data() + r * t.width, t.width), *calls[r]);
  });
  // Padding rows: the permutation of zero.
  if (calls.size() < t.rows) {
    const Row first(t.main.data() + calls.size() * t.width, t.width);
    air::populate_poseidon2(State{}, c.head.poseidon2, first);
    for (size_t r = calls.size() + 1; r < t.rows; ++r)
      std::copy(first.begin(), first.end(), t.main.begin() + std::ptrdiff_t(r * t.width));
  }
  return t;
}

}  // namespace

RiscvChipTrace poseidon2_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const auto calls = precompile_calls(shard, zkvm::sys::POSEIDON2, rv::kPoseidon2Words);
  // The build (Features) changes constraints only, not the trace.
  if (options.mode == TrustMode::User)
    return generate<rv::Poseidon2PrecompileChip<TrustMode::User, Features::Default>>(calls, options);
  return generate<rv::Poseidon2PrecompileChip<TrustMode::Supervisor, Features::Default>>(calls, options);
}

}  // namespace zkgpu::sp1::riscv
