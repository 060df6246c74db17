// SP1's own form of an instruction, as its transpiler makes it from the 32-bit
// word (succinctlabs/sp1 crates/core/executor/src/{instruction.rs, opcode.rs,
// disassembler/rrs.rs}, on rrs-succinct's decoding): an SP1 opcode and operands
// a, b, c with flags saying whether b and c are immediates. This is what SP1's
// Program chip commits to for every trusted instruction.
#pragma once

#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace zkgpu::zkvm {

// SP1's Opcode (crates/core/executor/src/opcode.rs); the value is the field element
// the chips see. Register-immediate forms share the register form's opcode, except
// ADDI.
enum class Sp1Opcode : uint8_t {
  ADD = 0, ADDI = 1, SUB = 2, XOR = 3, OR = 4, AND = 5, SLL = 6, SRL = 7, SRA = 8, SLT = 9, SLTU = 10,
  MUL = 11, MULH = 12, MULHU = 13, MULHSU = 14, DIV = 15, DIVU = 16, REM = 17, REMU = 18,
  ADDW = 19, SUBW = 20, SLLW = 21, SRLW = 22, SRAW = 23, MULW = 24, DIVW = 25, DIVUW = 26, REMW = 27, REMUW = 28,
  LB = 29, LH = 30, LW = 31, LBU = 32, LHU = 33, LWU = 34, LD = 35,
  SB = 36, SH = 37, SW = 38, SD = 39,
  BEQ = 40, BNE = 41, BLT = 42, BGE = 43, BLTU = 44, BGEU = 45,
  JAL = 46, JALR = 47, AUIPC = 48, LUI = 49, ECALL = 50, EBREAK = 51, UNIMP = 52,
};

// Operands as SP1 assigns them: R-type (a, b, c) = (rd, rs1, rs2); I-type (rd, rs1,
// imm) with imm sign-extended to 64 bits (shifts: the shift amount); stores (rs2,
// rs1, imm); branches (rs1, rs2, imm); JAL (rd, imm, 0); JALR (rd, rs1, imm);
// LUI/AUIPC (rd, imm, imm) with imm the sign-extended upper immediate; ECALL (x5,
// x10, x11); EBREAK (0, 0, 0); UNIMP (0, 0, 0) with both flags set.
struct Sp1Instruction {
  Sp1Opcode opcode{};
  uint8_t op_a = 0;
  uint64_t op_b = 0, op_c = 0;
  bool imm_b = false, imm_c = false;
  bool operator==(const Sp1Instruction&) const = default;
};

// A word SP1's transpiler cannot decode (it refuses the program).
class TranspileError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// FENCE, the CSR instructions, MRET and WFI become UNIMP, EBREAK its own opcode;
// anything else that is not RV64IM throws TranspileError naming the word.
Sp1Instruction transpile(uint32_t word);
std::vector<Sp1Instruction> transpile(std::span<const uint32_t> words);

}  // namespace zkgpu::zkvm
