// SP1 v6.4's Fp2 operation precompile chips (crates/core/machine/src/syscall/
// precompiles/fptower/fp2_addsub.rs, fp2_mul.rs), one row per call of
// {BN254,BLS12381}_FP2_{ADD,SUB} (AddSub) or _FP2_MUL (Mul): x <- x op y in
// Fp2 = Fp[u] / (u^2 + 1), an element c0 + c1 u stored as c0 then c1 (each
// kWordsFieldElement words), y read at clk, x written with the result (each
// coordinate checked below p) at clk + 1.
//   AddSub  is_add (a bit) selects the operation and the syscall's id (SUB when
//           0); c0 and c1 are FieldOpCols::eval_variable of the coordinates
//           (is_add, 1 - is_add, no mul, no div).
//   Mul     a0 b0, a1 b1, a0 b1, a1 b0 (each a FieldOpCols product), then
//           c0 = a0 b0 - a1 b1 and c1 = a0 b1 + a1 b0.
// Neither constrains is_real to a bit (SP1's chips do not). The User chips put
// SP1's M::SliceProtCols (y read, x read-write) between the accesses and the
// field operations, and gate the accesses and the trap code on them.
//
// Columns (rv64im_costs.json): Bn254Fp2AddSubAssign 592, Bn254Fp2MulAssign 1095,
// Bls12381Fp2AddSubAssign 880, Bls12381Fp2MulAssign 1639, each User chip 48 more;
// constraints in rv64im_complexity{,_mprotect}.json.
#pragma once

#include "sp1/air/riscv/fp_op.hpp"

