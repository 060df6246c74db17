#include "sp1/riscv/trap_traces.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "sp1/air/riscv/trap_exec.hpp"
#include "sp1/air/riscv/trap_mem.hpp"
#include "sp1/riscv/memory_events.hpp"
#include "sp1/riscv/trap_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using ExecChip = rv::TrapExecChip<rv::Features::Default>;
using MemChip = rv::TrapMemChip<rv::Features::Default>;

void fill_exec(Row row, const zkvm::TrapExecEvent& e, const RiscvTraceOptions& options) {
  const auto& c = ExecChip::kMain;
  const uint8_t perm = e.page_prot_record.page_prot;
  fill_cpu_state(row, c.state, e.clk, e.pc);
  fill_page_prot_operation(row, c.page_prot_operation, e.pc, e.clk, e.page_prot_record);
  fill_trap_operation(row, c.trap_operation, e.trap_result);
  put(row, c.trap_code, e.trap_result.code_record.value);
  put(row, c.prot_read_fail, (perm & rv::kProtRead) == 0);
  put(row, c.prot_exec_fail, (perm & rv::kProtExec) == 0);
  fill_trap_addresses(row, c.addresses, options);
  put(row, c.is_real, 1);
}

void fill_mem(Row row, const zkvm::TrapMemEvent& e, const RiscvTraceOptions& options) {
  const auto& c = MemChip::kMain;
  const zkvm::InstrEvent& in = e.instr;
  const std::optional<rv::Opcode> op = memory_opcode(in.opcode);
  const auto* at = op ? std::find(rv::kTrapMemOpcodes.begin(), rv::kTrapMemOpcodes.end(), *op)
                      : rv::kTrapMemOpcodes.end();
  if (at == rv::kTrapMemOpcodes.end())
    throw std::invalid_argument("TrapMem event at clk " + std::to_string(in.clk) + " is not a load or store");
  fill_cpu_state(row, c.state, in.clk, in.pc);
  fill_reader(row, c.adapter, in);
  fill_trap_addresses(row, c.addresses, options);
  put(row, c.is_trusted, !e.untrusted);
  fill_addr_add(row, c.addr_operation, in.b, in.c);
  fill_page_prot_operation(row, c.page_prot_operation, in.b + in.c, in.clk + rv::kPositionMemory, e.page_prot_access);
  fill_trap_operation(row, c.trap_operation, e.trap_result);
  put(row, MemChip::kFlags[size_t(at - rv::kTrapMemOpcodes.begin())], 1);
}

}  // namespace

RiscvChipTrace trap_exec_trace(std::span<const zkvm::TrapExecEvent> events, const RiscvTraceOptions& options) {
  return detail::event_chip_trace<ExecChip>(
      events, options, [&](Row row, const zkvm::TrapExecEvent& e) { fill_exec(row, e, options); });
}

RiscvChipTrace trap_mem_trace(std::span<const zkvm::TrapMemEvent> events, const RiscvTraceOptions& options) {
  return detail::event_chip_trace<MemChip>(events, options,
                                           [&](Row row, const zkvm::TrapMemEvent& e) { fill_mem(row, e, options); });
}

}  // namespace zkgpu::sp1::riscv
