// SP1 v6.4's Ed25519 precompiles (crates/core/machine/src/syscall/precompiles/
// edwards/ed_{add,decompress}.rs) on the twisted Edwards curve -x^2 + y^2 = 1 + d x^2 y^2
// over p = 2^255 - 19 (crates/curves/src/edwards/ed25519.rs), one row per call:
//   EdAddAssign(p_ptr, q_ptr)    reads Q at clk, writes P + Q over P at clk + 1:
//                                x3 = (x1 y2 + x2 y1) / (1 + d f),
//                                y3 = (y1 y2 + x1 x2) / (1 - d f), f = x1 y1 x2 y2
//                                (FieldInnerProductCols for the numerators,
//                                FieldDenCols for the quotients); x3, y3 below p
//   EdDecompress(ptr, sign)      reads y (the 32 bytes at ptr + 32, checked below
//                                p) at clk and writes x at ptr at clk + 1:
//                                u = y^2 - 1, v = 1 + d y^2, x = sqrt(u / v) the
//                                even root (FieldSqrtCols), written as x or as
//                                p - x (neg_x, below p) by the sign
// Coordinates are u8 limbs of the accesses' previous values (MemoryAccessColsU8).
// The User chips' page checks (M::SliceProtCols) are two AddressSlicePageProtOperations
// (read slice, then the written one) at the end of EdAddAssign's columns and
// after the accesses in EdDecompress's; their constraints come first.
//
// Columns: EdAddAssign 1347, User 1395; EdDecompress 1123, User 1171
// (rv64im_costs.json). Constraints 792, 875; 755, 840 (rv64im_complexity.json;
// `mprotect`'s assertion of the untrusted-code flag adds one to each Supervisor chip).
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/field_den.hpp"
#include "sp1/air/riscv/field_inner_product.hpp"
#include "sp1/air/riscv/field_op.hpp"
#include "sp1/air/riscv/field_params.hpp"
#include "sp1/air/riscv/field_sqrt.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/air/riscv/weierstrass.hpp"

namespace zkgpu::sp1::air::riscv {

// The curve: d = -121665 / 121666 (EdwardsParameters::D), little-endian; the
// syscalls' ids (the codes' low bytes).
struct Ed25519Curve {
  using BaseField = Ed25519BaseField;
  static constexpr std::array<uint8_t, BaseField::kLimbs> kD{
      0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
      0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52};
  static constexpr uint32_t kAddSyscallId = 0x07, kDecompressSyscallId = 0x08;
};

inline constexpr size_t kEdCoordWords = kWordsFieldElement<Ed25519BaseField>;
inline constexpr size_t kEdPointWords = kWordsCurvePoint<Ed25519BaseField>;

template <class T>
struct EdAddAssignCols {
  using P = Ed25519BaseField;
  T is_real;
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> p_ptr;
  SyscallAddrOperation<T> q_ptr;
  std::array<AddrAddOperation<T>, kEdPointWords> p_addrs;
  std::array<AddrAddOperation<T>, kEdPointWords> q_addrs;
  std::array<MemoryAccessColsU8<T>, kEdPointWords> p_access;
  std::array<MemoryAccessColsU8<T>, kEdPointWords> q_access;
  FieldInnerProductCols<T, P> x3_numerator;
  FieldInnerProductCols<T, P> y3_numerator;
  FieldOpCols<T, P> x1_mul_y1;
  FieldOpCols<T, P> x2_mul_y2;
  FieldOpCols<T, P> f;
  FieldOpCols<T, P> d_mul_f;
  FieldDenCols<T, P> x3_ins;
  FieldDenCols<T, P> y3_ins;
  FieldLtCols<T, P> x3_range;
  FieldLtCols<T, P> y3_range;
};

template <class T>
struct EdAddAssignUserCols {
  EdAddAssignCols<T> base;
  AddressSlicePageProtOperation<T> read_slice_page_prot_access;
  AddressSlicePageProtOperation<T> write_slice_page_prot_access;
};

template <TrustMode M, Features F>
struct EdAddAssignChip : CurveChipLayout<EdAddAssignCols<size_t>, EdAddAssignUserCols<size_t>, M, F> {
  using P = Ed25519BaseField;
  using Layout = CurveChipLayout<EdAddAssignCols<size_t>, EdAddAssignUserCols<size_t>, M, F>;
  using Layout::cols;
  using Layout::kMain;
  static constexpr const char* kName = chip_name<M>("EdAddAssign", "EdAddAssignUser");

