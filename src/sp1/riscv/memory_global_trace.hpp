// The MemoryGlobalInit / MemoryGlobalFinalize chips' traces (sp1/air/riscv/
// memory_global.hpp; SP1's MemoryGlobalChip::generate_trace_into): a shard's
// memory initialize or finalize events sorted by address, one row each with its
// index and the previous row's address (the first row's from the shard's
// previous_init_addr / previous_finalize_addr), then zero padding rows up to SP1's
// height.
#pragma once

#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

// Throws std::invalid_argument for an address of 2^48 or more, and for addresses
// that do not increase (which no shard the executor makes has).
RiscvChipTrace memory_global_trace(rv::MemoryGlobalKind kind, const zkvm::ShardRecord& shard,
                                   const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
