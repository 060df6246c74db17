#include "sp1/riscv/sigreturn_trace.hpp"

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/sigreturn.hpp"
#include "sp1/riscv/precompile_rows.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using Chip = rv::SigReturnChip<rv::Features::Default>;
constexpr size_t kRegisters = rv::kSigReturnRegisters;

void fill_call(Row row, const zkvm::PrecompileEvent* call) {
  const auto& c = Chip::kMain;
  const zkvm::SyscallEvent& e = call->syscall;
  const uint64_t ptr = e.arg1;
  const zkvm::MemoryAccess* reads = call->memory.data();
  const zkvm::MemoryAccess* writes = reads + kRegisters;
  expect_accesses(*call, reads, kRegisters, ptr + 8, false, e.clk);
  for (size_t i = 0; i < kRegisters; ++i)
    if (writes[i].addr != 1 + i || !writes[i].write || writes[i].value != reads[i].value ||
        writes[i].timestamp != e.clk + rv::kSigReturnWritePosition)
      throw std::invalid_argument("SIG_RETURN at clk " + std::to_string(e.clk) + ": access " +
                                  std::to_string(kRegisters + i) + " is not x" + std::to_string(1 + i) +
                                  "'s restore from the frame");
  fill_call_clock(row, c, e.clk);
  fill_syscall_addr(row, c.ptr, ptr);
  if ((ptr + rv::kSigReturnFrameBytes) >> 48)
    throw std::invalid_argument("SIG_RETURN frame at " + std::to_string(ptr) + " reaches 2^48");
  for (size_t i = 0; i < kRegisters; ++i) {
    fill_addr_add(row, c.addrs[i], ptr, 8 * i + 8);
    fill_memory_access(row, c.memory_read_records[i], reads[i]);
    fill_memory_access(row, c.register_write_records[i], writes[i]);
  }
}

}  // namespace

RiscvChipTrace sigreturn_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  const std::vector<const zkvm::PrecompileEvent*> calls =
      precompile_calls(shard, zkvm::sys::SIG_RETURN, 2 * kRegisters);
  return detail::untrusted_only_trace<Chip>(std::span<const zkvm::PrecompileEvent* const>(calls), options,
                                            [](Row row, const zkvm::PrecompileEvent* call) { fill_call(row, call); });
}

}  // namespace zkgpu::sp1::riscv
