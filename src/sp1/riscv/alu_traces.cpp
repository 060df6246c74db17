#include "sp1/riscv/alu_traces.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "sp1/air/riscv/add_sub.hpp"
#include "sp1/air/riscv/alu_x0.hpp"
#include "sp1/air/riscv/bitwise.hpp"
#include "sp1/air/riscv/divrem.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/mul.hpp"
#include "sp1/air/riscv/shift_left.hpp"
#include "sp1/air/riscv/shift_right.hpp"
#include "sp1/riscv/chip_trace.hpp"
#include "sp1/riscv/divrem_trace.hpp"

namespace zkgpu::sp1::riscv {

namespace {

using rv::Features;
using rv::TrustMode;
using zkvm::InstrEvent;
using detail::generate_in_mode;
using detail::kMap;

// AddOperation / SubOperation::populate: the 64-bit result's limbs.
template <class Cols>
void fill_add(Row row, const Cols& c, const rv::AddOperation<size_t>& op, uint64_t value) {
  put_word(row, op.value, value);
  put(row, c.is_real, 1);
}

// AddwOperation / SubwOperation::populate: the 32-bit result's limbs and its msb.
template <class Cols>
void fill_addw(Row row, const Cols& c, const rv::AddwOperation<size_t>& op, uint32_t value) {
  put(row, op.value[0], value & 0xFFFF);
  put(row, op.value[1], value >> 16);
  put(row, op.msb.msb, value >> 31);
  put(row, c.is_real, 1);
}

// BitwiseU16Operation::populate_bitwise: b's and c's low bytes, a's bytes.
void fill_bitwise(Row row, const rv::BitwiseCols<size_t>& c, const InstrEvent& e, Opcode op) {
  const auto& o = c.bitwise_operation;
  fill_low_bytes(row, o.b_low_bytes, e.b);
  fill_low_bytes(row, o.c_low_bytes, e.c);
  for (size_t i = 0; i < 8; ++i) put(row, o.result[i], (e.a >> (8 * i)) & 0xFF);
  put(row, c.is_xor, op == Opcode::XOR);
  put(row, c.is_or, op == Opcode::OR);
  put(row, c.is_and, op == Opcode::AND);
}

// Lt: SLT compares signed.
void fill_lt(Row row, const rv::LtCols<size_t>& c, const InstrEvent& e, Opcode op) {
  const bool is_signed = op == Opcode::SLT;
  fill_lt_signed(row, c.lt_operation, e.a != 0, e.b, e.c, is_signed);
  put(row, c.is_slt, is_signed);
  put(row, c.is_sltu, !is_signed);
}

// AluX0: the opcode; in User mode the selectors and the opcode's instruction
// fields, of its immediate form when op_c is an immediate.
void fill_alu_x0(Row row, const InstrEvent& e, TrustMode mode) {
  const auto& c = rv::AluX0Chip<TrustMode::User, Features::Default>::kMain;
  const Opcode op = *alu_opcode(e.opcode);
  put(row, c.opcode, uint32_t(op));
  put(row, c.is_real, 1);
  if (mode != TrustMode::User) return;
  const auto& s = rv::AluX0Chip<TrustMode::User, Features::Default>::kSelectors;
  const rv::OpcodeFields f = rv::alu_fields(op);
  const bool imm = !(e.used & InstrEvent::kC);
  put(row, s.instr_type, imm ? f.type_imm : uint32_t(f.type));
  put(row, s.base_opcode, imm ? f.base_imm : f.base);
  put(row, s.funct3, f.funct3);
  put(row, s.funct7, f.funct7);
  for (size_t k = 0; k < rv::kAluX0Opcodes.size(); ++k)
    if (rv::kAluX0Opcodes[k] == op) put(row, s.is_op[k], 1);
}

// The shift amount's low six bits and the one-hot whole-limb shift (bits 4 and 5;
// bit 5 counts only for 64-bit shifts).
template <class Cols>
void fill_shift_amount(Row row, const Cols& c, uint16_t amount, bool wide) {
  for (size_t i = 0; i < 6; ++i) put(row, c.c_bits[i], (amount >> i) & 1);
  const unsigned limbs = ((amount >> 4) & 1) + 2 * ((amount >> 5) & 1) * wide;
  put(row, c.shift_u16[limbs], 1);
}

// ShiftLeftChip::event_to_row.
void fill_shift_left(Row row, const rv::ShiftLeftCols<size_t>& c, const InstrEvent& e, Opcode op, bool imm) {
  const uint16_t amount = uint16_t(e.c);
  const bool is_sll = op == Opcode::SLL;
  if (!is_sll) put(row, c.sllw_msb.msb, (uint32_t(e.b << (amount & 0x1f)) >> 31) & 1);
  put_word(row, c.a, e.a);
  put(row, c.is_sll, is_sll);
  put(row, c.is_sllw, !is_sll);
  put(row, c.is_sllw_imm, !is_sll && imm);
  fill_shift_amount(row, c, amount, is_sll);
  const unsigned s = amount & 15;
  put(row, c.v_01, 1u << (amount & 3));
  put(row, c.v_012, 1u << (amount & 7));
  put(row, c.v_0123, 1u << s);
  const rv::Word<uint16_t> x = rv::u16_limbs(e.b);
  std::array<uint32_t, 4> lower{}, higher{};
  for (size_t i = 0; i < 4; ++i) {
    lower[i] = x[i] & ((1u << (16 - s)) - 1);
    higher[i] = uint32_t(x[i]) >> (16 - s);
    put(row, c.lower_limb[i], lower[i]);
    put(row, c.higher_limb[i], higher[i]);
  }
  for (size_t i = 0; i < 4; ++i) put(row, c.limb_result[i], (lower[i] << s) + (i ? higher[i - 1] : 0));
}

// ShiftRightChip::event_to_row (a W operation reads b's low half only).
void fill_shift_right(Row row, const rv::ShiftRightCols<size_t>& c, const InstrEvent& e, Opcode op, bool imm) {
  const uint16_t amount = uint16_t(e.c);
  const bool is_word = op == Opcode::SRLW || op == Opcode::SRAW;
  rv::Word<uint16_t> x = rv::u16_limbs(e.b);
  put_word(row, c.a, e.a);
  put(row, c.is_srl, op == Opcode::SRL);
  put(row, c.is_sra, op == Opcode::SRA);
  put(row, c.is_srlw, op == Opcode::SRLW);
  put(row, c.is_sraw, op == Opcode::SRAW);
  put(row, c.is_w_imm, is_word && imm);
  fill_shift_amount(row, c, amount, !is_word);
  const unsigned s = amount & 15;
  put(row, c.v_01, 1u << (4 - (amount & 3)));
  put(row, c.v_012, 1u << (8 - (amount & 7)));
  put(row, c.v_0123, 1u << (16 - s));
  uint32_t b_msb = 0;
  if (op == Opcode::SRA) b_msb = x[3] >> 15;
  if (op == Opcode::SRAW) b_msb = x[1] >> 15;
  put(row, c.b_msb.msb, b_msb);
  put(row, c.sra_msb_v0123, b_msb << (16 - s));
  if (is_word) {
    x[2] = x[3] = 0;
    put(row, c.srw_msb.msb, (e.a >> 31) & 1);
  }
  std::array<uint32_t, 4> lower{}, higher{};
  for (size_t i = 0; i < 4; ++i) {
    lower[i] = x[i] & ((1u << s) - 1);
    higher[i] = uint32_t(x[i]) >> s;
    put(row, c.lower_limb[i], lower[i]);
    put(row, c.higher_limb[i], higher[i]);
  }
  for (size_t i = 0; i < 4; ++i) put(row, c.limb_result[i], higher[i] + (i < 3 ? lower[i + 1] << (16 - s) : 0));
}

void fill_mul(Row row, const rv::MulCols<size_t>& c, const InstrEvent& e, Opcode op) {
  const bool mulh = op == Opcode::MULH, mulhsu = op == Opcode::MULHSU, mulw = op == Opcode::MULW;
  fill_mul_operation(row, c.mul_operation, e.b, e.c, mulh, mulhsu, mulw);
  put_word(row, c.a, e.a);
  put(row, c.is_mul, op == Opcode::MUL);
  put(row, c.is_mulh, mulh);
  put(row, c.is_mulhu, op == Opcode::MULHU);
  put(row, c.is_mulhsu, mulhsu);
  put(row, c.is_mulw, mulw);
}

}  // namespace

RiscvChipTrace alu_trace(AluChipKind chip, std::span<const InstrEvent> events, const RiscvTraceOptions& options) {
  // A chip of the other trust mode has no rows: its events are not looked for.
  const std::vector<uint32_t> rows =
      detail::has_rows(options.mode, options) ? events_of(chip, events) : std::vector<uint32_t>{};
  switch (chip) {
    case AluChipKind::Add:
      return generate_in_mode<rv::AddChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_add(row, kMap<rv::AddCols>, kMap<rv::AddCols>.add_operation, e.b + e.c);
      });
    case AluChipKind::Addi:
      return generate_in_mode<rv::AddiChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_add(row, kMap<rv::AddiCols>, kMap<rv::AddiCols>.add_operation, e.b + e.c);
      });
    case AluChipKind::Addw:
      return generate_in_mode<rv::AddwChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_addw(row, kMap<rv::AddwCols>, kMap<rv::AddwCols>.addw_operation, uint32_t(e.b) + uint32_t(e.c));
      });
    case AluChipKind::Sub:
      return generate_in_mode<rv::SubChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_add(row, kMap<rv::SubCols>, kMap<rv::SubCols>.sub_operation, e.b - e.c);
      });
    case AluChipKind::Subw:
      return generate_in_mode<rv::SubwChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_addw(row, kMap<rv::SubwCols>, kMap<rv::SubwCols>.subw_operation, uint32_t(e.b) - uint32_t(e.c));
      });
    case AluChipKind::Bitwise:
      return generate_in_mode<rv::BitwiseChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_bitwise(row, kMap<rv::BitwiseCols>, e, *alu_opcode(e.opcode));
      });
    case AluChipKind::Lt:
      return generate_in_mode<rv::LtChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_lt(row, kMap<rv::LtCols>, e, *alu_opcode(e.opcode));
      });
    case AluChipKind::AluX0:
      return generate_in_mode<rv::AluX0Chip>(events, rows, options, [&](Row row, const InstrEvent& e) {
        fill_alu_x0(row, e, options.mode);
      });
    case AluChipKind::Mul:
      return generate_in_mode<rv::MulChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_mul(row, kMap<rv::MulCols>, e, *alu_opcode(e.opcode));
      });
    case AluChipKind::DivRem:
      return generate_in_mode<rv::DivRemChip>(events, rows, options, fill_divrem, pad_divrem);
    case AluChipKind::ShiftLeft:
      return generate_in_mode<rv::ShiftLeftChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_shift_left(row, kMap<rv::ShiftLeftCols>, e, *alu_opcode(e.opcode), !(e.used & InstrEvent::kC));
      }, [](Row row) {  // shift by 0: v = 2^0 (SP1's padded_row_template)
        for (size_t col : {kMap<rv::ShiftLeftCols>.v_01, kMap<rv::ShiftLeftCols>.v_012, kMap<rv::ShiftLeftCols>.v_0123})
          put(row, col, 1);
      });
    case AluChipKind::ShiftRight:
      return generate_in_mode<rv::ShiftRightChip>(events, rows, options, [](Row row, const InstrEvent& e) {
        fill_shift_right(row, kMap<rv::ShiftRightCols>, e, *alu_opcode(e.opcode), !(e.used & InstrEvent::kC));
      }, [](Row row) {  // shift by 0: v = 2^(4, 8, 16) (SP1's padded_row_template)
        put(row, kMap<rv::ShiftRightCols>.v_01, 1u << 4);
        put(row, kMap<rv::ShiftRightCols>.v_012, 1u << 8);
        put(row, kMap<rv::ShiftRightCols>.v_0123, 1u << 16);
      });
  }
  throw std::invalid_argument("ALU trace: unknown chip " + std::to_string(int(chip)));
}

}  // namespace zkgpu::sp1::riscv
