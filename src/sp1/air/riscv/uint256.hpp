// SP1 v6.4's 256-bit integer precompile chips (crates/core/machine/src/syscall/
// precompiles/uint256/air.rs and uint256_ops/air.rs), one row a call:
//   Uint256MulMod  UINT256_MUL: x <- x y mod m, y and m read from y_ptr (m at
//                  y_ptr + 32) at clk, x written at clk + 1; m = 0 (IsZero of the
//                  sum of its bytes) reduces by 2^256 instead, and only a nonzero m
//                  bounds the result (FieldLtCols gated by modulus_is_not_zero)
//   Uint256Ops     UINT256_ADD_CARRY and UINT256_MUL_CARRY (is_add, is_mul):
//                  (a + b or a b) + c = d + 2^256 e, with c_ptr, d_ptr and e_ptr read
//                  from registers x12, x13, x14 at clk, a read at clk, b at clk + 1,
//                  c at clk + 2, d written at clk + 3 and e at clk + 4; e is the
//                  field operation's carry
// The User chips append SP1's M::SliceProtCols (one AddressSlicePageProtOperation
// a slice) and gate the operand accesses and the trap code on them.
//
// Columns: Uint256MulMod 371, User 419; Uint256Ops 477, User 597 (rv64im_costs.json);
// constraints in rv64im_complexity{,_mprotect}.json.
#pragma once

#include <utility>

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/field_u256.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"

namespace zkgpu::sp1::air::riscv {

inline constexpr size_t kU256Words = U256Field::kLimbs / 8;

// SyscallCode ids (low bytes, crates/core/executor/src/syscall_code.rs).
inline constexpr uint32_t kUint256MulId = 0x1D, kUint256AddCarryId = 0x30, kUint256MulCarryId = 0x31;

template <class T>
struct Uint256MulCols {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> x_ptr;
  SyscallAddrOperation<T> y_ptr;
  std::array<AddrAddOperation<T>, kU256Words> x_addrs;
  std::array<AddrAddOperation<T>, 2 * kU256Words> y_and_modulus_addrs;
  std::array<MemoryAccessColsU8<T>, kU256Words> x_memory;
  std::array<MemoryAccessColsU8<T>, kU256Words> y_memory;
  std::array<MemoryAccessColsU8<T>, kU256Words> modulus_memory;
  IsZeroOperation<T> modulus_is_zero;
  T modulus_is_not_zero;  // is_real (1 - modulus_is_zero.result)
  U256FieldOpCols<T> output;
  FieldLtCols<T, U256Limbs> output_range_check;
  T is_real;
};

template <class T>
struct Uint256MulUserCols {
  Uint256MulCols<T> head;
  AddressSlicePageProtOperation<T> address_slice_page_prot_access_x;
  AddressSlicePageProtOperation<T> address_slice_page_prot_access_y;
};

template <class T>
struct Uint256MulSupervisorCols {
  Uint256MulCols<T> head;
};

template <TrustMode M, Features F>
struct Uint256MulModChip : ModeLayoutChip<Uint256MulSupervisorCols, Uint256MulUserCols, M, F> {
  using Base = ModeLayoutChip<Uint256MulSupervisorCols, Uint256MulUserCols, M, F>;
  static constexpr const char* kName = chip_name<M>("Uint256MulMod", "Uint256MulModUser");

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    constexpr size_t W = kU256Words;
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, main_addr(b, c.y_ptr.addr),
                           main_addr(b, c.y_and_modulus_addrs[2 * W - 1].value), kProtRead,
                           Base::kMain.address_slice_page_prot_access_y, is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), main_addr(b, c.x_ptr.addr),
                           main_addr(b, c.x_addrs[W - 1].value), kProtRead | kProtWrite,
                           Base::kMain.address_slice_page_prot_access_x, is_not_trap, trap_code);
    }
    // x is the previous value of the words the result overwrites.
    const Poly<B> x = access_bytes<B, W>(b, c.x_memory.data(), is_not_trap);
    const Poly<B> y = access_bytes<B, W>(b, c.y_memory.data(), is_not_trap);
    const Poly<B> m = access_bytes<B, W>(b, c.modulus_memory.data(), is_not_trap);

    E<B> byte_sum = b.constant(0);
    for (const E<B>& limb : m) byte_sum = byte_sum + limb;
    eval_is_zero(b, byte_sum, c.modulus_is_zero, is_real);
    const E<B> is_zero = b.main(c.modulus_is_zero.result);
    const Poly<B> modulus = poly_add<B>(poly_scale_u256<B>(m, b.constant(1) - is_zero),
                                        poly_scale_u256<B>(two_pow_256_poly(b), is_zero));
    eval_u256_polynomials(b, c.output, poly_mul<B>(x, y), modulus, is_real);
    const E<B> is_not_zero = b.main(c.modulus_is_not_zero);
    eval_field_lt<U256Limbs>(b, c.output_range_check, main_poly(b, c.output.result), m, is_not_zero);
    b.assert_zero(is_not_zero - is_real * (b.constant(1) - is_zero));

    const std::vector<Word<E<B>>> result = bytes_to_words(b, main_poly(b, c.output.result));
    const std::array<E<B>, 3> x_ptr = eval_syscall_addr(b, 32, c.x_ptr, is_real);
    const std::array<E<B>, 3> y_ptr = eval_syscall_addr(b, 64, c.y_ptr, is_real);
    for (size_t i = 0; i < W; ++i)
      eval_addr_add(b, addr_word(b, x_ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.x_addrs[i], is_real);
    for (size_t i = 0; i < 2 * W; ++i)
      eval_addr_add(b, addr_word(b, y_ptr), extend_word(b, b.constant(uint32_t(8 * i))), c.y_and_modulus_addrs[i],
                    is_real);
    for (size_t i = 0; i < W; ++i)
      eval_memory_access(b, clk_high, clk_low + b.constant(1), main_addr(b, c.x_addrs[i].value),
                         c.x_memory[i].memory_access, result[i], is_not_trap);
    for (size_t i = 0; i < 2 * W; ++i)
      eval_memory_read(b, clk_high, clk_low, main_addr(b, c.y_and_modulus_addrs[i].value),
                       i < W ? c.y_memory[i].memory_access : c.modulus_memory[i - W].memory_access, is_not_trap);
    receive_syscall(b, F, clk_high, clk_low, kUint256MulId, trap_code, x_ptr, y_ptr, is_real);
    eval_untrusted_flag(b, M, F);
  }

  // k x, coefficient-wise.
  template <class B>
  static Poly<B> poly_scale_u256(const Poly<B>& x, const E<B>& k) {
    Poly<B> out(x.size());
    for (size_t i = 0; i < x.size(); ++i) out[i] = x[i] * k;
    return out;
  }
};

