// SP1 v6.4's SHA-256 message-schedule precompile (crates/core/machine/src/syscall/
// precompiles/sha256/extend/): SHA_EXTEND(w_ptr) turns w[0..16] into w[0..64],
// the words one per 8-byte memory word (the low 32 bits, the upper limbs zero).
//
// ShaExtendControl (controller.rs), one row per call: receives the call from the
// syscall table, checks w_ptr (SyscallAddrOperation over 512 bytes) and the
// addresses of w[15], w[16] and w[63], and starts the ShaExtend chain at i = 16 and
// ends it at i = 64 (InteractionKind::ShaExtend: [clk_high, clk_low + 1, w_ptr
// (3), i]). ShaExtendControlUser also checks the pages of w[0..16] (read) and of
// w[16..64] (read and write) and sends the chain only where that does not trap.
//
// ShaExtend (air.rs, columns.rs), one row per round i = 16..63, at clk + 1 + (i - 16):
// receives (i), sends (i + 1); reads w[i-15], w[i-2], w[i-16], w[i-7], computes
// s0 = rotr7 ^ rotr18 ^ shr3 of w[i-15], s1 = rotr17 ^ rotr19 ^ shr10 of w[i-2],
// writes w[i] = w[i-16] + s0 + w[i-7] + s1.
//
// Columns: ShaExtend 128, ShaExtendControl 18, ShaExtendControlUser 66 (SP1's
// rv64im_costs.json). Constraints: 80; 21 and 104 (rv64im_complexity.json;
// `mprotect` adds the untrusted-code assertion to the control chips: 22).
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/air/riscv/u32_operations.hpp"

namespace zkgpu::sp1::air::riscv {

// SyscallCode::syscall_id (crates/core/executor/src/syscall_code.rs): the code's low byte.
inline constexpr uint32_t kShaExtendSyscallId = 0x05, kShaCompressSyscallId = 0x06;

// The rounds of one call (i = 16..63).
inline constexpr size_t kShaExtendRounds = 48;

// SHA-256's sigma functions: rotr(x, r0) ^ rotr(x, r1) ^ (rotr or shr)(x, r2), with
// the third a shift for the schedule's sigma0 and sigma1, a rotation for the
// rounds' Sigma0 and Sigma1 (SP1 evaluates them as these five operations, in this
// order). Returns the result's limbs.
template <class B>
HalfWord<B> eval_sigma(B& b, const HalfWord<B>& x, const std::array<size_t, 3>& r,
                       const std::array<FixedRotateRightOperation<size_t>, 3>& parts, bool last_is_shift,
                       const XorU32Operation<size_t>& intermediate, const XorU32Operation<size_t>& result,
                       const E<B>& is_real) {
  eval_rotate_right(b, x, r[0], parts[0], is_real);
  eval_rotate_right(b, x, r[1], parts[1], is_real);
  eval_fixed_right(b, x, r[2], !last_is_shift, parts[2], is_real);
  const HalfWord<B> t =
      eval_xor_u32(b, main_half(b, parts[0].value), main_half(b, parts[1].value), intermediate, is_real);
  return eval_xor_u32(b, t, main_half(b, parts[2].value), result, is_real);
}

template <class T>
struct ShaExtendCols {
  T clk_high;
  T clk_low;
  ClkOperation<T> next_clk;
  std::array<T, 3> w_ptr;
  AddrAddOperation<T> w_i_minus_15_ptr;
  AddrAddOperation<T> w_i_minus_2_ptr;
  AddrAddOperation<T> w_i_minus_16_ptr;
  AddrAddOperation<T> w_i_minus_7_ptr;
  AddrAddOperation<T> w_i_ptr;
  T i;
  MemoryAccessCols<T> w_i_minus_15;
  FixedRotateRightOperation<T> w_i_minus_15_rr_7;
  FixedRotateRightOperation<T> w_i_minus_15_rr_18;
  FixedShiftRightOperation<T> w_i_minus_15_rs_3;
  XorU32Operation<T> s0_intermediate;
  XorU32Operation<T> s0;
  MemoryAccessCols<T> w_i_minus_2;
  FixedRotateRightOperation<T> w_i_minus_2_rr_17;
  FixedRotateRightOperation<T> w_i_minus_2_rr_19;
  FixedShiftRightOperation<T> w_i_minus_2_rs_10;
  XorU32Operation<T> s1_intermediate;
  XorU32Operation<T> s1;
  MemoryAccessCols<T> w_i_minus_16;
  MemoryAccessCols<T> w_i_minus_7;
  Add4Operation<T> s2;
  MemoryAccessCols<T> w_i;
  T is_real;
};

struct ShaExtendChip {
  static constexpr const char* kName = "ShaExtend";
  static constexpr auto kMain = col_map<ShaExtendCols<size_t>>();
  static constexpr size_t kWidth = num_cols<ShaExtendCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), i = b.main(c.i);
    const E<B> clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    const std::array<E<B>, 3> w_ptr = main_addr(b, c.w_ptr);
    assert_bool(b, is_real);
    interact_values(b, Direction::Receive, InteractionKind::ShaExtend,
                    {clk_high, clk_low, w_ptr[0], w_ptr[1], w_ptr[2], i}, is_real);
    interact_values(b, Direction::Send, InteractionKind::ShaExtend,
                    {clk_high, clk_low, w_ptr[0], w_ptr[1], w_ptr[2], i + b.constant(1)}, is_real);
    // 16 <= i < 64.
    send_byte(b, ByteOpcode::LTU, b.constant(1), i - b.constant(16), b.constant(48), is_real);
    eval_clk(b, clk_low, i - b.constant(16), c.next_clk, is_real);
    const E<B> high = next_clk_high(b, c.next_clk, clk_high), low = next_clk_low(b, c.next_clk);
    const Word<E<B>> ptr = addr_word(b, w_ptr);

