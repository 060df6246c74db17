// SP1 v6.4's Fp operation precompile chips (crates/core/machine/src/syscall/
// precompiles/fptower/fp.rs), one row per call of {BN254,BLS12381}_FP_{ADD,SUB,MUL}
// (x <- x op y mod p): is_add, is_sub and is_mul (bits, one set) select the
// operation, the syscall's id and FieldOpCols::eval_variable's polynomials
//   result (is_add + is_mul) + x is_sub  =  (x + y) is_add + (result + y) is_sub
//                                          + x y is_mul  (mod p),
// y read at clk, x written with the result (checked below p) at clk + 1. The User
// chips put SP1's M::SliceProtCols (y read, x read-write) between the accesses and
// the field operation, and gate the accesses and the trap code on them.
//
// Columns: Bn254FpOpAssign 306, User 354; Bls12381FpOpAssign 450, User 498
// (rv64im_costs.json); constraints in rv64im_complexity{,_mprotect}.json.
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/field_op.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T, FieldParameters P>
struct FpOpHeadCols {
  T is_real;
  T clk_high;
  T clk_low;
  T is_add;
  T is_sub;
  T is_mul;
  SyscallAddrOperation<T> x_ptr;
  SyscallAddrOperation<T> y_ptr;
  std::array<AddrAddOperation<T>, kWordsFieldElement<P>> x_addrs;
  std::array<AddrAddOperation<T>, kWordsFieldElement<P>> y_addrs;
  std::array<MemoryAccessColsU8<T>, kWordsFieldElement<P>> x_access;
  std::array<MemoryAccessColsU8<T>, kWordsFieldElement<P>> y_access;
};

template <class T, FieldParameters P>
struct FpOpTailCols {
  FieldOpCols<T, P> output;
  FieldLtCols<T, P> output_range;
};

// A field-operation chip's layouts (the Fp and Fp2 chips): its head, then (User)
// the read and the written slice's page checks, then its tail.
template <FieldParameters P, template <class, FieldParameters> class Head, template <class, FieldParameters> class Tail>
struct FieldOpChipLayouts {
  template <class T>
  struct Supervisor {
    Head<T, P> head;
    Tail<T, P> tail;
  };
  template <class T>
  struct User {
    Head<T, P> head;
    AddressSlicePageProtOperation<T> read_slice_page_prot_access;
    AddressSlicePageProtOperation<T> write_slice_page_prot_access;
    Tail<T, P> tail;
  };
};

template <FieldParameters P>
using FpOpLayouts = FieldOpChipLayouts<P, FpOpHeadCols, FpOpTailCols>;

// A base field's Fp chips: names and the ids (low bytes of SyscallCode) of ADD,
// SUB and MUL (crates/core/executor/src/syscall_code.rs).
struct Bn254FpOps {
  using Field = Bn254BaseField;
  static constexpr const char* kName = "Bn254FpOpAssign";
  static constexpr const char* kUserName = "Bn254FpOpAssignUser";
  static constexpr uint32_t kAddId = 0x26, kSubId = 0x27, kMulId = 0x28;
};

struct Bls12381FpOps {
  using Field = Bls12381BaseField;
  static constexpr const char* kName = "Bls12381FpOpAssign";
  static constexpr const char* kUserName = "Bls12381FpOpAssignUser";
  static constexpr uint32_t kAddId = 0x20, kSubId = 0x21, kMulId = 0x22;
};

// k x, coefficient-wise.
template <class B>
Poly<B> poly_scale(const Poly<B>& x, const E<B>& k) {
  Poly<B> out(x.size());
  for (size_t i = 0; i < x.size(); ++i) out[i] = x[i] * k;
  return out;
}