namespace zkgpu::sp1::air::riscv {

// The accesses both Fp2 chips share, after their flags.
template <class T, FieldParameters P>
struct Fp2Accesses {
  SyscallAddrOperation<T> x_ptr;
  SyscallAddrOperation<T> y_ptr;
  std::array<AddrAddOperation<T>, kWordsCurvePoint<P>> x_addrs;
  std::array<AddrAddOperation<T>, kWordsCurvePoint<P>> y_addrs;
  std::array<MemoryAccessColsU8<T>, kWordsCurvePoint<P>> x_access;
  std::array<MemoryAccessColsU8<T>, kWordsCurvePoint<P>> y_access;
};

template <class T, FieldParameters P>
struct Fp2AddSubHeadCols {
  T is_real;
  T clk_high;
  T clk_low;
  T is_add;
  Fp2Accesses<T, P> io;
};

template <class T, FieldParameters P>
struct Fp2AddSubTailCols {
  FieldOpCols<T, P> c0;
  FieldOpCols<T, P> c1;
  FieldLtCols<T, P> c0_range;
  FieldLtCols<T, P> c1_range;
};

template <class T, FieldParameters P>
struct Fp2MulHeadCols {
  T is_real;
  T clk_high;
  T clk_low;
  Fp2Accesses<T, P> io;
};

template <class T, FieldParameters P>
struct Fp2MulTailCols {
  FieldOpCols<T, P> a0_mul_b0;
  FieldOpCols<T, P> a1_mul_b1;
  FieldOpCols<T, P> a0_mul_b1;
  FieldOpCols<T, P> a1_mul_b0;
  FieldOpCols<T, P> c0;
  FieldOpCols<T, P> c1;
  FieldLtCols<T, P> c0_range;
  FieldLtCols<T, P> c1_range;
};

// A base field's Fp2 chips: names and the ids (low bytes of SyscallCode) of ADD,
// SUB and MUL (crates/core/executor/src/syscall_code.rs).
struct Bn254Fp2Ops {
  using Field = Bn254BaseField;
  static constexpr const char* kAddSubName = "Bn254Fp2AddSubAssign";
  static constexpr const char* kAddSubUserName = "Bn254Fp2AddSubAssignUser";
  static constexpr const char* kMulName = "Bn254Fp2MulAssign";
  static constexpr const char* kMulUserName = "Bn254Fp2MulAssignUser";
  static constexpr uint32_t kAddId = 0x29, kSubId = 0x2A, kMulId = 0x2B;
};

struct Bls12381Fp2Ops {
  using Field = Bls12381BaseField;
  static constexpr const char* kAddSubName = "Bls12381Fp2AddSubAssign";
  static constexpr const char* kAddSubUserName = "Bls12381Fp2AddSubAssignUser";
  static constexpr const char* kMulName = "Bls12381Fp2MulAssign";
  static constexpr const char* kMulUserName = "Bls12381Fp2MulAssignUser";
  static constexpr uint32_t kAddId = 0x23, kSubId = 0x24, kMulId = 0x25;
};

// The coordinates of x and y as read (generate_limbs: x.c0, y.c0, x.c1, y.c1).
template <class B>
struct Fp2Operands {
  Poly<B> x0, y0, x1, y1;
};

// What both chips evaluate around their field operations. `ops` gets the
// operands and returns the result's bytes (c0 then c1); `id` is the syscall id.
template <FieldParameters P, TrustMode M, Features F, class Main, class B, class Ops>
void eval_fp2_call(B& b, const Main& m, const E<B>& is_real, const E<B>& clk_high, const E<B>& clk_low,
                   const Fp2Accesses<size_t, P>& c, const E<B>& id, Ops&& ops) {
  constexpr size_t kWords = kWordsFieldElement<P>, kAll = kWordsCurvePoint<P>;
  E<B> is_not_trap = is_real, trap_code = b.constant(0);
  const std::array<E<B>, 3> x_ptr = main_addr(b, c.x_ptr.addr), y_ptr = main_addr(b, c.y_ptr.addr);
  if constexpr (M == TrustMode::User) {
    if (F == Features::Default) b.assert_zero(is_real);
    eval_slice_page_prot(b, clk_high, clk_low, y_ptr, main_addr(b, c.y_addrs[kAll - 1].value), kProtRead,
                         m.read_slice_page_prot_access, is_not_trap, trap_code);
    eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), x_ptr, main_addr(b, c.x_addrs[kAll - 1].value),
                         kProtRead | kProtWrite, m.write_slice_page_prot_access, is_not_trap, trap_code);
  }
  Fp2Operands<B> in;
  in.x0 = access_bytes<B, kWords>(b, &c.x_access[0], is_not_trap);
  in.y0 = access_bytes<B, kWords>(b, &c.y_access[0], is_not_trap);
  in.x1 = access_bytes<B, kWords>(b, &c.x_access[kWords], is_not_trap);
  in.y1 = access_bytes<B, kWords>(b, &c.y_access[kWords], is_not_trap);
  const std::vector<E<B>> result = ops(in);

  const uint32_t len = 2 * P::kLimbs;
  eval_syscall_addr(b, len, c.x_ptr, is_real);
  eval_syscall_addr(b, len, c.y_ptr, is_real);
  for (size_t i = 0; i < kAll; ++i)
    eval_addr_add(b, addr_word(b, x_ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.x_addrs[i], is_real);
  for (size_t i = 0; i < kAll; ++i)
    eval_addr_add(b, addr_word(b, y_ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.y_addrs[i], is_real);
  for (size_t i = 0; i < kAll; ++i)
    eval_memory_read(b, clk_high, clk_low, main_addr(b, c.y_addrs[i].value), c.y_access[i].memory_access,
                     is_not_trap);
  const std::vector<Word<E<B>>> words = bytes_to_words(b, result);
  for (size_t i = 0; i < kAll; ++i)
    eval_memory_access(b, clk_high, clk_low + b.constant(1), main_addr(b, c.x_addrs[i].value),
                       c.x_access[i].memory_access, words[i], is_not_trap);
  receive_syscall(b, F, clk_high, clk_low, id, trap_code, x_ptr, y_ptr, is_real);
  eval_untrusted_flag(b, M, F);
}

template <class B>
std::vector<E<B>> concat_polys(const Poly<B>& a, const Poly<B>& b) {
  std::vector<E<B>> out(a.begin(), a.end());
  out.insert(out.end(), b.begin(), b.end());
  return out;
}

template <FieldParameters P>
using Fp2AddSubLayouts = FieldOpChipLayouts<P, Fp2AddSubHeadCols, Fp2AddSubTailCols>;
template <FieldParameters P>
using Fp2MulLayouts = FieldOpChipLayouts<P, Fp2MulHeadCols, Fp2MulTailCols>;

template <class Ops, TrustMode M, Features F>
struct Fp2AddSubChip : ModeLayoutChip<Fp2AddSubLayouts<typename Ops::Field>::template Supervisor,
                                      Fp2AddSubLayouts<typename Ops::Field>::template User, M, F> {
  using P = typename Ops::Field;
  using L = Fp2AddSubLayouts<P>;
  using Base = ModeLayoutChip<L::template Supervisor, L::template User, M, F>;
  static constexpr const char* kName = chip_name<M>(Ops::kAddSubName, Ops::kAddSubUserName);

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    const auto& t = Base::kMain.tail;
    const E<B> is_real = b.main(c.is_real), is_add = b.main(c.is_add);
    assert_bool(b, is_add);
    const E<B> is_sub = b.constant(1) - is_add;
    const E<B> id = is_add * b.constant(Ops::kAddId) + is_sub * b.constant(Ops::kSubId);
    const Poly<B> modulus = constant_poly(b, P::kModulus);
    // eval_variable (no multiplication or division: their flags are 0).
    const auto add_or_sub = [&](const FieldOpCols<size_t, P>& op, const Poly<B>& x, const Poly<B>& y) {
      const Poly<B> result = main_poly(b, op.result);
      const Poly<B> lhs = poly_add<B>(poly_scale<B>(result, is_add), poly_scale<B>(x, is_sub));
      const Poly<B> rhs = poly_add<B>(poly_scale<B>(poly_add<B>(x, y), is_add),
                                      poly_scale<B>(poly_add<B>(result, y), is_sub));
      eval_field_polynomials<P>(b, op, rhs, modulus, lhs, is_real);
      return result;
    };
    const auto ops = [&](const Fp2Operands<B>& in) {
      const Poly<B> c0 = add_or_sub(t.c0, in.x0, in.y0);
      const Poly<B> c1 = add_or_sub(t.c1, in.x1, in.y1);
      eval_field_lt<P>(b, t.c0_range, c0, modulus, is_real);
      eval_field_lt<P>(b, t.c1_range, c1, modulus, is_real);
      return concat_polys<B>(c0, c1);
    };
    eval_fp2_call<P, M, F>(b, Base::kMain, is_real, b.main(c.clk_high), b.main(c.clk_low), c.io, id, ops);
  }
};

