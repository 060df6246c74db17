// SP1 v6.4's short-Weierstrass curve precompiles (crates/core/machine/src/syscall/
// precompiles/weierstrass/weierstrass_{add,double}.rs), one row per call, over a
// curve's parameters (weierstrass_curves.hpp: secp256k1, secp256r1, BN254, BLS12-381):
//   AddAssign(p_ptr, q_ptr)  reads Q at clk, writes P + Q over P at clk + 1:
//                            slope = (q.y - p.y) / (q.x - p.x) (q.x - p.x checked
//                            invertible), x3 = slope^2 - (p.x + q.x),
//                            y3 = slope (p.x - x3) - p.y
//   DoubleAssign(p_ptr)      writes 2P over P at clk: slope = (a + 3 p.x^2) / (2 p.y),
//                            x3 = slope^2 - 2 p.x, y3 = slope (p.x - x3) - p.y
// Coordinates are the field's u8 limbs (field_op.hpp), read from the accesses'
// previous values (MemoryAccessColsU8); x3 and y3 are checked below the modulus
// (FieldLtCols) and written as words. The constraints come in SP1's order, which
// differs from the columns' (the field operations are evaluated in formula order).
// The User chips add SP1's M::SliceProtCols at the end (an
// AddressSlicePageProtOperation per slice: Q read, P read-write; P only for
// doubling) and then gate the accesses and the syscall's trap code on them.
//
// Columns: AddAssign 1599, AddAssignUser 1647, DoubleAssign 1591, DoubleAssignUser
// 1615 over a 32-limb field (secp256k1, secp256r1, BN254); 2399, 2447, 2391, 2415 over
// BLS12-381's 48 limbs (SP1's rv64im_costs.json). Constraints 918, 1001, 904, 945 and
// 1374, 1457, 1356, 1397 (rv64im_complexity.json; `mprotect`'s assertion of the
// untrusted-code flag adds one to each Supervisor chip).
#pragma once

#include <type_traits>

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/field_op.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/air/riscv/weierstrass_curves.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T, FieldParameters P>
struct WeierstrassAddAssignCols {
  T is_real;
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> p_ptr;
  SyscallAddrOperation<T> q_ptr;
  std::array<AddrAddOperation<T>, kWordsCurvePoint<P>> p_addrs;
  std::array<AddrAddOperation<T>, kWordsCurvePoint<P>> q_addrs;
  std::array<MemoryAccessColsU8<T>, kWordsCurvePoint<P>> p_access;
  std::array<MemoryAccessColsU8<T>, kWordsCurvePoint<P>> q_access;
  FieldOpCols<T, P> slope_denominator;
  FieldOpCols<T, P> inverse_check;
  FieldOpCols<T, P> slope_numerator;
  FieldOpCols<T, P> slope;
  FieldOpCols<T, P> slope_squared;
  FieldOpCols<T, P> p_x_plus_q_x;
  FieldOpCols<T, P> x3_ins;
  FieldOpCols<T, P> p_x_minus_x;
  FieldOpCols<T, P> y3_ins;
  FieldOpCols<T, P> slope_times_p_x_minus_x;
  FieldLtCols<T, P> x3_range;
  FieldLtCols<T, P> y3_range;
};

template <class T, FieldParameters P>
struct WeierstrassAddAssignUserCols {
  WeierstrassAddAssignCols<T, P> base;
  AddressSlicePageProtOperation<T> read_slice_page_prot_access;
  AddressSlicePageProtOperation<T> write_slice_page_prot_access;
};

template <class T, FieldParameters P>
struct WeierstrassDoubleAssignCols {
  T is_real;
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> p_ptr;
  std::array<AddrAddOperation<T>, kWordsCurvePoint<P>> p_addrs;
  std::array<MemoryAccessColsU8<T>, kWordsCurvePoint<P>> p_access;
  FieldOpCols<T, P> slope_denominator;
  FieldOpCols<T, P> slope_numerator;
  FieldOpCols<T, P> slope;
  FieldOpCols<T, P> p_x_squared;
  FieldOpCols<T, P> p_x_squared_times_3;
  FieldOpCols<T, P> slope_squared;
  FieldOpCols<T, P> p_x_plus_p_x;
  FieldOpCols<T, P> x3_ins;
  FieldOpCols<T, P> p_x_minus_x;
  FieldOpCols<T, P> y3_ins;
  FieldOpCols<T, P> slope_times_p_x_minus_x;
  FieldLtCols<T, P> x3_range;
  FieldLtCols<T, P> y3_range;
};

