// Trace values of the trapping chips' shared operations (sp1/air/riscv/trap.hpp),
// as SP1 v6.4's populate() functions write them:
//   PageOperation / PageProtOperation::populate  operations/page.rs
//   PageProtAccessCols::populate                 memory/consistency/trace.rs
//   TrapOperation::populate                      operations/trap.rs
#pragma once

#include "sp1/air/riscv/trap.hpp"
#include "sp1/riscv/chip_trace.hpp"

namespace zkgpu::sp1::riscv {

// The page permissions read at `clk` for the page of `addr`, after the access
// `prev`.
inline void fill_page_prot_operation(Row row, const rv::PageProtOperation<size_t>& c, uint64_t addr, uint64_t clk,
                                     const zkvm::PageProtRecord& prev) {
  if (prev.timestamp >= clk)
    throw std::invalid_argument("page " + std::to_string(prev.page_idx) + " permissions read at " +
                                std::to_string(clk) + " after an access at " + std::to_string(prev.timestamp));
  put(row, c.page_op.addr_12_bits, addr & 0xFFF);
  put(row, c.page_op.addr_4_bits, (addr >> 12) & 0xF);
  put(row, c.page_prot_access.prev_prot_bitmap, prev.page_prot);
  fill_memory_timestamp(row, c.page_prot_access.access_timestamp, prev.timestamp, clk);
}

inline void fill_trap_operation(Row row, const rv::TrapOperation<size_t>& c, const zkvm::TrapResult& r) {
  fill_memory_access(row, c.next_pc_reader, r.handler_record);
  fill_memory_access(row, c.code_writer, r.code_record);
  fill_memory_access(row, c.pc_writer, r.pc_record);
}

// The trap context's slots a row carries.
inline void fill_trap_addresses(Row row, const rv::TrapAddresses& c, const RiscvTraceOptions& options) {
  for (size_t i = 0; i < 3; ++i) put_limbs(row, c[i], options.trap_context[i]);
}

}  // namespace zkgpu::sp1::riscv
