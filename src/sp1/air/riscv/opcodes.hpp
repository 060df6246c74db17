// SP1 v6.4's RISC-V opcode numbering and the instruction-field constants its
// untrusted-program checks send (crates/core/executor/src/opcode.rs: Opcode,
// ByteOpcode, funct3/funct7/base_opcode/instruction_type; instruction.rs:
// InstructionType; rrs_lib's OPCODE_* base opcodes). An opcode travels in the
// Program and InstructionFetch interactions as its numeric value (Opcode::as_field).
#pragma once

#include <cstdint>
#include <stdexcept>

namespace zkgpu::sp1::air::riscv {

enum class Opcode : uint8_t {
  ADD = 0, ADDI = 1, SUB = 2, XOR = 3, OR = 4, AND = 5, SLL = 6, SRL = 7, SRA = 8, SLT = 9, SLTU = 10,
  MUL = 11, MULH = 12, MULHU = 13, MULHSU = 14, DIV = 15, DIVU = 16, REM = 17, REMU = 18,
  ADDW = 19, SUBW = 20, SLLW = 21, SRLW = 22, SRAW = 23, MULW = 24, DIVW = 25, DIVUW = 26, REMW = 27,
  REMUW = 28,
  LB = 29, LH = 30, LW = 31, LBU = 32, LHU = 33, LWU = 34, LD = 35, SB = 36, SH = 37, SW = 38, SD = 39,
  BEQ = 40, BNE = 41, BLT = 42, BGE = 43, BLTU = 44, BGEU = 45, JAL = 46, JALR = 47, AUIPC = 48, LUI = 49,
  ECALL = 50, EBREAK = 51, UNIMP = 52,
};

// The byte table's operations (the first value of every Byte interaction).
enum class ByteOpcode : uint8_t { AND = 0, OR = 1, XOR = 2, U8Range = 3, LTU = 4, MSB = 5, Range = 6 };

enum class InstructionType : uint32_t {
  ITypeShamt32 = 1u << 0,
  ITypeShamt = 1u << 1,
  IType = 1u << 2,
  RType = 1u << 3,
  JType = 1u << 4,
  BType = 1u << 5,
  SType = 1u << 6,
  UType = 1u << 7,
  ECALL = 1u << 8,
};

// rrs_lib::instruction_formats.
inline constexpr uint32_t kOpcodeOp = 0x33, kOpcodeOpImm = 0x13, kOpcodeOp32 = 0x3b, kOpcodeOpImm32 = 0x1b;
inline constexpr uint32_t kOpcodeBranch = 0x63, kOpcodeJal = 0x6f, kOpcodeJalr = 0x67, kOpcodeAuipc = 0x17,
                          kOpcodeLui = 0x37, kOpcodeLoad = 0x03, kOpcodeStore = 0x23;

// What eval_untrusted_program sends for an ALU opcode: the register form's
// instruction type and base opcode, and those of its immediate form where SP1 has
// one (instruction_type().1, base_opcode().1; 0 = none), with funct3 and funct7
// (funct7 0 where SP1 has none: `unwrap_or(0)`).
struct OpcodeFields {
  InstructionType type;
  uint32_t type_imm;  // 0: none
  uint32_t base;
  uint32_t base_imm;  // 0: none
  uint8_t funct3;
  uint8_t funct7;
};

constexpr OpcodeFields alu_fields(Opcode op) {
  using T = InstructionType;
  constexpr uint32_t kI = uint32_t(T::IType);
  switch (op) {
    case Opcode::ADD: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b000, 0b0000000};
    case Opcode::SUB: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b000, 0b0100000};
    case Opcode::ADDI: return {T::IType, kI, kOpcodeOpImm, kOpcodeOpImm, 0b000, 0};
    case Opcode::XOR: return {T::RType, kI, kOpcodeOp, kOpcodeOpImm, 0b100, 0b0000000};
    case Opcode::OR: return {T::RType, kI, kOpcodeOp, kOpcodeOpImm, 0b110, 0b0000000};
    case Opcode::AND: return {T::RType, kI, kOpcodeOp, kOpcodeOpImm, 0b111, 0b0000000};
    case Opcode::SLT: return {T::RType, kI, kOpcodeOp, kOpcodeOpImm, 0b010, 0b0000000};
    case Opcode::SLTU: return {T::RType, kI, kOpcodeOp, kOpcodeOpImm, 0b011, 0b0000000};
    case Opcode::SLL: return {T::RType, uint32_t(T::ITypeShamt), kOpcodeOp, kOpcodeOpImm, 0b001, 0b0000000};
    case Opcode::SRL: return {T::RType, uint32_t(T::ITypeShamt), kOpcodeOp, kOpcodeOpImm, 0b101, 0b0000000};
    case Opcode::SRA: return {T::RType, uint32_t(T::ITypeShamt), kOpcodeOp, kOpcodeOpImm, 0b101, 0b0100000};
    case Opcode::ADDW: return {T::RType, kI, kOpcodeOp32, kOpcodeOpImm32, 0b000, 0b0000000};
    case Opcode::SUBW: return {T::RType, 0, kOpcodeOp32, 0, 0b000, 0b0100000};
    case Opcode::SLLW: return {T::RType, uint32_t(T::ITypeShamt32), kOpcodeOp32, kOpcodeOpImm32, 0b001, 0b0000000};
    case Opcode::SRLW: return {T::RType, uint32_t(T::ITypeShamt32), kOpcodeOp32, kOpcodeOpImm32, 0b101, 0b0000000};
    case Opcode::SRAW: return {T::RType, uint32_t(T::ITypeShamt32), kOpcodeOp32, kOpcodeOpImm32, 0b101, 0b0100000};
    case Opcode::MUL: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b000, 0b0000001};
    case Opcode::MULH: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b001, 0b0000001};
    case Opcode::MULHSU: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b010, 0b0000001};
    case Opcode::MULHU: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b011, 0b0000001};
    case Opcode::DIV: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b100, 0b0000001};
    case Opcode::DIVU: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b101, 0b0000001};
    case Opcode::REM: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b110, 0b0000001};
    case Opcode::REMU: return {T::RType, 0, kOpcodeOp, kOpcodeOp, 0b111, 0b0000001};
    case Opcode::MULW: return {T::RType, 0, kOpcodeOp32, 0, 0b000, 0b0000001};
    case Opcode::DIVW: return {T::RType, 0, kOpcodeOp32, 0, 0b100, 0b0000001};
    case Opcode::DIVUW: return {T::RType, 0, kOpcodeOp32, 0, 0b101, 0b0000001};
    case Opcode::REMW: return {T::RType, 0, kOpcodeOp32, 0, 0b110, 0b0000001};
    case Opcode::REMUW: return {T::RType, 0, kOpcodeOp32, 0, 0b111, 0b0000001};
    default: throw std::invalid_argument("alu_fields: not an ALU opcode");
  }
}

