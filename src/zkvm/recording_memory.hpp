// Syscall memory accesses for event recording: an observer interface that the
// executor's built-in syscalls report to word by word (at SP1's clock offsets),
// and a GuestMemory decorator that does the same for the table precompiles.
#pragma once

#include <cstdint>
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
  // HINT_READ wrote `words` words from addr: SP1 makes them fresh memory, with
  // timestamp 0 and the hint as initial value (minimal/arch/portable/mod.rs, mw_hint).
  virtual void hint(uint64_t addr, uint64_t words) = 0;
};

// A precompile's memory that reports its words once the precompile returned
// (finish()): reads at the ECALL's clk, writes at clk + 1, the pattern of SP1's
// curve, field and uint256 precompiles (minimal/precompiles/{ec,fptower,uint256}.rs:
// read, bump the clock, write). SP1 does not record the read of an operand the
// precompile then overwrites (mr_slice_unsafe): such a word is one write whose
// previous value is the one read.
class RecordingGuestMemory final : public GuestMemory {
 public:
  RecordingGuestMemory(GuestMemory& inner, const Memory& memory, SyscallMemoryObserver& observer)
      : inner_(inner), memory_(memory), observer_(observer) {}
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
  std::vector<Word> words_;  // in order of first access
};

}  // namespace zkgpu::zkvm
