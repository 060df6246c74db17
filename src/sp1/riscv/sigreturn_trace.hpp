// The SigReturn chip's trace (sp1/air/riscv/sigreturn.hpp; SP1's
// SigReturnChip::generate_trace_into) from a shard's SIG_RETURN calls: one row a
// call, then zero padding rows up to SP1's height. A call's memory record is the
// frame's words 1..31 read at its clk, then x1..x31 written with them at clk + 5
// (SP1's SigReturnEvent: memory_read_records, register_write_records). The chip
// has no trust mode; it has rows only in a program with untrusted code (it
// asserts it on every row).
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument for a call whose record is not that, whose pointer
// is not 8-aligned in [2^16, 2^48 - 256), or whose records are out of time order,
// and for calls in a program without untrusted code.
RiscvChipTrace sigreturn_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
