// SP1 v6.4's zero tests (crates/core/machine/src/operations/):
//   IsZeroOperation       is_zero.rs        result = (a == 0), through a's inverse
//   IsZeroWordOperation   is_zero_word.rs   all four u16 limbs zero, halves multiplied
//   IsEqualWordOperation  is_equal_word.rs  IsZeroWord of the limb differences
// No interactions; the inverse makes `result` forced where is_real.
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct IsZeroOperation {
  T inverse;
  T result;
};

template <class T>
struct IsZeroWordOperation {
  std::array<IsZeroOperation<T>, 4> is_zero_limb;
  T is_zero_first_half;
  T is_zero_second_half;
  T result;
};

template <class T>
struct IsEqualWordOperation {
  IsZeroWordOperation<T> is_diff_zero;
};

// IsZeroOperation::eval_is_zero: where is_real, result = 1 - inverse * a is a
// bit, and a = 0 when it is 1.
template <class B>
void eval_is_zero(B& b, const E<B>& a, const IsZeroOperation<size_t>& c, const E<B>& is_real) {
  const E<B> result = b.main(c.result);
  b.assert_zero(is_real * (b.constant(1) - b.main(c.inverse) * a - result));
  assert_bool_when(b, is_real, result);
  b.assert_zero(is_real * result * a);
}

// IsZeroWordOperation::eval_zero_word.
template <class B>
void eval_is_zero_word(B& b, const Word<E<B>>& a, const IsZeroWordOperation<size_t>& c, const E<B>& is_real) {
  for (size_t i = 0; i < 4; ++i) eval_is_zero(b, a[i], c.is_zero_limb[i], is_real);
  assert_bool(b, is_real);
  const E<B> result = b.main(c.result), first = b.main(c.is_zero_first_half), second = b.main(c.is_zero_second_half);
  assert_bool(b, result);
  b.assert_zero(first - b.main(c.is_zero_limb[0].result) * b.main(c.is_zero_limb[1].result));
  b.assert_zero(second - b.main(c.is_zero_limb[2].result) * b.main(c.is_zero_limb[3].result));
  b.assert_zero(is_real * (result - first * second));
}

// IsEqualWordOperation::eval_is_equal_word.
template <class B>
void eval_is_equal_word(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const IsEqualWordOperation<size_t>& c,
                        const E<B>& is_real) {
  assert_bool(b, is_real);
  eval_is_zero_word(b, Word<E<B>>{x[0] - y[0], x[1] - y[1], x[2] - y[2], x[3] - y[3]}, c.is_diff_zero, is_real);
}

}  // namespace zkgpu::sp1::air::riscv
