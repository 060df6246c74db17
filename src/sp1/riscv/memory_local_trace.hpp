// The MemoryLocal chip's trace (sp1/air/riscv/memory_local.hpp; SP1's
// MemoryLocalChip::generate_trace_into) from a shard's local memory events: a
// precompile shard's calls' events first, then the shard's own (SP1's
// get_local_mem_events), one row each, then zero padding rows up to SP1's height.
#pragma once

#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument for an address of 2^48 or more.
RiscvChipTrace memory_local_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