template <class Ops, TrustMode M, Features F>
struct Fp2MulChip : ModeLayoutChip<Fp2MulLayouts<typename Ops::Field>::template Supervisor,
                                   Fp2MulLayouts<typename Ops::Field>::template User, M, F> {
  using P = typename Ops::Field;
  using L = Fp2MulLayouts<P>;
  using Base = ModeLayoutChip<L::template Supervisor, L::template User, M, F>;
  static constexpr const char* kName = chip_name<M>(Ops::kMulName, Ops::kMulUserName);

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    const auto& t = Base::kMain.tail;
    const E<B> is_real = b.main(c.is_real);
    const Poly<B> modulus = constant_poly(b, P::kModulus);
    const auto op = [&](const FieldOpCols<size_t, P>& cols, const Poly<B>& x, const Poly<B>& y, FieldOperation o) {
      return eval_field_op_mod<P>(b, cols, x, y, modulus, o, is_real);
    };
    const auto ops = [&](const Fp2Operands<B>& in) {
      const Poly<B> a0b0 = op(t.a0_mul_b0, in.x0, in.y0, FieldOperation::Mul);
      const Poly<B> a1b1 = op(t.a1_mul_b1, in.x1, in.y1, FieldOperation::Mul);
      const Poly<B> c0 = op(t.c0, a0b0, a1b1, FieldOperation::Sub);
      const Poly<B> a0b1 = op(t.a0_mul_b1, in.x0, in.y1, FieldOperation::Mul);
      const Poly<B> a1b0 = op(t.a1_mul_b0, in.x1, in.y0, FieldOperation::Mul);
      const Poly<B> c1 = op(t.c1, a0b1, a1b0, FieldOperation::Add);
      eval_field_lt<P>(b, t.c0_range, c0, modulus, is_real);
      eval_field_lt<P>(b, t.c1_range, c1, modulus, is_real);
      return concat_polys<B>(c0, c1);
    };
    eval_fp2_call<P, M, F>(b, Base::kMain, is_real, b.main(c.clk_high), b.main(c.clk_low), c.io,
                           b.constant(Ops::kMulId), ops);
  }
};

template <TrustMode M, Features F>
using Bn254Fp2AddSubChip = Fp2AddSubChip<Bn254Fp2Ops, M, F>;
template <TrustMode M, Features F>
using Bn254Fp2MulChip = Fp2MulChip<Bn254Fp2Ops, M, F>;
template <TrustMode M, Features F>
using Bls12381Fp2AddSubChip = Fp2AddSubChip<Bls12381Fp2Ops, M, F>;
template <TrustMode M, Features F>
using Bls12381Fp2MulChip = Fp2MulChip<Bls12381Fp2Ops, M, F>;

}  // namespace zkgpu::sp1::air::riscv
