#include "sp1/riscv/poseidon2_trace.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/chips/poseidon2_row.hpp"
#include "sp1/air/riscv/poseidon2_precompile.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using rv::Features;
using rv::TrustMode;
using zkvm::MemoryAccess;
using zkvm::PrecompileEvent;
using State = std::array<Felt, air::poseidon2::kWidth>;

// A call's row: the pointer and the 8 words' addresses, accesses, hash results and
// range checks, and the permutation, which must map the words read to the words
// written.
void fill_call(Row row, const rv::Poseidon2PrecompileHead<size_t>& c, const PrecompileEvent& p) {
  const uint64_t clk = p.syscall.clk, ptr = p.syscall.arg1;
  put(row, c.clk_high, clk >> 24);
  put(row, c.clk_low, clk & 0xFFFFFF);
  fill_syscall_addr(row, c.ptr, ptr);
  State input, output;
  for (size_t i = 0; i < rv::kPoseidon2Words; ++i) {
    const MemoryAccess& m = p.memory[i];
    if (!m.write || m.timestamp != clk || m.addr != ptr + 8 * i)
      throw std::invalid_argument("POSEIDON2 at clk " + std::to_string(clk) + ": access " + std::to_string(i) +
                                  " is not the write of word " + std::to_string(i) + " at the call's clock");
    fill_addr_add(row, c.addrs[i], ptr, 8 * i);
    fill_memory_access(row, c.memory[i], m);
    put_word(row, c.hash_result[i], m.value);
    for (size_t h = 0; h < 2; ++h) {
      const uint32_t before = uint32_t(m.prev_value >> (32 * h)), after = uint32_t(m.value >> (32 * h));
      fill_field_word_range(row, c.hash_result_range_checkers[2 * i + h], after);
      fill_field_word_range(row, c.input_range_checkers[2 * i + h], before);
      input[2 * i + h] = Felt::from_canonical(before);
      output[2 * i + h] = Felt::from_canonical(after);
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
  if (Chip::kMode == TrustMode::User && !calls.empty())
    throw std::invalid_argument(std::string(Chip::kName) + ": the page checks of user-mode calls are not recorded");
  t.rows = air::padded_height(calls.size(), options.fixed_height);
  t.main.assign(t.rows * t.width, Felt::zero());
  const auto& c = Chip::kMain;
  parallel_ranges(calls.size(), cpu_count(), 64, [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      const Row row(t.main.data() + r * t.width, t.width);
      fill_call(row, c.head, *calls[r]);
      put(row, c.is_real, 1);
    }
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
