// One pre-decoded RV64IM instruction, as the interpreter executes it. Decoding
// happens once per program (trusted code) so the hot loop only reads these
// 8-byte records: no bit-field extraction at run time.
#pragma once

#include <cstdint>
#include <string>

namespace zkgpu::zkvm {

enum class Op : uint8_t {
  // register-register
  add, sub, sll, slt, sltu, xor_, srl, sra, or_, and_,
  mul, mulh, mulhsu, mulhu, div, divu, rem, remu,
  addw, subw, sllw, srlw, sraw, mulw, divw, divuw, remw, remuw,
  // register-immediate
  addi, slti, sltiu, xori, ori, andi, slli, srli, srai,
  addiw, slliw, srliw, sraiw,
  lui, auipc,
  // memory
  lb, lh, lw, ld, lbu, lhu, lwu,
  sb, sh, sw, sd,
  // control flow; "near" branches and jal have a target inside the decoded range
  beq, bne, blt, bge, bltu, bgeu,
  jal, jalr,
  branch_far,  // a branch whose target leaves the decoded range (condition in rd)
  jal_far,     // a jal whose target leaves the decoded range
  ecall,
  illegal,     // anything SP1 does not execute (fence, csr, ebreak, unknown); fails when reached
  end_of_code, // sentinel after the last instruction: falling off the decoded range
};

// Field use: rd, rs1, rs2 as in the ISA; imm is the sign-extended immediate (for
// lui/auipc the shifted value, for shifts the amount, for branches the byte offset).
// Writes to x0 are decoded to register 32, a scratch slot, so x0 stays zero
// without a per-instruction reset.
struct Inst {
  Op op;
  uint8_t rd;
  uint8_t rs1;
  uint8_t rs2;
  int32_t imm;
};
static_assert(sizeof(Inst) == 8);

// A decoded stretch of code: code[i] is the instruction at base + 4 i, and
// code[size] is the end_of_code sentinel.
struct CodeView {
  const Inst* code;
  uint64_t base;
  uint64_t size;
};

inline constexpr uint8_t kScratchReg = 32;
inline constexpr uint32_t kEcallWord = 0x00000073;

// Decodes one instruction word at `pc`. Branch and jal targets at an
// instruction of [lo, hi) (inside it, 4-byte aligned from lo) become near ops;
// others become the far ops.
Inst decode(uint32_t word, uint64_t pc, uint64_t lo, uint64_t hi);

// "addi x1, x2, -4" style text, for errors and the step trace.
std::string disassemble(uint32_t word);

}  // namespace zkgpu::zkvm