template <class T>
struct Uint256OpsCols {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> a_ptr;
  std::array<AddrAddOperation<T>, kU256Words> a_addrs;
  SyscallAddrOperation<T> b_ptr;
  std::array<AddrAddOperation<T>, kU256Words> b_addrs;
  SyscallAddrOperation<T> c_ptr;
  MemoryAccessCols<T> c_ptr_memory;
  std::array<AddrAddOperation<T>, kU256Words> c_addrs;
  SyscallAddrOperation<T> d_ptr;
  MemoryAccessCols<T> d_ptr_memory;
  std::array<AddrAddOperation<T>, kU256Words> d_addrs;
  SyscallAddrOperation<T> e_ptr;
  MemoryAccessCols<T> e_ptr_memory;
  std::array<AddrAddOperation<T>, kU256Words> e_addrs;
  std::array<MemoryAccessColsU8<T>, kU256Words> a_memory;
  std::array<MemoryAccessColsU8<T>, kU256Words> b_memory;
  std::array<MemoryAccessColsU8<T>, kU256Words> c_memory;
  std::array<MemoryAccessCols<T>, kU256Words> d_memory;
  std::array<MemoryAccessCols<T>, kU256Words> e_memory;
  U256FieldOpCols<T> field_op;
  T is_add;
  T is_mul;
  T is_real;
};

template <class T>
struct Uint256OpsSupervisorCols {
  Uint256OpsCols<T> head;
};

template <class T>
struct Uint256OpsUserCols {
  Uint256OpsCols<T> head;
  std::array<AddressSlicePageProtOperation<T>, 5> address_slice_page_prot_access;  // a, b, c, d, e
};

template <TrustMode M, Features F>
struct Uint256OpsChip : ModeLayoutChip<Uint256OpsSupervisorCols, Uint256OpsUserCols, M, F> {
  using Base = ModeLayoutChip<Uint256OpsSupervisorCols, Uint256OpsUserCols, M, F>;
  static constexpr const char* kName = chip_name<M>("Uint256Ops", "Uint256OpsUser");
  // The registers holding c_ptr, d_ptr and e_ptr.
  static constexpr uint32_t kCRegister = 12, kDRegister = 13, kERegister = 14;

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    constexpr size_t W = kU256Words;
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    const E<B> is_add = b.main(c.is_add), is_mul = b.main(c.is_mul);
    assert_bool(b, is_add);
    assert_bool(b, is_mul);
    assert_bool(b, is_real);
    b.assert_zero(is_real - (is_add + is_mul));

