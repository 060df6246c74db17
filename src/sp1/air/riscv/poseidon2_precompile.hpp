// SP1 v6.4's Poseidon2 precompile (crates/core/machine/src/syscall/precompiles/
// poseidon2/air.rs): POSEIDON2(ptr) replaces the 16 u32 values at ptr (two to each
// of 8 memory words, low half first) by their image under SP1's KoalaBear Poseidon2
// permutation (width 16). One chip, one row a call, no control chip: the row
// receives the call from the syscall table, checks ptr (SyscallAddrOperation over
// 64 bytes) and the 8 word addresses, writes the 8 words at the call's clock (each
// read as its previous value), checks both the inputs and the outputs are u16 limbs
// of canonical field elements (SP1FieldWordRangeChecker, lt.hpp), and runs the
// permutation from the inputs to the outputs in the degree-3 layout the Global and
// recursion Poseidon2 chips use (Poseidon2WideCols, SP1's Poseidon2Operation:
// eval_poseidon2_rounds). Poseidon2User also checks the slice's page (read and
// write) and writes only where that does not trap.
//
// Columns: clk 2 + SyscallAddrOperation 6 + 8 AddrAddOperation 24 + 8
// MemoryAccessCols 72 + 8 hash_result words 32 + 32 SP1FieldWordRangeChecker 32 +
// Poseidon2Operation 179 + is_real = 348; Poseidon2User adds an
// AddressSlicePageProtOperation (24) before is_real: 372 (SP1's rv64im_costs.json).
// Constraints 497 (`mprotect` 498), Poseidon2User 538 (rv64im_complexity.json).
#pragma once

#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"

namespace zkgpu::sp1::air::riscv {

// SyscallCode::POSEIDON2 (0x133)'s syscall_id: its low byte.
inline constexpr uint32_t kPoseidon2SyscallId = 0x33;

// The memory words a call reads and writes (16 u32s, two a word).
inline constexpr size_t kPoseidon2Words = 8;
inline constexpr uint32_t kPoseidon2Bytes = 8 * kPoseidon2Words;

// Poseidon2Cols2's fields before the mode's columns.
template <class T>
struct Poseidon2PrecompileHead {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> ptr;
  std::array<AddrAddOperation<T>, kPoseidon2Words> addrs;
  std::array<MemoryAccessCols<T>, kPoseidon2Words> memory;
  std::array<Word<T>, kPoseidon2Words> hash_result;
  std::array<FieldWordRangeChecker<T>, 2 * kPoseidon2Words> hash_result_range_checkers;
  std::array<FieldWordRangeChecker<T>, 2 * kPoseidon2Words> input_range_checkers;
  Poseidon2WideCols<T> poseidon2;  // SP1's Poseidon2Operation (Poseidon2Degree3Cols)
};

template <class T>
struct Poseidon2PrecompileCols {
  Poseidon2PrecompileHead<T> head;
  T is_real;
};

// UserMode's layout: the slice's page checks before is_real.
template <class T>
struct Poseidon2PrecompileUserCols {
  Poseidon2PrecompileHead<T> head;
  AddressSlicePageProtOperation<T> address_slice_page_prot_access;
  T is_real;
};

// A word's two u32 halves of u16 limbs, each range-checked as a canonical field
// element (limbs 2 and 3 of the checked word zero), as field elements lo + hi 2^16.
template <class B>
std::array<E<B>, 2> eval_field_halves(B& b, const Word<E<B>>& w, const FieldWordRangeChecker<size_t>& lo_check,
                                      const FieldWordRangeChecker<size_t>& hi_check, const E<B>& is_real) {
  const E<B> zero = b.constant(0), shift = b.constant(1u << 16);
  range_check_u16(b, std::array<E<B>, 4>{w[0], w[1], w[2], w[3]}, is_real);
  eval_field_word_range(b, Word<E<B>>{w[0], w[1], zero, zero}, lo_check, is_real);
  eval_field_word_range(b, Word<E<B>>{w[2], w[3], zero, zero}, hi_check, is_real);
  return {w[0] + w[1] * shift, w[2] + w[3] * shift};
}

template <TrustMode M, Features F>
struct Poseidon2PrecompileChip : ModeLayoutChip<Poseidon2PrecompileCols, Poseidon2PrecompileUserCols, M, F> {
  using Base = ModeLayoutChip<Poseidon2PrecompileCols, Poseidon2PrecompileUserCols, M, F>;
  static constexpr const char* kName = chip_name<M>("Poseidon2", "Poseidon2User");

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    constexpr size_t W = poseidon2::kWidth;
    const E<B> is_real = b.main(Base::kMain.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    const std::array<E<B>, 3> ptr = eval_syscall_addr(b, kPoseidon2Bytes, c.ptr, is_real);
    for (size_t i = 0; i < kPoseidon2Words; ++i)
      eval_addr_add(b, addr_word(b, ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.addrs[i], is_real);

    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, main_addr(b, c.ptr.addr),
                           main_addr(b, c.addrs[kPoseidon2Words - 1].value), kProtRead | kProtWrite,
                           Base::kMain.address_slice_page_prot_access, is_not_trap, trap_code);
    }
    // Each word read as its previous value, written as the hash result.
    for (size_t i = 0; i < kPoseidon2Words; ++i)
      eval_memory_access(b, clk_high, clk_low, main_addr(b, c.addrs[i].value), c.memory[i],
                         main_word(b, c.hash_result[i]), is_not_trap);

    poseidon2::State<E<B>> input, output;
    for (size_t i = 0; i < kPoseidon2Words; ++i) {
      const auto [lo, hi] = eval_field_halves(b, main_word(b, c.memory[i].prev_value), c.input_range_checkers[2 * i],
                                              c.input_range_checkers[2 * i + 1], is_real);
      input[2 * i] = lo;
      input[2 * i + 1] = hi;
    }
    for (size_t i = 0; i < kPoseidon2Words; ++i) {
      const auto [lo, hi] = eval_field_halves(b, main_word(b, c.hash_result[i]), c.hash_result_range_checkers[2 * i],
                                              c.hash_result_range_checkers[2 * i + 1], is_real);
      output[2 * i] = lo;
      output[2 * i + 1] = hi;
    }

    // The permutation from the inputs to the outputs.
    for (size_t i = 0; i < W; ++i)
      b.assert_zero(is_real * (b.main(c.poseidon2.external_rounds_state[0][i]) - input[i]));
    eval_poseidon2_rounds(b, c.poseidon2);
    for (size_t i = 0; i < W; ++i) b.assert_zero(is_real * (b.main(c.poseidon2.output_state[i]) - output[i]));

    eval_untrusted_flag(b, M, F);
    const E<B> zero = b.constant(0);
    receive_syscall(b, F, clk_high, clk_low, kPoseidon2SyscallId, trap_code, ptr, {zero, zero, zero}, is_real);
    assert_bool(b, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
