// SP1 v6.4's operations on u32 values held as two u16 limbs, least significant
// first (crates/core/machine/src/operations/), which the SHA-256 chips use:
//   U32toU8Operation           u32_operation.rs        the limbs' low bytes; high bytes derived
//   AndU32Operation            and_u32.rs              b & c, byte by byte through the byte table
//   XorU32Operation            xor_u32.rs              b ^ c, likewise
//   NotU32Operation            not_u32.rs              !a, limb + !limb = 0xFFFF
//   AddU32Operation            add_u32.rs              a + b mod 2^32, bit carries
//   Add4Operation, Add5Operation add4.rs, add5.rs      sums of four / five, u8 carries
//   FixedRotateRightOperation  fixed_rotate_right.rs   rotr by a constant
//   FixedShiftRightOperation   fixed_shift_right.rs    >> by a constant
// Each eval in SP1's constraint and lookup order; the trace side (sp1/riscv/
// u32_populate.hpp) writes what their populate() writes. The And/Xor results are
// bytes (value[4]); the evals return them as two u16 limbs.
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/u16_to_u8.hpp"

namespace zkgpu::sp1::air::riscv {

template <class B>
using HalfWord = std::array<E<B>, 2>;

template <class T>
struct U32toU8Operation {
  std::array<T, 2> low_bytes;
};

template <class T>
struct AndU32Operation {
  U32toU8Operation<T> b_low_bytes;
  U32toU8Operation<T> c_low_bytes;
  std::array<T, 4> value;
};

// XorU32Operation has AndU32Operation's layout.
template <class T>
using XorU32Operation = AndU32Operation<T>;

template <class T>
struct NotU32Operation {
  std::array<T, 2> value;
};

// AddU32Operation, Add4Operation and Add5Operation: the sum's two limbs.
template <class T>
struct AddU32Operation {
  std::array<T, 2> value;
};
template <class T>
using Add4Operation = AddU32Operation<T>;
template <class T>
using Add5Operation = AddU32Operation<T>;

template <class T>
struct FixedRotateRightOperation {
  std::array<T, 2> value;
  std::array<T, 2> higher_limb;
};
template <class T>
using FixedShiftRightOperation = FixedRotateRightOperation<T>;

template <class B>
HalfWord<B> main_half(B& b, const std::array<size_t, 2>& cols) {
  return {b.main(cols[0]), b.main(cols[1])};
}

// Word::extend_half: [x0, x1, 0, 0].
template <class B>
Word<E<B>> extend_half(B& b, const HalfWord<B>& x) {
  return {x[0], x[1], b.constant(0), b.constant(0)};
}

// U32toU8Operation::eval_u32_to_u8_unsafe: [low0, (x0 - low0) / 2^8, low1, (x1 - low1) / 2^8].
template <class B>
std::array<E<B>, 4> u32_bytes(B& b, const HalfWord<B>& x, const U32toU8Operation<size_t>& c) {
  return limb_bytes<B, 2>(b, x, c.low_bytes);
}

// AndU32Operation::eval_and_u32 / XorU32Operation::eval_xor_u32: is_real a bit,
// four byte-table lookups [op, value_i, b_i, c_i]; returns the result's limbs.
template <class B>
HalfWord<B> eval_bytewise_u32(B& b, ByteOpcode op, const HalfWord<B>& x, const HalfWord<B>& y,
                              const AndU32Operation<size_t>& c, const E<B>& is_real) {
  assert_bool(b, is_real);
  const std::array<E<B>, 4> xb = u32_bytes(b, x, c.b_low_bytes), yb = u32_bytes(b, y, c.c_low_bytes);
  for (size_t i = 0; i < 4; ++i) send_byte(b, op, b.main(c.value[i]), xb[i], yb[i], is_real);
  const E<B> k = b.constant(1u << 8);
  return {b.main(c.value[0]) + b.main(c.value[1]) * k, b.main(c.value[2]) + b.main(c.value[3]) * k};
}

template <class B>
HalfWord<B> eval_and_u32(B& b, const HalfWord<B>& x, const HalfWord<B>& y, const AndU32Operation<size_t>& c,
                         const E<B>& is_real) {
  return eval_bytewise_u32(b, ByteOpcode::AND, x, y, c, is_real);
}

template <class B>
HalfWord<B> eval_xor_u32(B& b, const HalfWord<B>& x, const HalfWord<B>& y, const XorU32Operation<size_t>& c,
                         const E<B>& is_real) {
  return eval_bytewise_u32(b, ByteOpcode::XOR, x, y, c, is_real);
}

// NotU32Operation::eval: where is_real, value_i + a_i = 0xFFFF (no is_real check).
template <class B>
void eval_not_u32(B& b, const HalfWord<B>& a, const NotU32Operation<size_t>& c, const E<B>& is_real) {
  for (size_t i = 0; i < 2; ++i) b.assert_zero(is_real * ((b.main(c.value[i]) + a[i]) - b.constant(0xFFFF)));
}

// AddU32Operation::eval: is_real a bit, the two carries bits where is_real, the
// sum's limbs u16.
template <class B>
void eval_add_u32(B& b, const HalfWord<B>& x, const HalfWord<B>& y, const AddU32Operation<size_t>& c,
                  const E<B>& is_real) {
  assert_bool(b, is_real);
  const HalfWord<B> value = main_half(b, c.value);
  eval_carry_chain<B, 2>(b, x, y, value, b.constant(0), is_real);
  range_check_u16(b, value, is_real);
}

// Add4Operation::eval / Add5Operation::eval: is_real a bit; the carries
// (sum_i + carry - value_i) / 2^16 are range-checked as u8 (one U8Range lookup),
// the sum's limbs as u16 (sent first).
template <class B, size_t N>
void eval_add_n(B& b, const std::array<HalfWord<B>, N>& terms, const AddU32Operation<size_t>& c, const E<B>& is_real) {
  assert_bool(b, is_real);
  const E<B> inv = b.constant(inverse_of(1u << 16));
  E<B> carry = b.constant(0);
  std::array<E<B>, 2> carries;
  for (size_t i = 0; i < 2; ++i) {
    E<B> sum = terms[0][i];
    for (size_t k = 1; k < N; ++k) sum = sum + terms[k][i];
    carry = (sum - b.main(c.value[i]) + carry) * inv;
    carries[i] = carry;
  }
  range_check_u16(b, main_half(b, c.value), is_real);
  range_check_u8(b, carries, is_real);
}

// FixedRotateRightOperation::eval (rotate) and FixedShiftRightOperation::eval
// (shift): the input's limbs moved by rotation / 16 (for a shift, zeros come in),
// each split at bit rotation % 16 into a lower part (derived) and higher_limb
// (a column), both range-checked; the value's limbs put back together from them.
template <class B>
void eval_fixed_right(B& b, const HalfWord<B>& input, size_t rotation, bool rotate,
                      const FixedRotateRightOperation<size_t>& c, const E<B>& is_real) {
  assert_bool(b, is_real);
  const size_t limbs = rotation / 16, bits = rotation % 16;
  const E<B> carry_multiplier = b.constant(1u << (16 - bits));
  HalfWord<B> moved;
  for (size_t i = 0; i < 2; ++i) {
    if (rotate)
      moved[i] = input[(i + limbs) % 2];
    else
      moved[i] = i + limbs < 2 ? input[i + limbs] : b.constant(0);
  }
  HalfWord<B> lower;
  for (size_t i = 0; i < 2; ++i) {
    const E<B> higher = b.main(c.higher_limb[i]);
    lower[i] = moved[i] - higher * b.constant(1u << bits);
    send_byte(b, ByteOpcode::Range, lower[i], b.constant(uint32_t(bits)), b.constant(0), is_real);
    send_byte(b, ByteOpcode::Range, higher, b.constant(uint32_t(16 - bits)), b.constant(0), is_real);
  }
  const E<B> v0 = b.main(c.value[0]), v1 = b.main(c.value[1]);
  const E<B> h0 = b.main(c.higher_limb[0]), h1 = b.main(c.higher_limb[1]);
  if (rotate) {
    b.assert_zero(is_real * (v1 - (h1 + lower[0] * carry_multiplier)));
  } else {
    b.assert_zero(is_real * (v1 - h1));
  }
  b.assert_zero(is_real * (v0 - (h0 + lower[1] * carry_multiplier)));
}

template <class B>
void eval_rotate_right(B& b, const HalfWord<B>& input, size_t rotation, const FixedRotateRightOperation<size_t>& c,
                       const E<B>& is_real) {
  eval_fixed_right(b, input, rotation, true, c, is_real);
}

template <class B>
void eval_shift_right(B& b, const HalfWord<B>& input, size_t rotation, const FixedShiftRightOperation<size_t>& c,
                      const E<B>& is_real) {
  eval_fixed_right(b, input, rotation, false, c, is_real);
}

}  // namespace zkgpu::sp1::air::riscv