template <class T, FieldParameters P>
struct WeierstrassDoubleAssignUserCols {
  WeierstrassDoubleAssignCols<T, P> base;
  AddressSlicePageProtOperation<T> write_slice_page_prot_access;
};

// The words' addresses of a point at ptr (ptr + 8 i) as expressions.
template <class B, size_t N>
std::array<std::array<E<B>, 3>, N> point_addrs(B& b, const std::array<AddrAddOperation<size_t>, N>& cols) {
  std::array<std::array<E<B>, 3>, N> out;
  for (size_t i = 0; i < N; ++i) out[i] = main_addr(b, cols[i].value);
  return out;
}

// ptr's SyscallAddrOperation, then AddrAddOperation ptr + 8 i for each word.
template <class B, size_t N>
void eval_point_addrs(B& b, const std::array<E<B>, 3>& ptr, const std::array<AddrAddOperation<size_t>, N>& cols,
                      const E<B>& is_real) {
  const Word<E<B>> base = addr_word(b, ptr);
  for (size_t i = 0; i < N; ++i) eval_addr_add(b, base, extend_word(b, b.constant(uint32_t(8 * i))), cols[i], is_real);
}

// x3 and y3 below the modulus.
template <FieldParameters P, class B>
void eval_result_range(B& b, const FieldOpCols<size_t, P>& x3, const FieldOpCols<size_t, P>& y3,
                                          const FieldLtCols<size_t, P>& x3_range,
                                          const FieldLtCols<size_t, P>& y3_range, const E<B>& is_real) {
  const Poly<B> modulus = constant_poly(b, P::kModulus);
  eval_field_lt<P>(b, x3_range, main_poly(b, x3.result), modulus, is_real);
  eval_field_lt<P>(b, y3_range, main_poly(b, y3.result), modulus, is_real);
}

// The point (x3, y3) as the words written.
template <FieldParameters P, class B>
std::vector<Word<E<B>>> result_words(B& b, const FieldOpCols<size_t, P>& x3, const FieldOpCols<size_t, P>& y3) {
  std::vector<E<B>> bytes = main_poly(b, x3.result);
  const Poly<B> y = main_poly(b, y3.result);
  bytes.insert(bytes.end(), y.begin(), y.end());
  return bytes_to_words(b, bytes);
}

// x3 = slope^2 - (p.x + other.x) and y3 = slope (p.x - x3) - p.y, with `sum` the
// columns of p.x + other.x (SP1 evaluates the sum after slope^2).
template <FieldParameters P, class B, class Cols>
void eval_slope_to_point(B& b, const Cols& c, const FieldOpCols<size_t, P>& sum, const Poly<B>& p_x,
                         const Poly<B>& other_x, const Poly<B>& p_y, const E<B>& is_real) {
  const Poly<B> slope = main_poly(b, c.slope.result);
  const Poly<B> slope_squared = eval_field_op<P>(b, c.slope_squared, slope, slope, FieldOperation::Mul, is_real);
  const Poly<B> x_sum = eval_field_op<P>(b, sum, p_x, other_x, FieldOperation::Add, is_real);
  const Poly<B> x3 = eval_field_op<P>(b, c.x3_ins, slope_squared, x_sum, FieldOperation::Sub, is_real);
  const Poly<B> dx = eval_field_op<P>(b, c.p_x_minus_x, p_x, x3, FieldOperation::Sub, is_real);
  const Poly<B> product = eval_field_op<P>(b, c.slope_times_p_x_minus_x, slope, dx, FieldOperation::Mul, is_real);
  eval_field_op<P>(b, c.y3_ins, product, p_y, FieldOperation::Sub, is_real);
  eval_result_range<P>(b, c.x3_ins, c.y3_ins, c.x3_range, c.y3_range, is_real);
}

// What a curve chip's two layouts share: the mode's layout (User: Sup's columns
// first) and the Supervisor columns' map in either.
template <class Sup, class User, TrustMode M, Features F>
struct CurveChipLayout {
  using Map = std::conditional_t<M == TrustMode::User, User, Sup>;
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<Map>();
  static constexpr size_t kWidth = num_cols<Map>;
  static constexpr size_t kPreprocessedWidth = 0;

