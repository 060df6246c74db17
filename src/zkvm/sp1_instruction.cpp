#include "zkvm/sp1_instruction.hpp"

#include <cstdio>

#include "zkvm/instruction.hpp"

namespace zkgpu::zkvm {
namespace {

using O = Sp1Opcode;

// SP1's opcode for each of the decoder's operations (rrs.rs: process_*).
O sp1_opcode(Op op) {
  switch (op) {
    case Op::add: return O::ADD;
    case Op::sub: return O::SUB;
    case Op::sll: case Op::slli: return O::SLL;
    case Op::slt: case Op::slti: return O::SLT;
    case Op::sltu: case Op::sltiu: return O::SLTU;
    case Op::xor_: case Op::xori: return O::XOR;
    case Op::srl: case Op::srli: return O::SRL;
    case Op::sra: case Op::srai: return O::SRA;
    case Op::or_: case Op::ori: return O::OR;
    case Op::and_: case Op::andi: return O::AND;
    case Op::mul: return O::MUL;
    case Op::mulh: return O::MULH;
    case Op::mulhsu: return O::MULHSU;
    case Op::mulhu: return O::MULHU;
    case Op::div: return O::DIV;
    case Op::divu: return O::DIVU;
    case Op::rem: return O::REM;
    case Op::remu: return O::REMU;
    case Op::addw: case Op::addiw: return O::ADDW;
    case Op::subw: return O::SUBW;
    case Op::sllw: case Op::slliw: return O::SLLW;
    case Op::srlw: case Op::srliw: return O::SRLW;
    case Op::sraw: case Op::sraiw: return O::SRAW;
    case Op::mulw: return O::MULW;
    case Op::divw: return O::DIVW;
    case Op::divuw: return O::DIVUW;
    case Op::remw: return O::REMW;
    case Op::remuw: return O::REMUW;
    case Op::addi: return O::ADDI;
    case Op::lui: return O::LUI;
    case Op::auipc: return O::AUIPC;
    case Op::lb: return O::LB;
    case Op::lh: return O::LH;
    case Op::lw: return O::LW;
    case Op::ld: return O::LD;
    case Op::lbu: return O::LBU;
    case Op::lhu: return O::LHU;
    case Op::lwu: return O::LWU;
    case Op::sb: return O::SB;
    case Op::sh: return O::SH;
    case Op::sw: return O::SW;
    case Op::sd: return O::SD;
    case Op::beq: return O::BEQ;
    case Op::bne: return O::BNE;
    case Op::blt: return O::BLT;
    case Op::bge: return O::BGE;
    case Op::bltu: return O::BLTU;
    case Op::bgeu: return O::BGEU;
    case Op::jal: case Op::jal_far: return O::JAL;
    case Op::jalr: return O::JALR;
    case Op::ecall: return O::ECALL;
    case Op::branch_far: case Op::illegal: case Op::end_of_code: break;
  }
  throw std::logic_error("sp1_opcode: no SP1 opcode");
}

// rrs-succinct's SYSTEM and MISC-MEM cases that SP1 keeps: EBREAK, and the ones
// its transpiler turns into UNIMP.
bool is_unimp(uint32_t w) {
  const uint32_t opcode = w & 0x7f, f3 = (w >> 12) & 7;
  if (opcode == 0x0f) return f3 == 0;                          // FENCE
  if (opcode != 0x73) return false;
  if (f3 != 0) return f3 != 4;                                 // CSRRW .. CSRRCI
  return w == 0x10500073u || w == 0x30200073u;                 // WFI, MRET
}

uint64_t sext(int32_t v) { return uint64_t(int64_t(v)); }

}  // namespace

Sp1Instruction transpile(uint32_t w) {
  if (w == 0x00100073u) return {O::EBREAK, 0, 0, 0, false, false};
  if (is_unimp(w)) return {O::UNIMP, 0, 0, 0, true, true};
  // Decoded against an empty range: jumps become jal_far and branches branch_far
  // with their own operation in rd (instruction.hpp).
  Inst i = decode(w, 0, 0, 0);
  if (i.op == Op::illegal) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "SP1 cannot transpile the instruction word 0x%08x", w);
    throw TranspileError(buf);
  }
  if (i.op == Op::branch_far) i.op = Op(i.rd);
  const uint8_t rd = i.rd == kScratchReg ? 0 : i.rd;
  const O op = sp1_opcode(i.op);
  const Op d = i.op;
  if (d <= Op::remuw) return {op, rd, i.rs1, i.rs2, false, false};
  if (d <= Op::sraiw || (d >= Op::lb && d <= Op::lwu) || d == Op::jalr) return {op, rd, i.rs1, sext(i.imm), false, true};
  if (d == Op::lui || d == Op::auipc) return {op, rd, sext(i.imm), sext(i.imm), true, true};
  if (d >= Op::sb && d <= Op::sd) return {op, i.rs2, i.rs1, sext(i.imm), false, true};
  if (d >= Op::beq && d <= Op::bgeu) return {op, i.rs1, i.rs2, sext(i.imm), false, true};
  if (d == Op::jal || d == Op::jal_far) return {op, rd, sext(i.imm), 0, true, true};
  return {O::ECALL, 5, 10, 11, false, false};  // d == Op::ecall
}

std::vector<Sp1Instruction> transpile(std::span<const uint32_t> words) {
  std::vector<Sp1Instruction> out;
  out.reserve(words.size());
  for (uint32_t w : words) out.push_back(transpile(w));
  return out;
}

}  // namespace zkgpu::zkvm