    // w[i - k] at w_ptr + (i - k) 8, read; a u32 (its upper limbs zero).
    const auto read = [&](uint32_t k, const AddrAddOperation<size_t>& addr, const MemoryAccessCols<size_t>& mem) {
      eval_addr_add(b, ptr, extend_word(b, (i - b.constant(k)) * b.constant(8)), addr, is_real);
      eval_memory_read(b, high, low, main_addr(b, addr.value), mem, is_real);
      b.assert_zero(b.main(mem.prev_value[2]));
      b.assert_zero(b.main(mem.prev_value[3]));
      return HalfWord<B>{b.main(mem.prev_value[0]), b.main(mem.prev_value[1])};
    };
    const HalfWord<B> w15 = read(15, c.w_i_minus_15_ptr, c.w_i_minus_15);
    const HalfWord<B> w2 = read(2, c.w_i_minus_2_ptr, c.w_i_minus_2);
    const HalfWord<B> w16 = read(16, c.w_i_minus_16_ptr, c.w_i_minus_16);
    const HalfWord<B> w7 = read(7, c.w_i_minus_7_ptr, c.w_i_minus_7);

    // s0 = rotr7 ^ rotr18 ^ shr3 of w[i-15]; s1 = rotr17 ^ rotr19 ^ shr10 of w[i-2].
    const HalfWord<B> s0 =
        eval_sigma(b, w15, {7, 18, 3}, {c.w_i_minus_15_rr_7, c.w_i_minus_15_rr_18, c.w_i_minus_15_rs_3}, true,
                   c.s0_intermediate, c.s0, is_real);
    const HalfWord<B> s1 =
        eval_sigma(b, w2, {17, 19, 10}, {c.w_i_minus_2_rr_17, c.w_i_minus_2_rr_19, c.w_i_minus_2_rs_10}, true,
                   c.s1_intermediate, c.s1, is_real);
    eval_add_n<B, 4>(b, {w16, s0, w7, s1}, c.s2, is_real);

    // w[i] at w_ptr + 8 i, written.
    eval_addr_add(b, ptr, extend_word(b, i * b.constant(8)), c.w_i_ptr, is_real);
    eval_memory_access(b, high, low, main_addr(b, c.w_i_ptr.value), c.w_i, extend_half(b, main_half(b, c.s2.value)),
                       is_real);
  }
};

// ShaExtendControlCols' fields before the mode's columns.
template <class T>
struct ShaExtendControlHead {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> w_ptr;
  AddrAddOperation<T> w_16th_addr;
  AddrAddOperation<T> w_17th_addr;
  AddrAddOperation<T> w_64th_addr;
};

template <class T>
struct ShaExtendControlCols {
  ShaExtendControlHead<T> head;
  T is_real;
};

// UserMode's layout: the slices' page checks before is_real.
template <class T>
struct ShaExtendControlUserCols {
  ShaExtendControlHead<T> head;
  AddressSlicePageProtOperation<T> initial_page_prot_access;
  AddressSlicePageProtOperation<T> extension_page_prot_access;
  T is_real;
};

template <TrustMode M, Features F>
struct ShaExtendControlChip : ModeLayoutChip<ShaExtendControlCols, ShaExtendControlUserCols, M, F> {
  using Base = ModeLayoutChip<ShaExtendControlCols, ShaExtendControlUserCols, M, F>;
  static constexpr const char* kName = chip_name<M>("ShaExtendControl", "ShaExtendControlUser");

  template <class B>
  void eval(B& b) const {
    const auto& c = Base::kMain.head;
    const E<B> is_real = b.main(Base::kMain.is_real), clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    assert_bool(b, is_real);
    const std::array<E<B>, 3> w_ptr = eval_syscall_addr(b, 512, c.w_ptr, is_real);
    const Word<E<B>> ptr = addr_word(b, w_ptr);
    for (const auto& [offset, cols] :
         {std::pair{15u * 8, c.w_16th_addr}, std::pair{16u * 8, c.w_17th_addr}, std::pair{63u * 8, c.w_64th_addr}})
      eval_addr_add(b, ptr, extend_word(b, b.constant(offset)), cols, is_real);
    eval_untrusted_flag(b, M, F);
    E<B> is_not_trap = is_real, trap_code = b.constant(0);
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      eval_slice_page_prot(b, clk_high, clk_low, w_ptr, main_addr(b, c.w_16th_addr.value), kProtRead,
                           Base::kMain.initial_page_prot_access, is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + b.constant(1), main_addr(b, c.w_17th_addr.value),
                           main_addr(b, c.w_64th_addr.value), kProtRead | kProtWrite,
                           Base::kMain.extension_page_prot_access, is_not_trap, trap_code);
    }
    const E<B> zero = b.constant(0);
    receive_syscall(b, F, clk_high, clk_low, kShaExtendSyscallId, trap_code, w_ptr, {zero, zero, zero}, is_real);
    const E<B> clk_next = clk_low + b.constant(1);
    interact_values(b, Direction::Send, InteractionKind::ShaExtend,
                    {clk_high, clk_next, w_ptr[0], w_ptr[1], w_ptr[2], b.constant(16)}, is_not_trap);
    interact_values(b, Direction::Receive, InteractionKind::ShaExtend,
                    {clk_high, clk_next, w_ptr[0], w_ptr[1], w_ptr[2], b.constant(64)}, is_not_trap);
  }
};

}  // namespace zkgpu::sp1::air::riscv
