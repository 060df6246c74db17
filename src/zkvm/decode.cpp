// RV64IM decoding (the RISC-V unprivileged ISA, chapters RV32I/RV64I/M). What SP1
// v6 executes is exactly RV64IM plus ECALL; FENCE, CSR, EBREAK and the rest are
// decoded as `illegal` (SP1's transpiler maps them to UNIMP, which fails when run).
#include <array>
#include <cstdio>
#include <string>

#include "zkvm/instruction.hpp"

namespace zkgpu::zkvm {
namespace {

int32_t imm_i(uint32_t w) { return int32_t(w) >> 20; }
int32_t imm_s(uint32_t w) { return (int32_t(w & 0xfe000000u) >> 20) | int32_t((w >> 7) & 0x1f); }
int32_t imm_b(uint32_t w) {
  return (int32_t(w & 0x80000000u) >> 19) | int32_t((w & 0x80) << 4) | int32_t((w >> 20) & 0x7e0) |
         int32_t((w >> 7) & 0x1e);
}
int32_t imm_u(uint32_t w) { return int32_t(w & 0xfffff000u); }
int32_t imm_j(uint32_t w) {
  return (int32_t(w & 0x80000000u) >> 11) | int32_t(w & 0xff000) | int32_t((w >> 9) & 0x800) |
         int32_t((w >> 20) & 0x7fe);
}

struct Fields {
  uint32_t opcode, rd, f3, rs1, rs2, f7;
};
Fields fields(uint32_t w) {
  return {w & 0x7f, (w >> 7) & 0x1f, (w >> 12) & 7, (w >> 15) & 0x1f, (w >> 20) & 0x1f, w >> 25};
}

Inst make(Op op, uint32_t rd, uint32_t rs1, uint32_t rs2, int32_t imm) {
  return Inst{op, uint8_t(rd == 0 ? kScratchReg : rd), uint8_t(rs1), uint8_t(rs2), imm};
}
const Inst kIllegal{Op::illegal, 0, 0, 0, 0};

Inst decode_op(const Fields& f) {
  static constexpr std::array<Op, 8> base{Op::add, Op::sll, Op::slt, Op::sltu, Op::xor_, Op::srl, Op::or_, Op::and_};
  static constexpr std::array<Op, 8> m{Op::mul, Op::mulh, Op::mulhsu, Op::mulhu, Op::div, Op::divu, Op::rem, Op::remu};
  if (f.f7 == 0) return make(base[f.f3], f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 1) return make(m[f.f3], f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 0x20 && f.f3 == 0) return make(Op::sub, f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 0x20 && f.f3 == 5) return make(Op::sra, f.rd, f.rs1, f.rs2, 0);
  return kIllegal;
}

Inst decode_op32(const Fields& f) {
  if (f.f7 == 1) {
    switch (f.f3) {
      case 0: return make(Op::mulw, f.rd, f.rs1, f.rs2, 0);
      case 4: return make(Op::divw, f.rd, f.rs1, f.rs2, 0);
      case 5: return make(Op::divuw, f.rd, f.rs1, f.rs2, 0);
      case 6: return make(Op::remw, f.rd, f.rs1, f.rs2, 0);
      case 7: return make(Op::remuw, f.rd, f.rs1, f.rs2, 0);
      default: return kIllegal;
    }
  }
  if (f.f7 == 0 && f.f3 == 0) return make(Op::addw, f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 0x20 && f.f3 == 0) return make(Op::subw, f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 0 && f.f3 == 1) return make(Op::sllw, f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 0 && f.f3 == 5) return make(Op::srlw, f.rd, f.rs1, f.rs2, 0);
  if (f.f7 == 0x20 && f.f3 == 5) return make(Op::sraw, f.rd, f.rs1, f.rs2, 0);
  return kIllegal;
}

Inst decode_op_imm(uint32_t w, const Fields& f) {
  const int32_t imm = imm_i(w);
  const uint32_t shamt = (w >> 20) & 0x3f, top6 = w >> 26;
  switch (f.f3) {
    case 0: return make(Op::addi, f.rd, f.rs1, 0, imm);
    case 2: return make(Op::slti, f.rd, f.rs1, 0, imm);
    case 3: return make(Op::sltiu, f.rd, f.rs1, 0, imm);
    case 4: return make(Op::xori, f.rd, f.rs1, 0, imm);
    case 6: return make(Op::ori, f.rd, f.rs1, 0, imm);
    case 7: return make(Op::andi, f.rd, f.rs1, 0, imm);
    case 1: return top6 == 0 ? make(Op::slli, f.rd, f.rs1, 0, int32_t(shamt)) : kIllegal;
    case 5:
      if (top6 == 0) return make(Op::srli, f.rd, f.rs1, 0, int32_t(shamt));
      if (top6 == 0x10) return make(Op::srai, f.rd, f.rs1, 0, int32_t(shamt));
      return kIllegal;
  }
  return kIllegal;
}

Inst decode_op_imm32(uint32_t w, const Fields& f) {
  const int32_t shamt = int32_t(f.rs2);  // 5-bit shift amount
  switch (f.f3) {
    case 0: return make(Op::addiw, f.rd, f.rs1, 0, imm_i(w));
    case 1: return f.f7 == 0 ? make(Op::slliw, f.rd, f.rs1, 0, shamt) : kIllegal;
    case 5:
      if (f.f7 == 0) return make(Op::srliw, f.rd, f.rs1, 0, shamt);
      if (f.f7 == 0x20) return make(Op::sraiw, f.rd, f.rs1, 0, shamt);
      return kIllegal;
  }
  return kIllegal;
}

}  // namespace

Inst decode(uint32_t w, uint64_t pc, uint64_t lo, uint64_t hi) {
  const Fields f = fields(w);
  // A near target is an instruction of the decoded range: inside it and 4-byte
  // aligned (the interpreter moves by whole instructions). A target 2 mod 4 (the
  // ISA allows it; SP1 has no instruction there) becomes a far jump, which the
  // executor refuses as a misaligned pc.
  auto in_range = [&](int32_t off) {
    const uint64_t t = pc + uint64_t(int64_t(off));
    return t >= lo && t < hi && (t - lo) % 4 == 0;
  };
  switch (f.opcode) {
    case 0x37: return make(Op::lui, f.rd, 0, 0, imm_u(w));
    case 0x17: return make(Op::auipc, f.rd, 0, 0, imm_u(w));
    case 0x6f: {
      const int32_t off = imm_j(w);
      return make(in_range(off) ? Op::jal : Op::jal_far, f.rd, 0, 0, off);
    }
    case 0x67: return f.f3 == 0 ? make(Op::jalr, f.rd, f.rs1, 0, imm_i(w)) : kIllegal;
    case 0x63: {
      static constexpr std::array<Op, 8> ops{Op::beq, Op::bne, Op::illegal, Op::illegal,
                                             Op::blt, Op::bge, Op::bltu, Op::bgeu};
      const Op op = ops[f.f3];
      if (op == Op::illegal) return kIllegal;
      const int32_t off = imm_b(w);
      if (in_range(off)) return Inst{op, 0, uint8_t(f.rs1), uint8_t(f.rs2), off};
      return Inst{Op::branch_far, uint8_t(op), uint8_t(f.rs1), uint8_t(f.rs2), off};
    }
    case 0x03: {
      static constexpr std::array<Op, 8> ops{Op::lb, Op::lh, Op::lw, Op::ld, Op::lbu, Op::lhu, Op::lwu, Op::illegal};
      return ops[f.f3] == Op::illegal ? kIllegal : make(ops[f.f3], f.rd, f.rs1, 0, imm_i(w));
    }
    case 0x23: {
      static constexpr std::array<Op, 4> ops{Op::sb, Op::sh, Op::sw, Op::sd};
      if (f.f3 > 3) return kIllegal;
      return Inst{ops[f.f3], 0, uint8_t(f.rs1), uint8_t(f.rs2), imm_s(w)};
    }
    case 0x13: return decode_op_imm(w, f);
    case 0x1b: return decode_op_imm32(w, f);
    case 0x33: return decode_op(f);
    case 0x3b: return decode_op32(f);
    case 0x73: return w == kEcallWord ? Inst{Op::ecall, 0, 0, 0, 0} : kIllegal;
  }
  return kIllegal;
}

std::string disassemble(uint32_t w) {
  static constexpr const char* kNames[] = {
      "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
      "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu",
      "addw", "subw", "sllw", "srlw", "sraw", "mulw", "divw", "divuw", "remw", "remuw",
      "addi", "slti", "sltiu", "xori", "ori", "andi", "slli", "srli", "srai",
      "addiw", "slliw", "srliw", "sraiw", "lui", "auipc",
      "lb", "lh", "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd",
      "beq", "bne", "blt", "bge", "bltu", "bgeu", "jal", "jalr", "branch", "jal", "ecall"};
  // Decoded against an empty range so branches keep their own condition in rd.
  Inst i = decode(w, 0, 0, 0);
  char buf[96];
  if (i.op == Op::illegal) {
    std::snprintf(buf, sizeof buf, "illegal instruction 0x%08x", w);
    return buf;
  }
  if (i.op == Op::branch_far) i.op = Op(i.rd);
  const unsigned rd = i.rd == kScratchReg ? 0 : i.rd;
  const char* name = kNames[unsigned(i.op)];
  const Op op = i.op;
  if (op <= Op::remuw)
    std::snprintf(buf, sizeof buf, "%s x%u, x%u, x%u", name, rd, i.rs1, i.rs2);
  else if (op <= Op::sraiw || op == Op::jalr)
    std::snprintf(buf, sizeof buf, "%s x%u, x%u, %d", name, rd, i.rs1, i.imm);
  else if (op == Op::lui || op == Op::auipc)
    std::snprintf(buf, sizeof buf, "%s x%u, 0x%x", name, rd, unsigned(i.imm) >> 12);
  else if (op <= Op::lwu)
    std::snprintf(buf, sizeof buf, "%s x%u, %d(x%u)", name, rd, i.imm, i.rs1);
  else if (op <= Op::sd)
    std::snprintf(buf, sizeof buf, "%s x%u, %d(x%u)", name, i.rs2, i.imm, i.rs1);
  else if (op <= Op::bgeu)
    std::snprintf(buf, sizeof buf, "%s x%u, x%u, %d", name, i.rs1, i.rs2, i.imm);
  else if (op == Op::jal || op == Op::jal_far)
    std::snprintf(buf, sizeof buf, "jal x%u, %d", rd, i.imm);
  else
    std::snprintf(buf, sizeof buf, "%s", name);
  char word[16];
  std::snprintf(word, sizeof word, " (0x%08x)", w);
  return std::string(buf) + word;
}

}  // namespace zkgpu::zkvm
