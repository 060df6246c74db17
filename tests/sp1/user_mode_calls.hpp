// A trusted run's precompile calls made into user-mode calls as the executor
// records them in user mode (zkvm/events.hpp, zkvm/page_checks.hpp): each page a
// call checks, in page_check_slices' order (slice k at the call's clk + k), gets
// its record before the check: the page's permissions (read and write unless
// set otherwise here) and the time of its previous check (0 for none). The first
// check that fails traps the call, which then makes no memory access (but the
// pointer-register reads of UINT256_ADD_CARRY and UINT256_MUL_CARRY, which come
// before the checks) and records the trap's code.
#pragma once

#include <map>

#include "zkvm/page_checks.hpp"
#include "zkvm/shard.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv::test_support {

// The slices `call` checks (the carry calls' c, d, e pointers from the registers
// it read).
inline zkvm::PageCheckSlices slices_of(const zkvm::PrecompileEvent& call) {
  const zkvm::SyscallEvent& s = call.syscall;
  const bool carry = s.code == zkvm::sys::UINT256_ADD_CARRY || s.code == zkvm::sys::UINT256_MUL_CARRY;
  return carry ? zkvm::page_check_slices(s.code, s.arg1, s.arg2, call.memory[0].value, call.memory[1].value,
                                         call.memory[2].value)
               : zkvm::page_check_slices(s.code, s.arg1, s.arg2);
}

class UserModePages {
 public:
  // Page `page` has permissions `prot` from now on.
  void set(uint64_t page, uint8_t prot) { prot_[page] = prot; }

  // `call` as a user-mode call; calls come in clk order.
  zkvm::PrecompileEvent lift(zkvm::PrecompileEvent call) {
    const uint64_t clk = call.syscall.clk;
    const bool carry =
        call.syscall.code == zkvm::sys::UINT256_ADD_CARRY || call.syscall.code == zkvm::sys::UINT256_MUL_CARRY;
    uint64_t k = 0;
    for (const zkvm::PageCheckSlice& slice : slices_of(call)) {
      for (uint64_t page = slice.first_page(); page <= slice.last_page(); ++page) {
        const auto it = prot_.find(page);
        const uint8_t prot = it == prot_.end() ? zkvm::kDefaultProt : it->second;
        call.syscall.page_checks.push_back({.timestamp = last_check_[page], .page_idx = page, .page_prot = prot});
        last_check_[page] = clk + k;
        if (const uint64_t code = zkvm::page_trap_code(prot, slice.prot)) {
          zkvm::TrapResult trap;
          trap.code_record = {.value = code, .timestamp = clk, .write = true};
          call.syscall.trap_result = trap;
          call.memory.resize(carry ? 3 : 0);
          call.syscall.memory_end = call.memory.size();
          return call;
        }
      }
      ++k;
    }
    return call;
  }

 private:
  std::map<uint64_t, uint8_t> prot_;
  std::map<uint64_t, uint64_t> last_check_;
};

}  // namespace zkgpu::sp1::riscv::test_support
