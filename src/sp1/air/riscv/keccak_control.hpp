// SP1 v6.4's KeccakPermuteControl and KeccakPermuteControlUser chips
// (crates/core/machine/src/syscall/precompiles/keccak256/controller.rs): one row
// per KECCAK_PERMUTE call. The row receives the call from the syscall table,
// reads the 25 state words at clk and writes them at clk + 1 (the memory
// argument), sends the state it read to the KeccakPermute chip as round 0's input
// and receives round 24's output as the words it writes. The User chip first
// checks the state's pages for reading (at clk) and writing (at clk + 1); a
// missing permission is a trap: no state is sent, read or written, and the call
// carries the trap code (`mprotect`'s Syscall message).
//
// Columns: clk_high, clk_low, state_addr (SyscallAddrOperation, 6), addrs 25 x 3,
// is_real, the reads' and the writes' MemoryAccessCols 2 x 25 x 9, final_value 25
// x 4 = 634; User adds the two AddressSlicePageProtOperations, 2 x 24 = 682 (SP1's
// rv64im_costs.json). Constraints (rv64im_complexity.json): is_real a bit, the
// state pointer's 5, [User: (default build) no rows, the slices' 2 x 42,] the 25
// addresses' 5 each, the 50 accesses' 4 each = 331 (User 416); `mprotect` adds the
// untrusted flag last (332 / 416).
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"
#include "sp1/air/riscv/keccak_permute.hpp"
#include "sp1/air/riscv/page_prot.hpp"
#include "sp1/air/riscv/precompile_operations.hpp"

namespace zkgpu::sp1::air::riscv {

inline constexpr size_t kKeccakStateWords = 25;
inline constexpr uint32_t kKeccakPermuteSyscallId = 0x09;  // SyscallCode::KECCAK_PERMUTE's low byte

template <class T>
struct KeccakPermuteControlCols {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> state_addr;
  std::array<AddrAddOperation<T>, kKeccakStateWords> addrs;
  T is_real;
  std::array<MemoryAccessCols<T>, kKeccakStateWords> initial_memory_access;
  std::array<MemoryAccessCols<T>, kKeccakStateWords> final_memory_access;
  std::array<Word<T>, kKeccakStateWords> final_value;
};

// UserMode's SliceProtCols, after the Supervisor layout.
template <class T>
struct KeccakPermuteControlUserCols {
  AddressSlicePageProtOperation<T> read_state_slice_page_prot_access;
  AddressSlicePageProtOperation<T> write_state_slice_page_prot_access;
};

template <TrustMode M, Features F>
struct KeccakPermuteControlChip {
  static constexpr const char* kName = chip_name<M>("KeccakPermuteControl", "KeccakPermuteControlUser");
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<KeccakPermuteControlCols<size_t>>();
  static constexpr size_t kSupervisorWidth = num_cols<KeccakPermuteControlCols<size_t>>;
  // The User columns, past the Supervisor layout.
  static constexpr auto kUser = col_map<KeccakPermuteControlUserCols<size_t>>(kSupervisorWidth);
  static constexpr size_t kWidth =
      kSupervisorWidth + (M == TrustMode::User ? num_cols<KeccakPermuteControlUserCols<size_t>> : 0);
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), zero = b.constant(0), one = b.constant(1);
    const E<B> clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    assert_bool(b, is_real);
    const std::array<E<B>, 3> state_addr =
        eval_syscall_addr(b, uint32_t(8 * kKeccakStateWords), c.state_addr, is_real);

    E<B> is_not_trap = is_real, trap_code = zero;
    if constexpr (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      const std::array<E<B>, 3> last = main_addr(b, c.addrs[kKeccakStateWords - 1].value);
      eval_slice_page_prot(b, clk_high, clk_low, state_addr, last, kProtRead, kUser.read_state_slice_page_prot_access,
                           is_not_trap, trap_code);
      eval_slice_page_prot(b, clk_high, clk_low + one, state_addr, last, kProtWrite,
                           kUser.write_state_slice_page_prot_access, is_not_trap, trap_code);
    }

    receive_syscall(b, F, clk_high, clk_low, kKeccakPermuteSyscallId, trap_code, state_addr, {zero, zero, zero},
                    is_real);

    // Round 0's input is the state read; round 24's output the state written.
    std::vector<E<B>> read{clk_high, clk_low, state_addr[0], state_addr[1], state_addr[2], zero};
    std::vector<E<B>> written{clk_high, clk_low, state_addr[0], state_addr[1], state_addr[2],
                              b.constant(uint32_t(kKeccakRounds))};
    for (size_t i = 0; i < kKeccakStateWords; ++i)
      for (size_t limb = 0; limb < 4; ++limb) {
        read.push_back(b.main(c.initial_memory_access[i].prev_value[limb]));
        written.push_back(b.main(c.final_value[i][limb]));
      }
    interact_values(b, Direction::Send, InteractionKind::Keccak, read, is_not_trap);
    interact_values(b, Direction::Receive, InteractionKind::Keccak, written, is_not_trap);

    // addrs[i] = state_addr + 8 i.
    for (size_t i = 0; i < kKeccakStateWords; ++i)
      eval_addr_add(b, addr_word(b, state_addr), Word<E<B>>{b.constant(uint32_t(8 * i)), zero, zero, zero},
                    c.addrs[i], is_real);

    for (size_t i = 0; i < kKeccakStateWords; ++i) {
      const std::array<E<B>, 3> addr = main_addr(b, c.addrs[i].value);
      eval_memory_read(b, clk_high, clk_low, addr, c.initial_memory_access[i], is_not_trap);
      eval_memory_access(b, clk_high, clk_low + one, addr, c.final_memory_access[i], main_word(b, c.final_value[i]),
                         is_not_trap);
    }

    eval_untrusted_flag(b, M, F);
  }
};

}  // namespace zkgpu::sp1::air::riscv