    const std::array<E<B>, 3> a_ptr = eval_syscall_addr(b, 32, c.a_ptr, is_real);
    const std::array<E<B>, 3> b_ptr = eval_syscall_addr(b, 32, c.b_ptr, is_real);
    const std::array<E<B>, 3> c_ptr = eval_syscall_addr(b, 32, c.c_ptr, is_real);
    const std::array<E<B>, 3> d_ptr = eval_syscall_addr(b, 32, c.d_ptr, is_real);
    const std::array<E<B>, 3> e_ptr = eval_syscall_addr(b, 32, c.e_ptr, is_real);
    const E<B> syscall_id = b.constant(kUint256AddCarryId) * is_add + b.constant(kUint256MulCarryId) * is_mul;
    if constexpr (M == TrustMode::Supervisor)
      receive_syscall(b, F, clk_high, clk_low, syscall_id, b.constant(0), a_ptr, b_ptr, is_real);

    // The pointers c, d and e are the registers' values, read at clk.
    const std::array<std::pair<uint32_t, const MemoryAccessCols<size_t>*>, 3> regs{
        {{kCRegister, &c.c_ptr_memory}, {kDRegister, &c.d_ptr_memory}, {kERegister, &c.e_ptr_memory}}};
    const std::array<const std::array<E<B>, 3>*, 3> reg_ptrs{&c_ptr, &d_ptr, &e_ptr};
    for (size_t k = 0; k < 3; ++k) {
      eval_memory_read(b, clk_high, clk_low, {b.constant(regs[k].first), b.constant(0), b.constant(0)},
                       *regs[k].second, is_real);
      const Word<E<B>> prev = main_word(b, regs[k].second->prev_value);
      for (size_t i = 0; i < 3; ++i) b.assert_zero(prev[i] - (*reg_ptrs[k])[i]);
      b.assert_zero(prev[3]);
    }

    const std::array<const std::array<E<B>, 3>*, 5> ptrs{&a_ptr, &b_ptr, &c_ptr, &d_ptr, &e_ptr};
    const std::array<const std::array<AddrAddOperation<size_t>, W>*, 5> addrs{&c.a_addrs, &c.b_addrs, &c.c_addrs,
                                                                               &c.d_addrs, &c.e_addrs};
    for (size_t i = 0; i < W; ++i)
      for (size_t k = 0; k < 5; ++k)
        eval_addr_add(b, addr_word(b, *ptrs[k]), extend_word(b, b.constant(uint32_t(8 * i))), (*addrs[k])[i],
                      is_real);

    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      constexpr std::array<uint32_t, 5> kProt{kProtRead, kProtRead, kProtRead, kProtWrite, kProtWrite};
      for (size_t k = 0; k < 5; ++k)
        eval_slice_page_prot(b, clk_high, clk_low + b.constant(uint32_t(k)), *ptrs[k],
                             main_addr(b, (*addrs[k])[W - 1].value), kProt[k],
                             Base::kMain.address_slice_page_prot_access[k], is_not_trap, trap_code);
      receive_syscall(b, F, clk_high, clk_low, syscall_id, trap_code, a_ptr, b_ptr, is_real);
    }

    const std::array<const std::array<MemoryAccessColsU8<size_t>, W>*, 3> reads{&c.a_memory, &c.b_memory,
                                                                                &c.c_memory};
    for (size_t k = 0; k < 3; ++k)
      for (size_t i = 0; i < W; ++i)
        eval_memory_read(b, clk_high, clk_low + b.constant(uint32_t(k)), main_addr(b, (*addrs[k])[i].value),
                         (*reads[k])[i].memory_access, is_not_trap);
    const Poly<B> a = access_bytes<B, W>(b, c.a_memory.data(), is_not_trap);
    const Poly<B> bb = access_bytes<B, W>(b, c.b_memory.data(), is_not_trap);
    const Poly<B> cc = access_bytes<B, W>(b, c.c_memory.data(), is_not_trap);

    // eval_add_mul_and_carry: (a + b) is_add + a b is_mul + c = result + carry 2^256.
    Poly<B> op = poly_add<B>(a, bb);
    for (E<B>& x : op) x = x * is_add;
    Poly<B> product = poly_mul<B>(a, bb);
    for (E<B>& x : product) x = x * is_mul;
    op = poly_add<B>(poly_add<B>(op, product), cc);
    eval_u256_polynomials(b, c.field_op, op, two_pow_256_poly(b), is_real);

    const std::vector<Word<E<B>>> d = bytes_to_words(b, main_poly(b, c.field_op.result));
    const std::vector<Word<E<B>>> e = bytes_to_words(b, main_poly(b, c.field_op.carry));
    for (size_t i = 0; i < W; ++i)
      eval_memory_access(b, clk_high, clk_low + b.constant(3), main_addr(b, c.d_addrs[i].value), c.d_memory[i], d[i],
                         is_not_trap);
    for (size_t i = 0; i < W; ++i)
      eval_memory_access(b, clk_high, clk_low + b.constant(4), main_addr(b, c.e_addrs[i].value), c.e_memory[i], e[i],
                         is_not_trap);
    eval_untrusted_flag(b, M, F);
  }
};

}  // namespace zkgpu::sp1::air::riscv
