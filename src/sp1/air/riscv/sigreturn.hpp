// SP1 v6.4's SigReturn chip (crates/core/machine/src/syscall/precompiles/
// sigreturn/mod.rs): the SIG_RETURN call's register restore, one row a call from
// the syscall table. The call's pointer (x10) addresses a 32-word frame (8-aligned,
// at least 2^16, the frame below 2^48); words 1..31 are read at the call's clk and
// written to x1..x31 at clk + 5 (after the ECALL's own register accesses).
// SyscallInstrsUser reads word 0, the pc to return to. The chip asserts
// is_untrusted_programs_enabled in both builds; only the `mprotect` build may
// have rows.
//
// Columns: clk_high, clk_low, SyscallAddrOperation 6, 31 AddrAddOperation 93,
// 31 memory reads 279, 31 register writes 279, is_real = 660 (rv64im_costs.json).
#pragma once

#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/air/riscv/syscall_instrs.hpp"  // the syscall ids

namespace zkgpu::sp1::air::riscv {

inline constexpr size_t kSigReturnRegisters = 31;
inline constexpr uint32_t kSigReturnFrameBytes = 32 * 8;
// The restored registers' writes come after the ECALL's accesses (positions 0..4).
inline constexpr uint32_t kSigReturnWritePosition = 5;

template <class T>
struct SigReturnCols {
  T clk_high;
  T clk_low;
  SyscallAddrOperation<T> ptr;
  std::array<AddrAddOperation<T>, kSigReturnRegisters> addrs;
  std::array<MemoryAccessCols<T>, kSigReturnRegisters> memory_read_records;
  std::array<MemoryAccessCols<T>, kSigReturnRegisters> register_write_records;  // x1 .. x31
  T is_real;
};

template <Features F>
struct SigReturnChip {
  static constexpr const char* kName = "SigReturn";
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<SigReturnCols<size_t>>();
  static constexpr size_t kWidth = num_cols<SigReturnCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), clk_high = b.main(c.clk_high), clk = b.main(c.clk_low);
    const E<B> zero = b.constant(0);
    if constexpr (F == Features::Default) b.assert_zero(is_real);
    assert_bool(b, is_real);
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - b.constant(1));

    const std::array<E<B>, 3> ptr = eval_syscall_addr(b, kSigReturnFrameBytes, c.ptr, is_real);
    for (size_t i = 0; i < kSigReturnRegisters; ++i) {
      eval_addr_add(b, addr_word(b, ptr), Word<E<B>>{b.constant(uint32_t(8 * i + 8)), zero, zero, zero}, c.addrs[i],
                    is_real);
      eval_memory_read(b, clk_high, clk, main_addr(b, c.addrs[i].value), c.memory_read_records[i], is_real);
      eval_memory_access(b, clk_high, clk + b.constant(kSigReturnWritePosition),
                         {b.constant(uint32_t(1 + i)), zero, zero}, c.register_write_records[i],
                         main_word(b, c.memory_read_records[i].prev_value), is_real);
    }
    receive_syscall(b, F, clk_high, clk, kSigReturnId, zero, ptr, {zero, zero, zero}, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
