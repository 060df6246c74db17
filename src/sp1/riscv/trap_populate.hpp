// Trace values of the trapping chips' shared operations (sp1/air/riscv/trap.hpp),
// as SP1 v6.4's populate() functions write them: TrapOperation::populate
// (operations/trap.rs), the trap context's slots, and the trap code a syscall's
// message carries; PageProtOperation's are in page_prot_populate.hpp.
#pragma once

#include "sp1/air/riscv/trap.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "sp1/riscv/page_prot_populate.hpp"

namespace zkgpu::sp1::riscv {

// The trap code of a syscall that trapped on a page check (SP1's
// TrapError::PagePermissionViolation), 0 for one that did not.
inline uint64_t syscall_trap_code(const zkvm::SyscallEvent& e) {
  return e.trap_result ? e.trap_result->code_record.value : 0;
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
