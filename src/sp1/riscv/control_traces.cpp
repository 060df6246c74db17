#include "sp1/riscv/control_traces.hpp"

#include <cstdint>

#include "sp1/air/riscv/branch.hpp"
#include "sp1/air/riscv/jump.hpp"
#include "sp1/air/riscv/utype.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using detail::generate_in_mode;
using detail::kMap;
using rv::Opcode;
using zkvm::InstrEvent;

// UTypeChip::generate_trace_into: addend = pc for AUIPC, 0 for LUI; the sum
// with the immediate unless rd = x0.
void fill_utype(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::UTypeCols>;
  const bool auipc = *control_opcode(e.opcode) == Opcode::AUIPC;
  const uint64_t addend = auipc ? e.pc : 0;
  put(row, c.is_auipc, auipc);
  put(row, c.is_real, 1);
  put_limbs(row, c.addend, addend);
  put_word(row, c.add_operation.value, e.op_a_0 ? 0 : addend + e.b);
}

// BranchChip::event_to_row: the opcode flag, rs1 (a) compared with rs2 (b), the
// next pc and whether the branch is taken.
void fill_branch(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::BranchCols>;
  const Opcode op = *control_opcode(e.opcode);
  const std::array<size_t, 6> flag{c.is_beq, c.is_bne, c.is_blt, c.is_bge, c.is_bltu, c.is_bgeu};
  for (size_t k = 0; k < 6; ++k) put(row, flag[k], rv::kBranchOpcodes[k] == op);
  const bool is_signed = op == Opcode::BLT || op == Opcode::BGE;
  const bool less = is_signed ? int64_t(e.a) < int64_t(e.b) : e.a < e.b;
  const bool equal = e.a == e.b;
  const bool taken = op == Opcode::BEQ   ? equal
                     : op == Opcode::BNE ? !equal
                     : op == Opcode::BLT || op == Opcode::BLTU ? less
                                                                : !less;
  fill_lt_signed(row, c.compare_operation, less, e.a, e.b, is_signed);
  put_limbs(row, c.next_pc, e.next_pc);
  put(row, c.is_branching, taken);
}

// The link value both jumps write: pc + 4, or 0 for rd = x0.
void fill_link(Row row, const rv::AddOperation<size_t>& op_a_operation, const InstrEvent& e) {
  put_word(row, op_a_operation.value, e.op_a_0 ? 0 : e.pc + 4);
}

// JalChip::generate_trace_into: next pc = pc + offset (op_b).
void fill_jal(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::JalCols>;
  put(row, c.is_real, 1);
  put_word(row, c.add_operation.value, e.pc + e.b);
  fill_link(row, c.op_a_operation, e);
}

// JalrChip::event_to_row: rs1 + imm, whose bit 0 the jump clears.
void fill_jalr(Row row, const InstrEvent& e) {
  const auto& c = kMap<rv::JalrCols>;
  const uint64_t target = e.b + e.c;
  put(row, c.is_real, 1);
  put(row, c.lsb, target & 1);
  put_word(row, c.add_operation.value, target);
  fill_link(row, c.op_a_operation, e);
}

}  // namespace

RiscvChipTrace control_trace(ControlChipKind chip, std::span<const InstrEvent> events,
                             const RiscvTraceOptions& options) {
  // A chip of the other trust mode has no rows: its events are not looked for.
  const std::vector<uint32_t> rows =
      detail::has_rows(options.mode, options) ? events_of(chip, events) : std::vector<uint32_t>{};
  switch (chip) {
    case ControlChipKind::UType: return generate_in_mode<rv::UTypeChip>(events, rows, options, fill_utype);
    case ControlChipKind::Branch: return generate_in_mode<rv::BranchChip>(events, rows, options, fill_branch);
    case ControlChipKind::Jal: return generate_in_mode<rv::JalChip>(events, rows, options, fill_jal);
    case ControlChipKind::Jalr: return generate_in_mode<rv::JalrChip>(events, rows, options, fill_jalr);
  }
  throw std::invalid_argument("control-flow trace: unknown chip");
}

}  // namespace zkgpu::sp1::riscv