  static constexpr const Sup& cols() {
    if constexpr (M == TrustMode::User) return kMain.base;
    else return kMain;
  }
};

template <class Curve, TrustMode M, Features F>
struct WeierstrassAddAssignChip
    : CurveChipLayout<WeierstrassAddAssignCols<size_t, typename Curve::BaseField>,
                      WeierstrassAddAssignUserCols<size_t, typename Curve::BaseField>, M, F> {
  using P = typename Curve::BaseField;
  static constexpr size_t kWords = kWordsCurvePoint<P>, kCoordWords = kWordsFieldElement<P>;
  using Layout =
      CurveChipLayout<WeierstrassAddAssignCols<size_t, P>, WeierstrassAddAssignUserCols<size_t, P>, M, F>;
  using Layout::cols;
  using Layout::kMain;
  static constexpr const char* kName = chip_name<M>(Curve::kAddName, Curve::kAddUserName);

  template <class B>
  void eval(B& b) const {
    const auto& c = cols();
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    eval_untrusted_flag(b, M, F);
    const std::array<E<B>, 3> p_ptr = main_addr(b, c.p_ptr.addr), q_ptr = main_addr(b, c.q_ptr.addr);
    const auto p_addrs = point_addrs(b, c.p_addrs), q_addrs = point_addrs(b, c.q_addrs);
    // Q read at clk, P written with (x3, y3) at clk + 1; the call received.
    const auto accesses = [&] {
      for (size_t i = 0; i < kWords; ++i)
        eval_memory_read(b, clk_high, clk_low, q_addrs[i], c.q_access[i].memory_access, is_not_trap);
      const std::vector<Word<E<B>>> words = result_words<P>(b, c.x3_ins, c.y3_ins);
      for (size_t i = 0; i < kWords; ++i)
        eval_memory_access(b, clk_high, clk_low + b.constant(1), p_addrs[i], c.p_access[i].memory_access, words[i],
                           is_not_trap);
      receive_syscall(b, F, clk_high, clk_low, Curve::kAddSyscallId, trap_code, p_ptr, q_ptr, is_real);
    };
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, q_ptr, q_addrs[kWords - 1], kProtRead,
                           kMain.read_slice_page_prot_access, is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), p_ptr, p_addrs[kWords - 1], kProtRead | kProtWrite,
                           kMain.write_slice_page_prot_access, is_not_trap, trap_code);
      accesses();
    }
    const Poly<B> p_x = access_bytes<B, kCoordWords>(b, &c.p_access[0], is_not_trap);
    const Poly<B> p_y = access_bytes<B, kCoordWords>(b, &c.p_access[kCoordWords], is_not_trap);
    const Poly<B> q_x = access_bytes<B, kCoordWords>(b, &c.q_access[0], is_not_trap);
    const Poly<B> q_y = access_bytes<B, kCoordWords>(b, &c.q_access[kCoordWords], is_not_trap);

    // slope = (q.y - p.y) / (q.x - p.x), with 1 / (q.x - p.x) showing the
    // denominator nonzero.
    const Poly<B> num = eval_field_op<P>(b, c.slope_numerator, q_y, p_y, FieldOperation::Sub, is_real);
    const Poly<B> den = eval_field_op<P>(b, c.slope_denominator, q_x, p_x, FieldOperation::Sub, is_real);
    eval_field_op<P>(b, c.inverse_check, small_constant_poly<P>(b, 1), den, FieldOperation::Div, is_real);
    eval_field_op<P>(b, c.slope, num, den, FieldOperation::Div, is_real);
    eval_slope_to_point<P>(b, c, c.p_x_plus_q_x, p_x, q_x, p_y, is_real);

    const uint32_t len = 2 * P::kLimbs;
    eval_syscall_addr(b, len, c.p_ptr, is_real);
    eval_syscall_addr(b, len, c.q_ptr, is_real);
    eval_point_addrs(b, p_ptr, c.p_addrs, is_real);
    eval_point_addrs(b, q_ptr, c.q_addrs, is_real);
    if constexpr (M == TrustMode::Supervisor) accesses();
  }
};

