// A precompile's memory for SP1's UINT256_ADD_CARRY and UINT256_MUL_CARRY
// (crates/core/executor/src/vm/syscall/uint256_ops.rs), which bump the clock
// between operands: the precompile's k-th read or write call is stamped clk + k
// (a read at clk, b at clk + 1, c at clk + 2, d written at clk + 3, e at clk + 4),
// and each word of it goes to the observer as that call ends, a write with the
// value it overwrote.
#pragma once

#include <cstdint>
#include <span>

#include "zkvm/recording_memory.hpp"

namespace zkgpu::zkvm {

class PhasedRecordingMemory final : public GuestMemory {
 public:
  PhasedRecordingMemory(GuestMemory& inner, const Memory& memory, SyscallMemoryObserver& observer)
      : inner_(inner), memory_(memory), observer_(observer) {}
  void read(uint64_t addr, std::span<std::byte> out) override;
  void write(uint64_t addr, std::span<const std::byte> in) override;

 private:
  GuestMemory& inner_;
  const Memory& memory_;
  SyscallMemoryObserver& observer_;
  uint64_t phase_ = 0;
};

}  // namespace zkgpu::zkvm
