// Trace values of a User precompile chip's page checks (sp1/air/riscv/page_prot.hpp)
// as SP1 v6.4's populate() functions write them (operations/page.rs):
//   TrapPageProtOperation          a page's permissions read at the check's clk,
//                                  whether they lack the permission, the trap code
//   AddressSlicePageProtOperation  the slice's first and last page, the first page's
//                                  check, the last page equal or adjacent, its check
// from the records the executor kept of a call's checks (zkvm::SyscallEvent::
// page_checks, in zkvm/page_checks.hpp's order: slice k at the ECALL's clk + k,
// its pages in order; a trapped call's list ends with the page that failed).
// SP1 leaves the columns of what was not checked zero: the second page's check and
// the adjacency of a slice that trapped on its first page, every column of a slice
// after the trap (a call row starts zero, so those stay unwritten here).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <string>

#include "sp1/riscv/page_prot_populate.hpp"
#include "zkvm/page_checks.hpp"
#include "zkvm/shard.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {

// One slice a chip checks: its operation's columns, the addresses of its first and
// last word, the permission it needs.
struct SliceCheck {
  const rv::AddressSlicePageProtOperation<size_t>& cols;
  uint64_t start, end;
  uint8_t permissions;
};

// A call's page checks in its row, slice by slice: the records left to take,
// whether no check has trapped (SP1's is_not_trap) and the trap code.
struct PageCheckCursor {
  const zkvm::PrecompileEvent& call;
  std::span<const zkvm::PageProtRecord> left;
  bool is_not_trap = true;
  uint64_t trap_code = 0;

  [[noreturn]] void refuse(const std::string& why) const {
    throw std::invalid_argument(std::string(zkvm::syscall_name(call.syscall.code)) + " at clk " +
                                std::to_string(call.syscall.clk) + ": " + why);
  }
  // The record of `page`'s check, the next one.
  const zkvm::PageProtRecord& take(uint64_t page) {
    if (left.empty()) refuse("the check of page " + std::to_string(page) + " is not recorded");
    const zkvm::PageProtRecord& r = left.front();
    if (r.page_idx != page)
      refuse("a page check recorded for page " + std::to_string(r.page_idx) + ", not " + std::to_string(page));
    left = left.subspan(1);
    return r;
  }
};

// TrapPageProtOperation::populate: `prev` read at clk; the fail flags of the
// permissions it lacks (read first); a failure traps with its code.
inline void fill_trap_page_prot(Row row, const rv::TrapPageProtOperation<size_t>& c, uint64_t clk,
                                uint8_t permissions, const zkvm::PageProtRecord& prev, PageCheckCursor& cursor) {
  fill_page_prot_access(row, c.page_prot_access, prev, clk);
  const bool read_fail = (permissions & zkvm::kProtRead) && !(prev.page_prot & zkvm::kProtRead);
  const bool write_fail = (permissions & zkvm::kProtWrite) && !(prev.page_prot & zkvm::kProtWrite);
  put(row, c.is_read_fail, read_fail);
  put(row, c.is_write_fail, write_fail);
  put(row, c.is_now_trap, read_fail || write_fail);
  if (read_fail || write_fail) {
    cursor.is_not_trap = false;
    cursor.trap_code = zkvm::page_trap_code(prev.page_prot, permissions);
  }
}

// AddressSlicePageProtOperation::populate of the slice [s.start, s.end] at clk.
inline void fill_slice_page_prot(Row row, const SliceCheck& s, uint64_t clk, PageCheckCursor& cursor) {
  if (!cursor.is_not_trap) return;
  const uint64_t first = s.start >> zkvm::kLogPageSize, last = s.end >> zkvm::kLogPageSize;
  if (last != first && last != first + 1)
    cursor.refuse("a slice spans pages " + std::to_string(first) + " to " + std::to_string(last));
  fill_page(row, s.cols.page_operations[0], s.start);
  fill_page(row, s.cols.page_operations[1], s.end);
  fill_trap_page_prot(row, s.cols.trap_page_operations[0], clk, s.permissions, cursor.take(first), cursor);
  if (!cursor.is_not_trap) return;
  put(row, s.cols.page_is_equal_or_adjacent.is_adjacent, last == first + 1);
  put(row, s.cols.page_is_equal_or_adjacent.is_overflow, (last & 0xFFFFF) == 0);
  if (last == first + 1)
    fill_trap_page_prot(row, s.cols.trap_page_operations[1], clk, s.permissions, cursor.take(last), cursor);
}

// A call's page checks, slice k at its clk + k; whether none trapped. Refuses a
// call whose records are not those of these checks, or whose trap is not theirs.
inline bool fill_page_checks(Row row, const zkvm::PrecompileEvent& e, std::initializer_list<SliceCheck> slices) {
  PageCheckCursor cursor{e, e.syscall.page_checks};
  uint64_t clk = e.syscall.clk;
  for (const SliceCheck& s : slices) fill_slice_page_prot(row, s, clk++, cursor);
  if (!cursor.left.empty()) cursor.refuse("checks of pages after the call's last are recorded");
  const auto& trap = e.syscall.trap_result;
  if (cursor.is_not_trap && trap) cursor.refuse("a trap is recorded, but every page check passed");
  if (!cursor.is_not_trap && (!trap || trap->code_record.value != cursor.trap_code))
    cursor.refuse("the recorded trap is not the failed page check's (code " + std::to_string(cursor.trap_code) + ")");
  return cursor.is_not_trap;
}

}  // namespace zkgpu::sp1::riscv
