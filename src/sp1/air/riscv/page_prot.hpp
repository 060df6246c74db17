// SP1 v6.4's page-permission operations (crates/core/machine/src/operations/page.rs;
// air/memory.rs, eval_page_prot_access_read / _write; memory/consistency/columns.rs,
// PageProtAccessCols), and the checks of a precompile's memory slice in User mode:
//   PageOperation                   an address's page index: [addr0 >> 12 (4 bits), addr1, addr2]
//   PageProtOperation               an address's page and its permissions read (PageProt chip)
//   PageIsEqualOrAdjacentOperation  two page indices equal, or the second the next page
//   TrapPageProtOperation           a page's permissions read from the PageProtAccess
//                                   argument; whether the access traps (and its code)
//   AddressSlicePageProtOperation   a slice [start, end] on one page or two adjacent
//                                   ones, each page checked
// A User precompile control chip (M::SliceProtCols in SP1) carries one
// AddressSlicePageProtOperation per slice; Supervisor chips have none (EmptyCols).
// The evals thread `is_not_trap` and `trap_code` through, as SP1's &mut Expr.
#pragma once

#include "sp1/air/riscv/memory_access.hpp"

namespace zkgpu::sp1::air::riscv {

// sp1_primitives::consts: the trap codes a failed read or write raises.
inline constexpr uint32_t kProtFailureRead = 5, kProtFailureWrite = 7;
// The execute permission (PF_X; kProtRead and kProtWrite: memory_access.hpp) and a
// page's permissions before any MPROTECT (DEFAULT_PAGE_PROT).
inline constexpr uint32_t kProtExec = 1, kDefaultPageProt = kProtRead | kProtWrite;

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

// An address's page and its permissions read (the PageProt chip's check).
template <class T>
struct PageProtOperation {
  PageOperation<T> page_op;
  PageProtAccessCols<T> page_prot_access;
};

template <class T>
struct PageIsEqualOrAdjacentOperation {
  T is_overflow;
  T is_adjacent;  // 0: the same page, 1: the next one
};

template <class T>
struct TrapPageProtOperation {
  PageProtAccessCols<T> page_prot_access;
  T is_read_fail;
  T is_write_fail;
  T is_now_trap;
};

template <class T>
struct AddressSlicePageProtOperation {
  PageIsEqualOrAdjacentOperation<T> page_is_equal_or_adjacent;
  std::array<PageOperation<T>, 2> page_operations;
  std::array<TrapPageProtOperation<T>, 2> trap_page_operations;
};

// SP1's when_not(c): (c - 1) * x.
template <class B>
E<B> not_cond(B& b, const E<B>& c) {
  return c - b.constant(1);
}

// PageOperation::eval: addr0 = addr_12_bits + addr_4_bits 2^12 where is_real, both
// range-checked. Returns the page index.
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

// eval_page_prot_access_write: the page's permissions leave the PageProtAccess
// argument as they were and return as `new_prot`, stamped (clk_high, clk_low).
template <class B>
void eval_page_prot_write(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& page_idx,
                          const PageProtAccessCols<size_t>& c, const E<B>& new_prot, const E<B>& do_check) {
  assert_bool(b, do_check);
  eval_memory_timestamp(b, c.access_timestamp, do_check, clk_high, clk_low);
  interact_values(b, Direction::Send, InteractionKind::PageProtAccess,
                  {b.main(c.access_timestamp.prev_high), b.main(c.access_timestamp.prev_low), page_idx[0], page_idx[1],
                   page_idx[2], b.main(c.prev_prot_bitmap)},
                  do_check);
  interact_values(b, Direction::Receive, InteractionKind::PageProtAccess,
                  {clk_high, clk_low, page_idx[0], page_idx[1], page_idx[2], new_prot}, do_check);
}

// eval_page_prot_access_read: a write of the permissions as they were.
template <class B>
void eval_page_prot_read(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& page_idx,
                         const PageProtAccessCols<size_t>& c, const E<B>& do_check) {
  eval_page_prot_write(b, clk_high, clk_low, page_idx, c, b.main(c.prev_prot_bitmap), do_check);
}

// PageProtOperation::eval: the address's page (is_real a bit first), its
// permissions read at (clk_high, clk_low).
template <class B>
void eval_page_prot_op(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& addr,
                       const PageProtOperation<size_t>& c, const E<B>& is_real) {
  assert_bool(b, is_real);
  const std::array<E<B>, 3> page_idx = eval_page(b, addr, c.page_op, is_real);
  eval_page_prot_read(b, clk_high, clk_low, page_idx, c.page_prot_access, is_real);
}

// PageIsEqualOrAdjacentOperation::eval over the low 20 bits (limb 0's 4 and limb
// 1's 16) and the top limb of the two indices.
template <class B>
void eval_page_equal_or_adjacent(B& b, const std::array<E<B>, 3>& curr, const std::array<E<B>, 3>& next,
                                 const PageIsEqualOrAdjacentOperation<size_t>& c, const E<B>& is_real) {
  const E<B> adjacent = b.main(c.is_adjacent), overflow = b.main(c.is_overflow);
  assert_bool(b, is_real);
  assert_bool(b, adjacent);
  assert_bool(b, overflow);
  const E<B> curr20 = curr[0] + curr[1] * b.constant(1u << 4), next20 = next[0] + next[1] * b.constant(1u << 4);
  const E<B> same = is_real * not_cond(b, adjacent);
  b.assert_zero(same * (curr20 - next20));
  b.assert_zero(same * (curr[2] - next[2]));
  b.assert_zero(adjacent * (is_real - b.constant(1)));
  const E<B> no_overflow = adjacent * not_cond(b, overflow), at_overflow = adjacent * overflow;
  b.assert_zero(no_overflow * ((curr20 + b.constant(1)) - next20));
  b.assert_zero(no_overflow * (curr[2] - next[2]));
  b.assert_zero(at_overflow * (curr20 - b.constant((1u << 20) - 1)));
  b.assert_zero(at_overflow * next20);
  b.assert_zero(at_overflow * ((curr[2] + b.constant(1)) - next[2]));
}

// TrapPageProtOperation::eval: where is_real, no trap so far; the page's
// permissions read; (the permissions granted) = perm AND permissions through the
// byte table; the fail flags; is_now_trap is read or write failing (never without
// is_real or after a trap). Then is_not_trap drops by is_now_trap and trap_code
// gains the failure's code.
template <class B>
void eval_trap_page_prot(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& page_idx,
                         uint32_t permissions, const TrapPageProtOperation<size_t>& c, const E<B>& is_real,
                         E<B>& is_not_trap, E<B>& trap_code) {
  assert_bool(b, is_real);
  b.assert_zero(is_real * (is_not_trap - b.constant(1)));
  eval_page_prot_read(b, clk_high, clk_low, page_idx, c.page_prot_access, is_real);
  const E<B> read_fail = b.main(c.is_read_fail), write_fail = b.main(c.is_write_fail);
  const E<B> now_trap = b.main(c.is_now_trap), one = b.constant(1);
  E<B> permission_and = b.constant(0);
  if (permissions == kProtRead) {
    permission_and = (one - read_fail) * b.constant(kProtRead);
    b.assert_zero(write_fail);
  }
  if (permissions == kProtWrite) {
    permission_and = (one - write_fail) * b.constant(kProtWrite);
    b.assert_zero(read_fail);
  }
  if (permissions == (kProtRead | kProtWrite)) {
    permission_and = permission_and + (one - read_fail) * b.constant(kProtRead);
    permission_and = permission_and + (one - write_fail) * b.constant(kProtWrite);
  }
  send_byte(b, ByteOpcode::AND, permission_and, b.main(c.page_prot_access.prev_prot_bitmap), b.constant(permissions),
            is_real);
  b.assert_zero(not_cond(b, is_real) * now_trap);
  b.assert_zero(not_cond(b, is_not_trap) * now_trap);
  assert_bool(b, now_trap);
  assert_bool(b, read_fail);
  assert_bool(b, write_fail);
  b.assert_zero(now_trap - (read_fail + write_fail - read_fail * write_fail));
  is_not_trap = is_not_trap - now_trap;
  trap_code =
      trap_code + read_fail * b.constant(kProtFailureRead) + (now_trap - read_fail) * b.constant(kProtFailureWrite);
}

// AddressSlicePageProtOperation::eval: the start and end pages (where no trap so
// far), the start page's check, the end page equal or adjacent, and the end
// page's check where it is the next page.
template <class B>
void eval_slice_page_prot(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& start,
                          const std::array<E<B>, 3>& end, uint32_t permissions,
                          const AddressSlicePageProtOperation<size_t>& c, E<B>& is_not_trap, E<B>& trap_code) {
  assert_bool(b, is_not_trap);
  const std::array<E<B>, 3> start_page = eval_page(b, start, c.page_operations[0], is_not_trap);
  const std::array<E<B>, 3> end_page = eval_page(b, end, c.page_operations[1], is_not_trap);
  const E<B> first_real = is_not_trap;
  eval_trap_page_prot(b, clk_high, clk_low, start_page, permissions, c.trap_page_operations[0], first_real, is_not_trap,
                      trap_code);
  eval_page_equal_or_adjacent(b, start_page, end_page, c.page_is_equal_or_adjacent, is_not_trap);
  eval_trap_page_prot(b, clk_high, clk_low, end_page, permissions, c.trap_page_operations[1],
                      b.main(c.page_is_equal_or_adjacent.is_adjacent), is_not_trap, trap_code);
}

}  // namespace zkgpu::sp1::air::riscv