template <class Curve, TrustMode M, Features F>
struct WeierstrassDoubleAssignChip
    : CurveChipLayout<WeierstrassDoubleAssignCols<size_t, typename Curve::BaseField>,
                      WeierstrassDoubleAssignUserCols<size_t, typename Curve::BaseField>, M, F> {
  using P = typename Curve::BaseField;
  static constexpr size_t kWords = kWordsCurvePoint<P>, kCoordWords = kWordsFieldElement<P>;
  using Layout =
      CurveChipLayout<WeierstrassDoubleAssignCols<size_t, P>, WeierstrassDoubleAssignUserCols<size_t, P>, M, F>;
  using Layout::cols;
  using Layout::kMain;
  static constexpr const char* kName = chip_name<M>(Curve::kDoubleName, Curve::kDoubleUserName);

  template <class B>
  void eval(B& b) const {
    const auto& c = cols();
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    eval_untrusted_flag(b, M, F);
    const std::array<E<B>, 3> p_ptr = main_addr(b, c.p_ptr.addr);
    const auto p_addrs = point_addrs(b, c.p_addrs);
    // P written with (x3, y3) at clk; the call received.
    const auto accesses = [&] {
      const std::vector<Word<E<B>>> words = result_words<P>(b, c.x3_ins, c.y3_ins);
      for (size_t i = 0; i < kWords; ++i)
        eval_memory_access(b, clk_high, clk_low, p_addrs[i], c.p_access[i].memory_access, words[i], is_not_trap);
      const E<B> zero = b.constant(0);
      receive_syscall(b, F, clk_high, clk_low, Curve::kDoubleSyscallId, trap_code, p_ptr, {zero, zero, zero},
                      is_real);
    };
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, p_ptr, p_addrs[kWords - 1], kProtRead | kProtWrite,
                           kMain.write_slice_page_prot_access, is_not_trap, trap_code);
      accesses();
    }
    const Poly<B> p_x = access_bytes<B, kCoordWords>(b, &c.p_access[0], is_not_trap);
    const Poly<B> p_y = access_bytes<B, kCoordWords>(b, &c.p_access[kCoordWords], is_not_trap);

    // slope = (a + 3 p.x^2) / (2 p.y).
    const Poly<B> x_squared = eval_field_op<P>(b, c.p_x_squared, p_x, p_x, FieldOperation::Mul, is_real);
    const Poly<B> times_3 = eval_field_op<P>(b, c.p_x_squared_times_3, x_squared, small_constant_poly<P>(b, 3),
                                             FieldOperation::Mul, is_real);
    const Poly<B> num =
        eval_field_op<P>(b, c.slope_numerator, constant_poly(b, Curve::kA), times_3, FieldOperation::Add, is_real);
    const Poly<B> den =
        eval_field_op<P>(b, c.slope_denominator, small_constant_poly<P>(b, 2), p_y, FieldOperation::Mul, is_real);
    eval_field_op<P>(b, c.slope, num, den, FieldOperation::Div, is_real);
    eval_slope_to_point<P>(b, c, c.p_x_plus_p_x, p_x, p_x, p_y, is_real);

    eval_syscall_addr(b, 2 * P::kLimbs, c.p_ptr, is_real);
    eval_point_addrs(b, p_ptr, c.p_addrs, is_real);
    if constexpr (M == TrustMode::Supervisor) accesses();
  }
};

template <TrustMode M, Features F>
using Secp256k1AddAssignChip = WeierstrassAddAssignChip<Secp256k1Curve, M, F>;
template <TrustMode M, Features F>
using Secp256k1DoubleAssignChip = WeierstrassDoubleAssignChip<Secp256k1Curve, M, F>;
template <TrustMode M, Features F>
using Secp256r1AddAssignChip = WeierstrassAddAssignChip<Secp256r1Curve, M, F>;
template <TrustMode M, Features F>
using Secp256r1DoubleAssignChip = WeierstrassDoubleAssignChip<Secp256r1Curve, M, F>;
template <TrustMode M, Features F>
using Bn254AddAssignChip = WeierstrassAddAssignChip<Bn254Curve, M, F>;
template <TrustMode M, Features F>
using Bn254DoubleAssignChip = WeierstrassDoubleAssignChip<Bn254Curve, M, F>;
template <TrustMode M, Features F>
using Bls12381AddAssignChip = WeierstrassAddAssignChip<Bls12381Curve, M, F>;
template <TrustMode M, Features F>
using Bls12381DoubleAssignChip = WeierstrassDoubleAssignChip<Bls12381Curve, M, F>;

}  // namespace zkgpu::sp1::air::riscv
