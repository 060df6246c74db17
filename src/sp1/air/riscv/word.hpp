// SP1's 64-bit word in the RISC-V AIR: four u16 limbs, least significant first
// (crates/hypercube/src/word.rs, WORD_SIZE = 4), and the word-level helpers of
// crates/core/machine/src/air/word.rs and the byte-table sends of
// crates/hypercube/src/air/builder.rs (ByteAirBuilder: values [opcode, a, b, c]).
#pragma once

#include <array>
#include <cstdint>

#include "math/field31/field31.hpp"
#include "sp1/air/builder.hpp"
#include "sp1/air/riscv/opcodes.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
using Word = std::array<T, 4>;

constexpr Word<uint16_t> u16_limbs(uint64_t x) {
  return {uint16_t(x), uint16_t(x >> 16), uint16_t(x >> 32), uint16_t(x >> 48)};
}

// The canonical value of 1 / x in SP1's field (KoalaBear): what SP1's
// `F::from_canonical_u32(x).inverse()` puts into an expression.
inline uint32_t inverse_of(uint32_t x) {
  return f31::KoalaBear::from_canonical(x).inverse().to_canonical();
}

template <class B>
Word<ExprOf<B>> main_word(B& b, const Word<size_t>& cols) {
  return {b.main(cols[0]), b.main(cols[1]), b.main(cols[2]), b.main(cols[3])};
}

template <class B>
Word<ExprOf<B>> zero_word(B& b) {
  return {b.constant(0), b.constant(0), b.constant(0), b.constant(0)};
}

// Word::extend_expr: [x, 0, 0, 0].
template <class B>
Word<ExprOf<B>> extend_word(B& b, const ExprOf<B>& x) {
  return {x, b.constant(0), b.constant(0), b.constant(0)};
}

// builder.when(cond).assert_word_eq(x, y): cond * (x_i - y_i), limb by limb.
template <class B>
void assert_word_eq_when(B& b, const ExprOf<B>& cond, const Word<ExprOf<B>>& x, const Word<ExprOf<B>>& y) {
  for (size_t i = 0; i < 4; ++i) b.assert_zero(cond * (x[i] - y[i]));
}

// builder.when(cond).assert_bool(x): cond * (x (x - 1)).
template <class B>
void assert_bool_when(B& b, const ExprOf<B>& cond, const ExprOf<B>& x) {
  b.assert_zero(cond * (x * (x - b.constant(1))));
}

template <class B>
void send_byte(B& b, ByteOpcode op, const ExprOf<B>& x, const ExprOf<B>& y, const ExprOf<B>& z,
               const ExprOf<B>& mult) {
  const std::array<ExprOf<B>, 4> values{b.constant(uint32_t(op)), x, y, z};
  b.interact(Direction::Send, InteractionKind::Byte, std::span<const ExprOf<B>>(values), mult);
}

// slice_range_check_u8: U8Range lookups two limbs at a time, [0, x_k, x_{k+1}].
template <class B, size_t N>
void range_check_u8(B& b, const std::array<ExprOf<B>, N>& limbs, const ExprOf<B>& mult) {
  size_t k = 0;
  for (; k + 1 < N; k += 2) send_byte(b, ByteOpcode::U8Range, b.constant(0), limbs[k], limbs[k + 1], mult);
  if (k < N) send_byte(b, ByteOpcode::U8Range, b.constant(0), limbs[k], b.constant(0), mult);
}

// slice_range_check_u16: one Range lookup [x, 16, 0] per limb.
template <class B, size_t N>
void range_check_u16(B& b, const std::array<ExprOf<B>, N>& limbs, const ExprOf<B>& mult) {
  for (const auto& x : limbs) send_byte(b, ByteOpcode::Range, x, b.constant(16), b.constant(0), mult);
}

}  // namespace zkgpu::sp1::air::riscv
