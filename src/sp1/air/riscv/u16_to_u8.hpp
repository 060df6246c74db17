// SP1 v6.4's U16toU8Operation (crates/core/machine/src/operations/u16_operation.rs):
// a word's eight bytes from its u16 limbs, the low bytes as columns and the high
// bytes derived, (limb - low) / 2^8. The unsafe form leaves the range checks to the
// caller's lookups; the safe form sends them (U8Range, two bytes a lookup).
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct U16toU8Operation {
  Word<T> low_bytes;
};

// The bytes of N u16 limbs: each limb's low byte a column, its high byte derived,
// (limb - low) / 2^8 (the byte-table lookups range-check them).
template <class B, size_t N>
std::array<E<B>, 2 * N> limb_bytes(B& b, const std::array<E<B>, N>& limbs, const std::array<size_t, N>& low_cols) {
  std::array<E<B>, 2 * N> out;
  for (size_t i = 0; i < N; ++i) {
    out[2 * i] = b.main(low_cols[i]);
    out[2 * i + 1] = (limbs[i] - out[2 * i]) * b.constant(inverse_of(1u << 8));
  }
  return out;
}

// U16toU8Operation::eval_u16_to_u8_unsafe: the eight bytes of a word.
template <class B>
std::array<E<B>, 8> word_bytes(B& b, const Word<E<B>>& word, const U16toU8Operation<size_t>& cols) {
  return limb_bytes<B, 4>(b, word, cols.low_bytes);
}

// eval_u16_to_u8_safe.
template <class B>
std::array<E<B>, 8> word_bytes_checked(B& b, const Word<E<B>>& word, const U16toU8Operation<size_t>& cols,
                                       const E<B>& is_real) {
  const std::array<E<B>, 8> out = word_bytes(b, word, cols);
  range_check_u8(b, out, is_real);
  return out;
}

}  // namespace zkgpu::sp1::air::riscv
