#include "sp1/riscv/syscall_table_trace.hpp"

#include <vector>

#include "sp1/riscv/trap_populate.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using rv::SyscallShardKind;
using rv::TrustMode;

constexpr auto kCols = air::col_map<rv::SyscallCols<size_t>>();

// A call's row; a User chip's also has the code of the trap the call raised.
template <class Chip>
void fill_call(Row row, const zkvm::SyscallEvent* e) {
  const auto& c = kCols;
  if constexpr (Chip::kMode == TrustMode::User) put(row, Chip::kTrapCode, syscall_trap_code(*e));
  put(row, c.clk_high, e->clk >> 24);
  put(row, c.clk_low, e->clk & 0xFFFFFF);
  put(row, c.syscall_id, e->code & 0xFF);
  for (size_t i = 0; i < 3; ++i) {
    put(row, c.arg1[i], (e->arg1 >> (16 * i)) & 0xFFFF);
    put(row, c.arg2[i], (e->arg2 >> (16 * i)) & 0xFFFF);
  }
  put(row, c.is_real, 1);
}

template <SyscallShardKind K>
RiscvChipTrace in_mode(const std::vector<const zkvm::SyscallEvent*>& calls, const RiscvTraceOptions& options) {
  // The build (Features) changes constraints only, not the trace.
  const std::span<const zkvm::SyscallEvent* const> rows(calls);
  if (options.mode == TrustMode::User) {
    using User = rv::SyscallChip<K, TrustMode::User, rv::Features::Default>;
    return detail::event_chip_trace<User>(rows, options, fill_call<User>);
  }
  using Sup = rv::SyscallChip<K, TrustMode::Supervisor, rv::Features::Default>;
  return detail::event_chip_trace<Sup>(rows, options, fill_call<Sup>);
}

}  // namespace

RiscvChipTrace syscall_table_trace(SyscallShardKind kind, const zkvm::ShardRecord& shard,
                                   const RiscvTraceOptions& options) {
  std::vector<const zkvm::SyscallEvent*> calls;
  if (kind == SyscallShardKind::Core) {
    for (const zkvm::SyscallEvent& e : shard.syscalls)
      if ((e.code >> 8) & 0xFF) calls.push_back(&e);
    return in_mode<SyscallShardKind::Core>(calls, options);
  }
  for (const zkvm::PrecompileEvent& p : shard.precompiles) calls.push_back(&p.syscall);
  return in_mode<SyscallShardKind::Precompile>(calls, options);
}

}  // namespace zkgpu::sp1::riscv