template <class Ops, TrustMode M, Features F>
struct FpOpChip : ModeLayoutChip<FpOpLayouts<typename Ops::Field>::template Supervisor,
                                 FpOpLayouts<typename Ops::Field>::template User, M, F> {
  using P = typename Ops::Field;
  using Base = ModeLayoutChip<FpOpLayouts<P>::template Supervisor, FpOpLayouts<P>::template User, M, F>;
  static constexpr size_t kWords = kWordsFieldElement<P>;
  static constexpr const char* kName = chip_name<M>(Ops::kName, Ops::kUserName);

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    const auto& t = Base::kMain.tail;
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    const E<B> is_add = b.main(c.is_add), is_sub = b.main(c.is_sub), is_mul = b.main(c.is_mul);
    assert_bool(b, is_add);
    assert_bool(b, is_sub);
    assert_bool(b, is_mul);
    assert_bool(b, is_real);
    b.assert_zero(is_add + is_sub + is_mul - b.constant(1));

    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    const std::array<E<B>, 3> x_ptr = main_addr(b, c.x_ptr.addr), y_ptr = main_addr(b, c.y_ptr.addr);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, y_ptr, main_addr(b, c.y_addrs[kWords - 1].value), kProtRead,
                           Base::kMain.read_slice_page_prot_access, is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), x_ptr, main_addr(b, c.x_addrs[kWords - 1].value),
                           kProtRead | kProtWrite, Base::kMain.write_slice_page_prot_access, is_not_trap, trap_code);
    }
    const Poly<B> x = access_bytes<B, kWords>(b, c.x_access.data(), is_not_trap);
    const Poly<B> y = access_bytes<B, kWords>(b, c.y_access.data(), is_not_trap);

    // eval_variable (no division: its flag is the constant 0).
    const Poly<B> result = main_poly(b, t.output.result);
    const Poly<B> lhs = poly_add<B>(poly_scale<B>(result, is_add + is_mul), poly_scale<B>(x, is_sub));
    const Poly<B> op = poly_add<B>(poly_add<B>(poly_scale<B>(poly_add<B>(x, y), is_add),
                                               poly_scale<B>(poly_add<B>(result, y), is_sub)),
                                   poly_scale<B>(poly_mul<B>(x, y), is_mul));
    const Poly<B> modulus = constant_poly(b, P::kModulus);
    eval_field_polynomials<P>(b, t.output, op, modulus, lhs, is_real);
    eval_field_lt<P>(b, t.output_range, result, modulus, is_real);

    eval_syscall_addr(b, P::kLimbs, c.x_ptr, is_real);
    eval_syscall_addr(b, P::kLimbs, c.y_ptr, is_real);
    for (size_t i = 0; i < kWords; ++i)
      eval_addr_add(b, addr_word(b, x_ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.x_addrs[i], is_real);
    for (size_t i = 0; i < kWords; ++i)
      eval_addr_add(b, addr_word(b, y_ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.y_addrs[i], is_real);
    for (size_t i = 0; i < kWords; ++i)
      eval_memory_read(b, clk_high, clk_low, main_addr(b, c.y_addrs[i].value), c.y_access[i].memory_access,
                       is_not_trap);
    const std::vector<Word<E<B>>> words = bytes_to_words(b, result);
    for (size_t i = 0; i < kWords; ++i)
      eval_memory_access(b, clk_high, clk_low + b.constant(1), main_addr(b, c.x_addrs[i].value),
                         c.x_access[i].memory_access, words[i], is_not_trap);
    const E<B> id = is_add * b.constant(Ops::kAddId) + is_sub * b.constant(Ops::kSubId) +
                    is_mul * b.constant(Ops::kMulId);
    receive_syscall(b, F, clk_high, clk_low, id, trap_code, x_ptr, y_ptr, is_real);
    eval_untrusted_flag(b, M, F);
  }
};

template <TrustMode M, Features F>
using Bn254FpOpChip = FpOpChip<Bn254FpOps, M, F>;
template <TrustMode M, Features F>
using Bls12381FpOpChip = FpOpChip<Bls12381FpOps, M, F>;

}  // namespace zkgpu::sp1::air::riscv
