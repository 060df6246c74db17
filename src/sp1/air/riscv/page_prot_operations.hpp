// SP1 v6.4's page-permission checks of a precompile's User chip (crates/core/
// machine/src/operations/page.rs, air/memory.rs):
//   PageOperation                    an address's page index: its low limb split
//                                    into 12 + 4 bits, the index [4 bits, a1, a2]
//   eval_page_prot_access_read       a page's permission record read (as a memory
//                                    word is, under the PageProtAccess kind)
//   TrapPageProtOperation            one page's permissions against those needed;
//                                    a missing one is a trap (its code, PROT_FAILURE_*)
//   PageIsEqualOrAdjacentOperation   the last page of a slice is the first or the next
//   AddressSlicePageProtOperation    a slice of at most two pages checked; what traps
//                                    leaves is_not_trap and sets the trap code
// (permissions: PROT_READ or PROT_WRITE alone, as the precompiles ask them).
#pragma once

#include "sp1/air/riscv/memory_access.hpp"

namespace zkgpu::sp1::air::riscv {

// sp1_primitives::consts: the trap codes of a missing permission.
inline constexpr uint32_t kProtFailureRead = 5, kProtFailureWrite = 7;

template <class T>
struct PageOperation {
  T addr_4_bits;
  T addr_12_bits;
};

template <class T>
struct PageProtAccessCols {
  T prev_prot_bitmap;
  MemoryAccessTimestamp<T> access_timestamp;
};

template <class T>
struct TrapPageProtOperation {
  PageProtAccessCols<T> page_prot_access;
  T is_read_fail;
  T is_write_fail;
  T is_now_trap;
};

template <class T>
struct PageIsEqualOrAdjacentOperation {
  T is_overflow;
  T is_adjacent;  // 0: the same page, 1: the next
};

template <class T>
struct AddressSlicePageProtOperation {
  PageIsEqualOrAdjacentOperation<T> page_is_equal_or_adjacent;
  std::array<PageOperation<T>, 2> page_operations;
  std::array<TrapPageProtOperation<T>, 2> trap_page_operations;
};

// PageOperation::eval: addr0 = 12 bits + 2^12 * 4 bits where is_real, both range-checked.
template <class B>
std::array<E<B>, 3> eval_page(B& b, const std::array<E<B>, 3>& addr, const PageOperation<size_t>& c,
                              const E<B>& is_real) {
  assert_bool(b, is_real);
  const E<B> bits4 = b.main(c.addr_4_bits), bits12 = b.main(c.addr_12_bits);
  b.assert_zero(is_real * (addr[0] - (bits12 + bits4 * b.constant(1u << 12))));
  send_byte(b, ByteOpcode::Range, bits4, b.constant(4), b.constant(0), is_real);
  send_byte(b, ByteOpcode::Range, bits12, b.constant(12), b.constant(0), is_real);
  return {bits4, addr[1], addr[2]};
}

// eval_page_prot_access_read: the page's record leaves the PageProtAccess argument
// with its timestamp and returns unchanged, stamped (clk_high, clk_low).
template <class B>
void eval_page_prot_read(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& page_idx,
                         const PageProtAccessCols<size_t>& c, const E<B>& do_check) {
  assert_bool(b, do_check);
  eval_memory_timestamp(b, c.access_timestamp, do_check, clk_high, clk_low);
  const E<B> bitmap = b.main(c.prev_prot_bitmap);
  interact_values(b, Direction::Send, InteractionKind::PageProtAccess,
                  {b.main(c.access_timestamp.prev_high), b.main(c.access_timestamp.prev_low), page_idx[0],
                   page_idx[1], page_idx[2], bitmap},
                  do_check);
  interact_values(b, Direction::Receive, InteractionKind::PageProtAccess,
                  {clk_high, clk_low, page_idx[0], page_idx[1], page_idx[2], bitmap}, do_check);
}

// TrapPageProtOperation::eval for one permission: the page's bitmap AND the
// permission is the permission unless it fails (a byte-table AND); a failure is a
// trap only where is_real and nothing trapped before; it clears is_not_trap and
// adds its code.
template <class B>
void eval_trap_page_prot(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& page_idx,
                         uint32_t permission, const TrapPageProtOperation<size_t>& c, const E<B>& is_real,
                         E<B>& is_not_trap, E<B>& trap_code) {
  const E<B> one = b.constant(1);
  assert_bool(b, is_real);
  b.assert_zero(is_real * (is_not_trap - one));
  eval_page_prot_read(b, clk_high, clk_low, page_idx, c.page_prot_access, is_real);
  const E<B> read_fail = b.main(c.is_read_fail), write_fail = b.main(c.is_write_fail), now = b.main(c.is_now_trap);
  E<B> permission_and = b.constant(0);
  if (permission == kProtRead) {
    permission_and = (one - read_fail) * b.constant(kProtRead);
    b.assert_zero(write_fail);
  } else {
    permission_and = (one - write_fail) * b.constant(kProtWrite);
    b.assert_zero(read_fail);
  }
  send_byte(b, ByteOpcode::AND, permission_and, b.main(c.page_prot_access.prev_prot_bitmap), b.constant(permission),
            is_real);
  b.assert_zero((is_real - one) * now);
  b.assert_zero((is_not_trap - one) * now);
  assert_bool(b, now);
  assert_bool(b, read_fail);
  assert_bool(b, write_fail);
  b.assert_zero(now - (read_fail + write_fail - read_fail * write_fail));
  is_not_trap = is_not_trap - now;
  trap_code = trap_code + read_fail * b.constant(kProtFailureRead) + (now - read_fail) * b.constant(kProtFailureWrite);
}

// PageIsEqualOrAdjacentOperation::eval, on the page indices' low 20 bits (4 + 16)
// and top limbs.
template <class B>
void eval_page_equal_or_adjacent(B& b, const std::array<E<B>, 3>& curr, const std::array<E<B>, 3>& next,
                                 const PageIsEqualOrAdjacentOperation<size_t>& c, const E<B>& is_real) {
  const E<B> one = b.constant(1), adjacent = b.main(c.is_adjacent), overflow = b.main(c.is_overflow);
  assert_bool(b, is_real);
  assert_bool(b, adjacent);
  assert_bool(b, overflow);
  const E<B> curr20 = curr[0] + curr[1] * b.constant(1u << 4), next20 = next[0] + next[1] * b.constant(1u << 4);
  const E<B> same = is_real * (adjacent - one);
  b.assert_zero(same * (curr20 - next20));
  b.assert_zero(same * (curr[2] - next[2]));
  b.assert_zero(adjacent * (is_real - one));
  const E<B> no_overflow = adjacent * (overflow - one), with_overflow = adjacent * overflow;
  b.assert_zero(no_overflow * (curr20 + one - next20));
  b.assert_zero(no_overflow * (curr[2] - next[2]));
  b.assert_zero(with_overflow * (curr20 - b.constant((1u << 20) - 1)));
  b.assert_zero(with_overflow * next20);
  b.assert_zero(with_overflow * (curr[2] + one - next[2]));
}

// AddressSlicePageProtOperation::eval: both ends' pages, the first checked where
// nothing trapped yet, the last (when it is the next page) where adjacent.
template <class B>
void eval_address_slice_page_prot(B& b, const E<B>& clk_high, const E<B>& clk_low,
                                  const std::array<E<B>, 3>& start_addr, const std::array<E<B>, 3>& end_addr,
                                  uint32_t permission, const AddressSlicePageProtOperation<size_t>& c,
                                  E<B>& is_not_trap, E<B>& trap_code) {
  assert_bool(b, is_not_trap);
  const std::array<E<B>, 3> start = eval_page(b, start_addr, c.page_operations[0], is_not_trap);
  const std::array<E<B>, 3> end = eval_page(b, end_addr, c.page_operations[1], is_not_trap);
  const E<B> before = is_not_trap;
  eval_trap_page_prot(b, clk_high, clk_low, start, permission, c.trap_page_operations[0], before, is_not_trap,
                      trap_code);
  eval_page_equal_or_adjacent(b, start, end, c.page_is_equal_or_adjacent, is_not_trap);
  eval_trap_page_prot(b, clk_high, clk_low, end, permission, c.trap_page_operations[1],
                      b.main(c.page_is_equal_or_adjacent.is_adjacent), is_not_trap, trap_code);
}

}  // namespace zkgpu::sp1::air::riscv