  template <class B>
  void eval(B& b) const {
    const auto& c = cols();
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    const std::array<E<B>, 3> p_ptr = main_addr(b, c.p_ptr.addr), q_ptr = main_addr(b, c.q_ptr.addr);
    const auto p_addrs = point_addrs(b, c.p_addrs), q_addrs = point_addrs(b, c.q_addrs);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, q_ptr, q_addrs[kEdPointWords - 1], kProtRead,
                           kMain.read_slice_page_prot_access, is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), p_ptr, p_addrs[kEdPointWords - 1],
                           kProtRead | kProtWrite, kMain.write_slice_page_prot_access, is_not_trap, trap_code);
    }
    const Poly<B> x1 = access_bytes<B, kEdCoordWords>(b, &c.p_access[0], is_not_trap);
    const Poly<B> x2 = access_bytes<B, kEdCoordWords>(b, &c.q_access[0], is_not_trap);
    const Poly<B> y1 = access_bytes<B, kEdCoordWords>(b, &c.p_access[kEdCoordWords], is_not_trap);
    const Poly<B> y2 = access_bytes<B, kEdCoordWords>(b, &c.q_access[kEdCoordWords], is_not_trap);

    // x3 = (x1 y2 + x2 y1) / (1 + d f), y3 = (y1 y2 + x1 x2) / (1 - d f), f = x1 y1 x2 y2.
    const Poly<B> x3_num = eval_field_inner_product<P>(b, c.x3_numerator, {x1, x2}, {y2, y1}, is_real);
    const Poly<B> y3_num = eval_field_inner_product<P>(b, c.y3_numerator, {y1, x1}, {y2, x2}, is_real);
    const Poly<B> x1y1 = eval_field_op<P>(b, c.x1_mul_y1, x1, y1, FieldOperation::Mul, is_real);
    const Poly<B> x2y2 = eval_field_op<P>(b, c.x2_mul_y2, x2, y2, FieldOperation::Mul, is_real);
    const Poly<B> f = eval_field_op<P>(b, c.f, x1y1, x2y2, FieldOperation::Mul, is_real);
    const Poly<B> d_mul_f =
        eval_field_op<P>(b, c.d_mul_f, f, constant_poly(b, Ed25519Curve::kD), FieldOperation::Mul, is_real);
    const Poly<B> modulus = constant_poly(b, P::kModulus);
    const Poly<B> x3 = eval_field_den<P>(b, c.x3_ins, x3_num, d_mul_f, true, is_real);
    eval_field_lt<P>(b, c.x3_range, x3, modulus, is_real);
    const Poly<B> y3 = eval_field_den<P>(b, c.y3_ins, y3_num, d_mul_f, false, is_real);
    eval_field_lt<P>(b, c.y3_range, y3, modulus, is_real);
    std::vector<E<B>> result = x3;
    result.insert(result.end(), y3.begin(), y3.end());
    const std::vector<Word<E<B>>> words = bytes_to_words(b, result);

    eval_syscall_addr(b, 2 * P::kLimbs, c.p_ptr, is_real);
    eval_syscall_addr(b, 2 * P::kLimbs, c.q_ptr, is_real);
    eval_point_addrs(b, q_ptr, c.q_addrs, is_real);
    eval_point_addrs(b, p_ptr, c.p_addrs, is_real);
    // Q read at clk, P written with (x3, y3) at clk + 1; the call received.
    for (size_t i = 0; i < kEdPointWords; ++i)
      eval_memory_read(b, clk_high, clk_low, q_addrs[i], c.q_access[i].memory_access, is_not_trap);
    for (size_t i = 0; i < kEdPointWords; ++i)
      eval_memory_access(b, clk_high, clk_low + b.constant(1), p_addrs[i], c.p_access[i].memory_access, words[i],
                         is_not_trap);
    receive_syscall(b, F, clk_high, clk_low, Ed25519Curve::kAddSyscallId, trap_code, p_ptr, q_ptr, is_real);
    eval_untrusted_flag(b, M, F);
  }
};

// EdDecompress's columns before and after the User chip's page checks.
template <class T>
struct EdDecompressHeadCols {
  T is_real;
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> ptr;
  std::array<AddrAddOperation<T>, kEdCoordWords> read_ptrs;
  std::array<AddrAddOperation<T>, kEdCoordWords> addrs;
  T sign;
  std::array<MemoryAccessCols<T>, kEdCoordWords> x_access;
  std::array<Word<T>, kEdCoordWords> x_value;
  std::array<MemoryAccessColsU8<T>, kEdCoordWords> y_access;
};

template <class T>
struct EdDecompressTailCols {
  using P = Ed25519BaseField;
  FieldLtCols<T, P> neg_x_range;
  FieldLtCols<T, P> y_range;
  FieldOpCols<T, P> yy;
  FieldOpCols<T, P> u;
  FieldOpCols<T, P> dyy;
  FieldOpCols<T, P> v;
  FieldOpCols<T, P> u_div_v;
  FieldSqrtCols<T, P> x;
  FieldOpCols<T, P> neg_x;
};

template <class T>
struct EdDecompressCols {
  EdDecompressHeadCols<T> head;
  EdDecompressTailCols<T> tail;
};

