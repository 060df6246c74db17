// Syscall memory accesses for event recording: an observer interface that the
// executor's built-in syscalls report to word by word (at SP1's clock offsets),
// and a GuestMemory decorator that does the same for the table precompiles.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "zkvm/memory.hpp"
#include "zkvm/precompiles/precompile.hpp"

namespace zkgpu::zkvm {

// Receives the 8-byte guest memory words a syscall reads and writes. clk_offset
// is added to the ECALL's clk (SP1's precompiles bump the clock between
// phases: crates/core/executor/src/vm/syscall/precompiles/).
class SyscallMemoryObserver {
 public:
  virtual ~SyscallMemoryObserver() = default;
  virtual void read(uint64_t addr, uint64_t value, uint64_t clk_offset) = 0;
  virtual void write(uint64_t addr, uint64_t prev_value, uint64_t value, uint64_t clk_offset) = 0;
  // A precompile read register r (SP1's rr at clk + clk_offset: UINT256_ADD_CARRY
  // and UINT256_MUL_CARRY read their pointers c, d, e from x12..x14).
  virtual void register_read(unsigned r, uint64_t value, uint64_t clk_offset) = 0;
  // HINT_READ wrote `len` bytes of input from addr, zero-padded to `words`
  // (len / 8 + 1 words): SP1 makes them fresh memory, with timestamp 0 and the
  // hint as initial value (minimal/arch/portable/mod.rs, mw_hint).
  virtual void hint(uint64_t addr, uint64_t len, std::span<const uint64_t> words) = 0;
  // WRITE read this word (not an SP1 record; checkpoints need it).
  virtual void untraced_read(uint64_t addr, uint64_t value) = 0;
  // User mode: the call checked page `page_idx` (permission `prot`) in slice
  // `slice` of its page_check_slices (at clk + slice).
  virtual void page_check(uint64_t page_idx, uint8_t prot, uint64_t slice) = 0;
  // MPROTECT set page `page_idx` from `prev_prot` to `prot` (at the ECALL's clk).
  virtual void page_prot_write(uint64_t page_idx, uint8_t prev_prot, uint8_t prot) = 0;
};

// A precompile's memory that reports its words once the precompile returned
// (finish()): reads at the ECALL's clk, writes at clk + write_clk_offset. SP1's
// curve additions, field operations, UINT256_MUL and ED_DECOMPRESS read, bump
// the clock and write (offset 1); the curve doublings write without a bump
// (offset 0) (vm/syscall/precompiles/{weierstrass,edwards,fptower}/, uint256.rs).
// SP1 does not record the read of an operand the precompile then overwrites
// (mr_slice_unsafe): such a word is one write whose previous value is the one read.
class RecordingGuestMemory final : public GuestMemory {
 public:
  RecordingGuestMemory(GuestMemory& inner, const Memory& memory, SyscallMemoryObserver& observer,
                       uint64_t write_clk_offset)
      : inner_(inner), memory_(memory), observer_(observer), write_clk_offset_(write_clk_offset) {}
  void read(uint64_t addr, std::span<std::byte> out) override;
  void write(uint64_t addr, std::span<const std::byte> in) override;
  // Reports the accesses: each word once, the reads first, in order of first use.
  void finish();

 private:
  struct Word {
    uint64_t addr, first_value, last_value;
    bool written;
  };
  Word& word(uint64_t aligned_addr);

  GuestMemory& inner_;
  const Memory& memory_;
  SyscallMemoryObserver& observer_;
  uint64_t write_clk_offset_;
  std::vector<Word> words_;  // in order of first access
};

}  // namespace zkgpu::zkvm
