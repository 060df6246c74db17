// The add/sub operations of SP1 v6.4 (crates/core/machine/src/operations/):
//   AddOperation   add.rs    value = a + b mod 2^64
//   SubOperation   sub.rs    value = a - b mod 2^64
//   AddwOperation  addw.rs   value = a + b mod 2^32 (two limbs) and its msb
//   SubwOperation  subw.rs   value = a - b mod 2^32 (two limbs) and its msb
//   U16MSBOperation msb.rs   the top bit of a u16 limb
// Each adds limb by limb with a carry that must be a bit; subtraction adds
// 2^16 - 1 - b_i with an initial carry of 1. Column layouts, eval and the values
// their populate() writes (the trace side computes these with the same helpers).
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct AddOperation {
  Word<T> value;
};
template <class T>
using SubOperation = AddOperation<T>;

template <class T>
struct U16MSBOperation {
  T msb;
};

template <class T>
struct AddwOperation {
  std::array<T, 2> value;
  U16MSBOperation<T> msb;
};
template <class T>
using SubwOperation = AddwOperation<T>;

// U16MSBOperation::eval_msb: 2 a - msb 2^16 is a u16 exactly when msb is a's top bit.
template <class B>
void eval_msb(B& b, const E<B>& a, const U16MSBOperation<size_t>& cols, const E<B>& is_real) {
  const E<B> msb = b.main(cols.msb);
  assert_bool(b, is_real);
  assert_bool(b, msb);
  send_byte(b, ByteOpcode::Range, b.constant(2) * a - msb * b.constant(1u << 16), b.constant(16), b.constant(0),
            is_real);
}

// The carry chain over the first N limbs: carry_{i+1} = (x_i + y_i - value_i +
// carry_i) / 2^16 must be a bit where is_real. For subtraction y_i = 2^16 - 1 - b_i
// and carry_0 = 1.
template <class B, size_t N>
void eval_carry_chain(B& b, const std::array<E<B>, N>& x, const std::array<E<B>, N>& y,
                      const std::array<E<B>, N>& value, E<B> carry, const E<B>& is_real) {
  const E<B> inv = b.constant(inverse_of(1u << 16));
  for (size_t i = 0; i < N; ++i) {
    carry = (x[i] + y[i] - value[i] + carry) * inv;
    assert_bool_when(b, is_real, carry);
  }
}

template <class B, size_t N>
std::array<E<B>, N> negated_limbs(B& b, const Word<E<B>>& y) {
  std::array<E<B>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = b.constant((1u << 16) - 1) - y[i];
  return out;
}

template <class B, size_t N>
std::array<E<B>, N> first_limbs(const Word<E<B>>& w) {
  std::array<E<B>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = w[i];
  return out;
}

// AddOperation::eval / SubOperation::eval.
template <class B>
void eval_add(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const AddOperation<size_t>& cols, const E<B>& is_real,
              bool subtract) {
  assert_bool(b, is_real);
  const Word<E<B>> value = main_word(b, cols.value);
  eval_carry_chain<B, 4>(b, x, subtract ? negated_limbs<B, 4>(b, y) : y, value, b.constant(subtract ? 1 : 0), is_real);
  range_check_u16(b, value, is_real);
}

// AddwOperation::eval / SubwOperation::eval.
template <class B>
void eval_addw(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const AddwOperation<size_t>& cols,
               const E<B>& is_real, bool subtract) {
  assert_bool(b, is_real);
  const std::array<E<B>, 2> value{b.main(cols.value[0]), b.main(cols.value[1])};
  eval_carry_chain<B, 2>(b, first_limbs<B, 2>(x), subtract ? negated_limbs<B, 2>(b, y) : first_limbs<B, 2>(y), value,
                         b.constant(subtract ? 1 : 0), is_real);
  range_check_u16(b, value, is_real);
  eval_msb(b, value[1], cols.msb, is_real);
}

// The 64-bit sign extension of an Addw/Subw result: [v0, v1, msb (2^16 - 1) x 2].
template <class B>
Word<E<B>> sign_extended_w(B& b, const AddwOperation<size_t>& cols) {
  const E<B> ext = b.main(cols.msb.msb) * b.constant((1u << 16) - 1);
  return {b.main(cols.value[0]), b.main(cols.value[1]), ext, ext};
}

}  // namespace zkgpu::sp1::air::riscv
