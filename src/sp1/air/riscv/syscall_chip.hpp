// SP1 v6.4's SyscallCore and SyscallPrecompile chips (crates/core/machine/src/
// syscall/chip.rs, one chip per shard kind): the syscall table. In an execution
// shard, SyscallCore receives each call an ECALL sends to the table (the code's
// second byte set) and forwards it to the Global chip as sent; in a precompile
// shard (and for an execution shard's retained precompile calls),
// SyscallPrecompile sends each call to its precompile chip and takes it from the
// Global chip as received, so that the calls a shard makes and the calls another
// proves cancel across shards. Under `mprotect` a call also carries the trap code
// (the User chips' column; 0 for Supervisor), folded into the Global message
// above arg1's limb 1.
//
// Columns: clk_high, clk_low, syscall_id, arg1 3, arg2 3, is_real = 10 (SP1's
// rv64im_costs.json; User adds trap_code). Constraints: [mprotect: the untrusted
// flag,] [User, default build: no rows,] is_real a bit, SP1's is_real^3 = is_real^3.
#pragma once

#include "sp1/air/riscv/alu_chip.hpp"

namespace zkgpu::sp1::air::riscv {

enum class SyscallShardKind { Core, Precompile };

template <class T>
struct SyscallCols {
  T clk_high;
  T clk_low;
  T syscall_id;
  std::array<T, 3> arg1;
  std::array<T, 3> arg2;
  T is_real;
};

template <SyscallShardKind K, TrustMode M, Features F>
struct SyscallChip {
  static constexpr const char* kName = K == SyscallShardKind::Core ? chip_name<M>("SyscallCore", "SyscallCoreUser")
                                                                   : chip_name<M>("SyscallPrecompile",
                                                                                  "SyscallPrecompileUser");
  static constexpr TrustMode kMode = M;
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<SyscallCols<size_t>>();
  static constexpr size_t kWidth = width_in<SyscallCols<size_t>>(M);
  static constexpr size_t kTrapCode = num_cols<SyscallCols<size_t>>;  // User mode only
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), zero = b.constant(0), one = b.constant(1);
    eval_untrusted_flag(b, M, F);
    E<B> trap_code = zero;
    if (M == TrustMode::User) {
      if (F == Features::Default) b.assert_zero(is_real);
      trap_code = b.main(kTrapCode);
    }
    assert_bool(b, is_real);
    b.assert_zero(is_real * is_real * is_real - is_real * is_real * is_real);
    const E<B> id = b.main(c.syscall_id);
    const std::array<E<B>, 3> arg1{b.main(c.arg1[0]), b.main(c.arg1[1]), b.main(c.arg1[2])};
    const std::array<E<B>, 3> arg2{b.main(c.arg2[0]), b.main(c.arg2[1]), b.main(c.arg2[2])};
    range_check_u8(b, std::array<E<B>, 2>{id, trap_code}, is_real);
    range_check_u16(b, std::array<E<B>, 1>{arg1[0]}, is_real);
    if (M == TrustMode::User) range_check_u16(b, std::array<E<B>, 1>{arg1[1]}, is_real);
    const E<B> arg4 = F == Features::Mprotect ? arg1[1] + trap_code * b.constant(1u << 16) : arg1[1];
    const E<B> clk_high = b.main(c.clk_high), clk_low = b.main(c.clk_low);
    std::vector<E<B>> call{clk_high, clk_low, id};
    if (F == Features::Mprotect) call.push_back(trap_code);
    call.insert(call.end(), arg1.begin(), arg1.end());
    call.insert(call.end(), arg2.begin(), arg2.end());
    const bool core = K == SyscallShardKind::Core;
    interact_values(b, core ? Direction::Receive : Direction::Send, InteractionKind::Syscall, call, is_real);
    interact_values(b, Direction::Send, InteractionKind::Global,
                    {clk_high, clk_low, id + arg1[0] * b.constant(1u << 8), arg4, arg1[2], arg2[0], arg2[1], arg2[2],
                     core ? one : zero, core ? zero : one, b.constant(uint32_t(InteractionKind::Syscall))},
                    is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