template <class T>
struct EdDecompressUserCols {
  EdDecompressHeadCols<T> head;
  AddressSlicePageProtOperation<T> read_slice_page_prot_access;
  AddressSlicePageProtOperation<T> write_slice_page_prot_access;
  EdDecompressTailCols<T> tail;
};

template <TrustMode M, Features F>
struct EdDecompressChip : ModeLayoutChip<EdDecompressCols, EdDecompressUserCols, M, F> {
  using P = Ed25519BaseField;
  using Base = ModeLayoutChip<EdDecompressCols, EdDecompressUserCols, M, F>;
  static constexpr const char* kName = chip_name<M>("EdDecompress", "EdDecompressUser");

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    const auto& t = Base::kMain.tail;
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    const E<B> sign = b.main(c.sign);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    const auto read_addrs = point_addrs(b, c.read_ptrs), addrs = point_addrs(b, c.addrs);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, read_addrs[0], read_addrs[kEdCoordWords - 1], kProtRead,
                           Base::kMain.read_slice_page_prot_access, is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), addrs[0], addrs[kEdCoordWords - 1], kProtWrite,
                           Base::kMain.write_slice_page_prot_access, is_not_trap, trap_code);
    }
    assert_bool(b, sign);
    assert_bool(b, is_real);
    const Poly<B> y = access_bytes<B, kEdCoordWords>(b, c.y_access.data(), is_not_trap);
    const Poly<B> modulus = constant_poly(b, P::kModulus);
    const Poly<B> one{b.constant(1)}, zero{b.constant(0)};
    eval_field_lt<P>(b, t.y_range, y, modulus, is_real);
    // u = y^2 - 1, v = 1 + d y^2, x = sqrt(u / v) (even), neg_x = 0 - x.
    const Poly<B> yy = eval_field_op<P>(b, t.yy, y, y, FieldOperation::Mul, is_real);
    const Poly<B> u = eval_field_op<P>(b, t.u, yy, one, FieldOperation::Sub, is_real);
    const Poly<B> dyy =
        eval_field_op<P>(b, t.dyy, constant_poly(b, Ed25519Curve::kD), yy, FieldOperation::Mul, is_real);
    const Poly<B> v = eval_field_op<P>(b, t.v, one, dyy, FieldOperation::Add, is_real);
    const Poly<B> u_div_v = eval_field_op<P>(b, t.u_div_v, u, v, FieldOperation::Div, is_real);
    const Poly<B> x = eval_field_sqrt<P>(b, t.x, u_div_v, b.constant(0), is_real);
    const Poly<B> neg_x = eval_field_op<P>(b, t.neg_x, zero, x, FieldOperation::Sub, is_real);
    eval_field_lt<P>(b, t.neg_x_range, neg_x, modulus, is_real);

    const std::array<E<B>, 3> ptr = eval_syscall_addr(b, 2 * P::kLimbs, c.ptr, is_real);
    const Word<E<B>> base = addr_word(b, ptr);
    for (size_t i = 0; i < kEdCoordWords; ++i)
      eval_addr_add(b, base, extend_word(b, b.constant(uint32_t(8 * i))), c.addrs[i], is_real);
    for (size_t i = 0; i < kEdCoordWords; ++i)
      eval_addr_add(b, base, extend_word(b, b.constant(uint32_t(8 * i + 32))), c.read_ptrs[i], is_real);
    // y read at clk, x written at clk + 1 with x_value: x or neg_x by the sign.
    for (size_t i = 0; i < kEdCoordWords; ++i)
      eval_memory_read(b, clk_high, clk_low, read_addrs[i], c.y_access[i].memory_access, is_not_trap);
    for (size_t i = 0; i < kEdCoordWords; ++i)
      eval_memory_access(b, clk_high, clk_low + b.constant(1), addrs[i], c.x_access[i], main_word(b, c.x_value[i]),
                         is_not_trap);
    const std::vector<Word<E<B>>> neg_x_words = bytes_to_words(b, neg_x), x_words = bytes_to_words(b, x);
    for (size_t i = 0; i < kEdCoordWords; ++i)
      for (size_t k = 0; k < 4; ++k) b.assert_zero(is_real * sign * (neg_x_words[i][k] - b.main(c.x_value[i][k])));
    for (size_t i = 0; i < kEdCoordWords; ++i)
      for (size_t k = 0; k < 4; ++k)
        b.assert_zero(is_real * not_cond(b, sign) * (x_words[i][k] - b.main(c.x_value[i][k])));
    const E<B> zero_e = b.constant(0);
    receive_syscall(b, F, clk_high, clk_low, Ed25519Curve::kDecompressSyscallId, trap_code, ptr,
                    {sign, zero_e, zero_e}, is_real);
    eval_untrusted_flag(b, M, F);
  }
};

}  // namespace zkgpu::sp1::air::riscv
