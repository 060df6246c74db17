// SP1 v6.4's Mul chip (crates/core/machine/src/alu/mul/mod.rs): MUL, MULH, MULHU,
// MULHSU, MULW through MulOperation (operations/mul.rs): the operands' bytes,
// sign-extended to 16 bytes for the signed high products, multiplied as
// polynomials, the carries propagated byte by byte; the result is the product's
// low or high 8 bytes (MULW: low 4, sign-extended).
//
// Columns: CPUState 6 + RTypeReader 22 + a 4 + MulOperation (carry 16, product 16,
// b_lower_byte 4, c_lower_byte 4, b_msb, c_msb, product_msb, b_sign_extend,
// c_sign_extend) 45 + 5 flags = 82 (SP1's NUM_MUL_COLS_SUPERVISOR; User adds one).
#pragma once

#include "sp1/air/riscv/add_sub_operations.hpp"
#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/u16_to_u8.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct MulOperation {
  std::array<T, 16> carry;
  std::array<T, 16> product;
  U16toU8Operation<T> b_lower_byte;
  U16toU8Operation<T> c_lower_byte;
  T b_msb;
  T c_msb;
  U16MSBOperation<T> product_msb;
  T b_sign_extend;
  T c_sign_extend;
};

template <class T>
struct MulCols {
  CPUState<T> state;
  RTypeReader<T> adapter;
  Word<T> a;
  MulOperation<T> mul_operation;
  T is_mul;
  T is_mulh;
  T is_mulhu;
  T is_mulhsu;
  T is_mulw;
};

// MulOperation::eval. flags: is_mul, is_mulh, is_mulhu, is_mulhsu, is_mulw.
template <class B>
void eval_mul(B& b, const Word<E<B>>& a, const Word<E<B>>& x, const Word<E<B>>& y, const MulOperation<size_t>& c,
              const E<B>& is_real, const std::array<E<B>, 5>& flags) {
  const E<B>&is_mul = flags[0], &is_mulh = flags[1], &is_mulhu = flags[2], &is_mulhsu = flags[3], &is_mulw = flags[4];
  const E<B> zero = b.constant(0), one = b.constant(1), base = b.constant(1u << 8);
  const auto xb = word_bytes_checked(b, x, c.b_lower_byte, is_real);
  const auto yb = word_bytes_checked(b, y, c.c_lower_byte, is_real);
  const E<B> b_msb = b.main(c.b_msb), c_msb = b.main(c.c_msb);
  send_byte(b, ByteOpcode::MSB, b_msb, xb[7], zero, is_real);
  send_byte(b, ByteOpcode::MSB, c_msb, yb[7], zero, is_real);
  eval_msb(b, a[1], c.product_msb, is_mulw);
  const E<B> b_ext = b.main(c.b_sign_extend), c_ext = b.main(c.c_sign_extend);
  b.assert_zero(b_ext - (is_mulh + is_mulhsu) * b_msb);
  b.assert_zero(c_ext - is_mulh * c_msb);

  std::array<E<B>, 16> xe, ye;
  for (size_t i = 0; i < 16; ++i) {
    xe[i] = i < 8 ? xb[i] : b_ext * b.constant(0xff);
    ye[i] = i < 8 ? yb[i] : c_ext * b.constant(0xff);
  }
  std::array<E<B>, 16> m;
  m.fill(zero);
  for (size_t i = 0; i < 16; ++i)
    for (size_t j = 0; i + j < 16; ++j) m[i + j] = m[i + j] + xe[i] * ye[j];
  std::array<E<B>, 16> product, carry;
  for (size_t i = 0; i < 16; ++i) {
    product[i] = b.main(c.product[i]);
    carry[i] = b.main(c.carry[i]);
  }
  for (size_t i = 0; i < 16; ++i)
    b.assert_zero(is_real * (product[i] - ((i ? m[i] + carry[i - 1] : m[i]) - carry[i] * base)));

  const E<B> is_upper = is_mulh + is_mulhu + is_mulhsu;
  const E<B> u16_max = b.constant((1u << 16) - 1);
  for (size_t i = 0; i < 4; ++i) {
    const E<B> low = product[2 * i] + product[2 * i + 1] * base;
    const E<B> high = product[2 * i + 8] + product[2 * i + 9] * base;
    if (i < 2)
      b.assert_zero(is_mulw * (low - a[i]));
    else
      b.assert_zero(is_mulw * (b.main(c.product_msb.msb) * u16_max - a[i]));
    b.assert_zero(is_mul * (low - a[i]));
    b.assert_zero(is_upper * (high - a[i]));
  }
  for (const E<B>& x : {b_msb, c_msb, b_ext, c_ext, is_mul, is_mulh, is_mulhu, is_mulhsu, is_mulw,
                        is_mul + is_mulh + is_mulhu + is_mulhsu + is_mulw, is_real})
    assert_bool(b, x);
  b.assert_zero(b_ext * (b_msb - one));
  b.assert_zero(c_ext * (c_msb - one));
  range_check_u16(b, carry, is_real);
  range_check_u8(b, product, is_real);
}

template <TrustMode M, Features F>
struct MulChip : AluChipBase<MulCols, M, F> {
  static constexpr const char* kName = chip_name<M>("Mul", "MulUser");
  using Base = AluChipBase<MulCols, M, F>;

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain;
    const std::array<E<B>, 5> flags{b.main(c.is_mul), b.main(c.is_mulh), b.main(c.is_mulhu), b.main(c.is_mulhsu),
                                    b.main(c.is_mulw)};
    const E<B> is_real = flags[0] + flags[1] + flags[2] + flags[3] + flags[4];
    const Word<E<B>> a = main_word(b, c.a);
    eval_mul(b, a, main_word(b, c.adapter.op_b_memory.prev_value), main_word(b, c.adapter.op_c_memory.prev_value),
             c.mul_operation, is_real, flags);
    // SP1 checks its flags in the order is_mul, is_mulh, is_mulhu, is_mulw, is_mulhsu.
    for (size_t k : {0, 1, 2, 4, 3}) assert_bool(b, flags[k]);
    assert_bool(b, is_real);
    eval_rtype_tail<B>(b, M, F, c, Base::kIsTrusted, flags,
                       {Opcode::MUL, Opcode::MULH, Opcode::MULHU, Opcode::MULHSU, Opcode::MULW}, is_real, a);
  }
};

}  // namespace zkgpu::sp1::air::riscv
