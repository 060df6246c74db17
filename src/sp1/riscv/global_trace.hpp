// The Global chip's trace (sp1/air/riscv/global.hpp; SP1's GlobalChip::
// generate_trace_into and the global interaction events its sibling chips make in
// generate_dependencies): the messages a shard exchanges with other shards, in
// RiscvAir's chip order (SyscallCore's sends, SyscallPrecompile's receives,
// PageProtLocal's initial receive and final send of each page, the global memory
// initialize sends and finalize receives by address, the global page ones by page
// index, MemoryLocal's initial receive and final send of each word), one row each
// with its curve point and the running sum from SP1's start digest; then padding
// rows that add the dummy point. The final sum is the shard's global_cumulative_sum.
#pragma once

#include <array>
#include <vector>

#include "sp1/air/septic_curve.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "zkvm/shard.hpp"

namespace zkgpu::sp1::riscv {

struct GlobalEvent {
  std::array<uint32_t, 8> message{};
  bool is_receive = false;
  uint8_t kind = 0;  // InteractionKind: Memory, Syscall or PageProtAccess
};

std::vector<GlobalEvent> global_events(const zkvm::ShardRecord& shard);

struct GlobalTrace {
  RiscvChipTrace trace;
  air::septic::Point cumulative_sum;  // the start digest plus every event's point
};

// Throws std::runtime_error when a running sum meets an exceptional case of the
// curve's addition (as SP1 would not prove such a shard).
GlobalTrace global_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options = {});

}  // namespace zkgpu::sp1::riscv