// The same for the control-flow and U-type opcodes: one form each (instruction_type()
// and base_opcode() give JALR and the branches the same second value, the others
// none); funct3 0 where SP1 has none (JAL, AUIPC, LUI), funct7 0 for all.
constexpr OpcodeFields control_fields(Opcode op) {
  using T = InstructionType;
  constexpr uint32_t kB = uint32_t(T::BType);
  switch (op) {
    case Opcode::BEQ: return {T::BType, kB, kOpcodeBranch, kOpcodeBranch, 0b000, 0};
    case Opcode::BNE: return {T::BType, kB, kOpcodeBranch, kOpcodeBranch, 0b001, 0};
    case Opcode::BLT: return {T::BType, kB, kOpcodeBranch, kOpcodeBranch, 0b100, 0};
    case Opcode::BGE: return {T::BType, kB, kOpcodeBranch, kOpcodeBranch, 0b101, 0};
    case Opcode::BLTU: return {T::BType, kB, kOpcodeBranch, kOpcodeBranch, 0b110, 0};
    case Opcode::BGEU: return {T::BType, kB, kOpcodeBranch, kOpcodeBranch, 0b111, 0};
    case Opcode::JAL: return {T::JType, 0, kOpcodeJal, kOpcodeJal, 0, 0};
    case Opcode::JALR: return {T::IType, 0, kOpcodeJalr, kOpcodeJalr, 0b000, 0};
    case Opcode::AUIPC: return {T::UType, 0, kOpcodeAuipc, kOpcodeAuipc, 0, 0};
    case Opcode::LUI: return {T::UType, 0, kOpcodeLui, kOpcodeLui, 0, 0};
    default: throw std::invalid_argument("control_fields: not a control-flow or U-type opcode");
  }
}

// The loads (I-type) and stores (S-type): one form each, funct7 none.
constexpr OpcodeFields memory_fields(Opcode op) {
  using T = InstructionType;
  const auto load = [](uint8_t funct3) { return OpcodeFields{T::IType, 0, kOpcodeLoad, kOpcodeLoad, funct3, 0}; };
  const auto store = [](uint8_t funct3) { return OpcodeFields{T::SType, 0, kOpcodeStore, kOpcodeStore, funct3, 0}; };
  switch (op) {
    case Opcode::LB: return load(0b000);
    case Opcode::LH: return load(0b001);
    case Opcode::LW: return load(0b010);
    case Opcode::LD: return load(0b011);
    case Opcode::LBU: return load(0b100);
    case Opcode::LHU: return load(0b101);
    case Opcode::LWU: return load(0b110);
    case Opcode::SB: return store(0b000);
    case Opcode::SH: return store(0b001);
    case Opcode::SW: return store(0b010);
    case Opcode::SD: return store(0b011);
    default: throw std::invalid_argument("memory_fields: not a load or store opcode");
  }
}

constexpr OpcodeFields opcode_fields(Opcode op) {
  if (op >= Opcode::BEQ && op <= Opcode::LUI) return control_fields(op);
  if (op >= Opcode::LB && op <= Opcode::SD) return memory_fields(op);
  return alu_fields(op);
}

}  // namespace zkgpu::sp1::air::riscv
