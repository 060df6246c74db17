// The SyscallCore and SyscallPrecompile chips' traces (sp1/air/riscv/
// syscall_chip.hpp; SP1's SyscallChip::generate_trace_into): SyscallCore's rows
// are a shard's ECALLs whose code sends them to the table (its second byte set),
// SyscallPrecompile's the shard's precompile calls (a precompile shard's, or an
// execution shard's retained ones); one row each in order, then zero padding rows
// up to SP1's height. A chip of the other trust mode than the program's has no
// rows (SP1's num_rows); a User chip's row has the trap code of a call that
// trapped on a page check (0 for others).
#pragma once

#include "sp1/air/riscv/syscall_chip.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

RiscvChipTrace syscall_table_trace(rv::SyscallShardKind kind, const zkvm::ShardRecord& shard,
                                   const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
