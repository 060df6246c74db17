// The interactions and checks every RISC-V instruction chip shares, as SP1 v6.4
// writes them (crates/core/machine/src):
//   - the CPU state: receive (clk, pc), send (clk + increment, next pc), and the
//     clock limbs' range checks (adapter/state.rs, CPUState::eval);
//   - register accesses (air/memory.rs, eval_register_access_{read,write} and
//     eval_register_access_timestamp);
//   - the Program and InstructionFetch sends (air/program.rs), with
//     InstructionCols' value order (program/instruction.rs);
//   - the readers of r_type.rs, i_type.rs, alu_type.rs and j_type.rs;
//   - the trust-mode checks of lib.rs (eval_untrusted_program) and the chips'
//     `mprotect` public-value assertion.
// Message layouts (crates/hypercube/src/air/builder.rs; InteractionKind::num_values):
//   State            [clk_high, clk_low, pc0, pc1, pc2]                         5
//   Memory           [clk_high, clk_low, addr0, addr1, addr2, v0, v1, v2, v3]   9
//   Program          [pc0, pc1, pc2, opcode, op_a, op_b[4], op_c[4], op_a_0, imm_b, imm_c]  16
//   InstructionFetch [Program's 16, instr_type, base_opcode, funct3, funct7, clk_high, clk_low]  22
//   Byte             [opcode, a, b, c]                                          4
// All of them are local-scope interactions.
#pragma once

#include <array>
#include <vector>

#include "sp1/air/riscv/columns.hpp"

namespace zkgpu::sp1::air::riscv {

// SP1's MemoryAccessPosition (the clk offset of each access inside an instruction)
// and the per-instruction increments (crates/core/executor: PC_INC, CLK_INC).
inline constexpr uint32_t kPositionMemory = 1, kPositionC = 2, kPositionB = 3, kPositionA = 4;
inline constexpr uint32_t kPcInc = 4, kClkInc = 8;

// Indices in the shard's public values (crates/hypercube/src/air/public_values.rs,
// PublicValues with W1 = 4, W2 = 3, W3 = 4 elements: the previous and current
// committed-value digests, 8 words of 4 bytes each; the previous and current
// deferred-proofs digests, 8 elements each; pc_start and next_pc, 3 limbs each;
// prev_exit_code, exit_code, is_execution_shard; 8 three-limb init/finalize
// addresses and page indices; 2 four-limb timestamps; 4 timestamp flags and
// inverses; 5 counts; the 14-element septic digest; prev_commit_syscall,
// commit_syscall, prev_commit_deferred_syscall, commit_deferred_syscall, 2
// timestamp inverses, is_first_execution_shard; is_untrusted_programs_enabled.
// The same in both builds: `mprotect` adds fields only after these.)
inline constexpr size_t kCommittedValueDigest = 32;  // word k, byte i at 32 + 4 k + i
inline constexpr size_t kDeferredProofsDigest = 72;
inline constexpr size_t kExitCode = 87;
inline constexpr size_t kCommitSyscall = 145;
inline constexpr size_t kCommitDeferredSyscall = 147;
inline constexpr size_t kIsUntrustedProgramsEnabled = 151;

template <class B>
using E = ExprOf<B>;

template <class B>
E<B> clk_low(B& b, const CPUState<size_t>& s) {
  return b.main(s.clk_0_16) + b.main(s.clk_16_24) * b.constant(1u << 16);
}

template <class B>
std::array<E<B>, 3> pc_of(B& b, const CPUState<size_t>& s) {
  return {b.main(s.pc[0]), b.main(s.pc[1]), b.main(s.pc[2])};
}

// pc as a word: [pc0, pc1, pc2, 0].
template <class B>
Word<E<B>> pc_word(B& b, const CPUState<size_t>& s) {
  return {b.main(s.pc[0]), b.main(s.pc[1]), b.main(s.pc[2]), b.constant(0)};
}

template <class B>
void interact_values(B& b, Direction dir, InteractionKind kind, const std::vector<E<B>>& values, const E<B>& mult) {
  b.interact(dir, kind, std::span<const E<B>>(values), mult);
}

template <class B>
void state_message(B& b, Direction dir, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& pc,
                   const E<B>& mult) {
  interact_values(b, dir, InteractionKind::State, {clk_high, clk_low, pc[0], pc[1], pc[2]}, mult);
}

// CPUState::eval: the row's instruction runs at (clk, pc) and hands over to
// (clk + clk_inc, next_pc).
template <class B>
void eval_cpu_state(B& b, const CPUState<size_t>& s, const std::array<E<B>, 3>& next_pc, const E<B>& clk_inc,
                    const E<B>& is_real) {
  const E<B> high = b.main(s.clk_high), low = clk_low(b, s);
  assert_bool(b, is_real);
  state_message(b, Direction::Receive, high, low, pc_of(b, s), is_real);
  state_message(b, Direction::Send, high, low + clk_inc, next_pc, is_real);
  // 0 <= (clk_0_16 - 1) / 8 < 2^13: clk = 1 mod 8 and clk_0_16 is 16 bits.
  send_byte(b, ByteOpcode::Range, (b.main(s.clk_0_16) - b.constant(1)) * b.constant(inverse_of(8)), b.constant(13),
            b.constant(0), is_real);
  range_check_u8(b, std::array<E<B>, 2>{b.main(s.clk_16_24), b.constant(0)}, is_real);
}

// The next pc of a straight-line instruction: pc + 4 in the low limb.
template <class B>
std::array<E<B>, 3> next_pc_plus_4(B& b, const CPUState<size_t>& s) {
  return {b.main(s.pc[0]) + b.constant(kPcInc), b.main(s.pc[1]), b.main(s.pc[2])};
}

// eval_register_access_read / _write: the access at clk_low (the position already
// added) of register `reg`, checked to come after the previous access of the same
// clk_high (registers are bumped when clk_high changes), with the previous and
// the new value in the memory argument.
template <class B>
void eval_register_access(B& b, const E<B>& clk_high, const E<B>& clk, const E<B>& reg,
                          const RegisterAccessCols<size_t>& cols, const Word<E<B>>& new_value, const E<B>& do_check) {
  assert_bool(b, do_check);
  const E<B> prev_low = b.main(cols.access_timestamp.prev_low);
  const E<B> diff_low = b.main(cols.access_timestamp.diff_low_limb);
  const E<B> diff_minus_one = clk - prev_low - b.constant(1);
  const E<B> diff_high = (diff_minus_one - diff_low) * b.constant(inverse_of(1u << 16));
  send_byte(b, ByteOpcode::Range, diff_low, b.constant(16), b.constant(0), do_check);
  send_byte(b, ByteOpcode::U8Range, b.constant(0), diff_high, b.constant(0), do_check);

  const Word<E<B>> prev = main_word(b, cols.prev_value);
  const E<B> zero = b.constant(0);
  interact_values(b, Direction::Send, InteractionKind::Memory,
                  {clk_high, prev_low, reg, zero, zero, prev[0], prev[1], prev[2], prev[3]}, do_check);
  interact_values(b, Direction::Receive, InteractionKind::Memory,
                  {clk_high, clk, reg, zero, zero, new_value[0], new_value[1], new_value[2], new_value[3]}, do_check);
}

template <class B>
void eval_register_read(B& b, const E<B>& clk_high, const E<B>& clk, const E<B>& reg,
                        const RegisterAccessCols<size_t>& cols, const E<B>& do_check) {
  eval_register_access(b, clk_high, clk, reg, cols, main_word(b, cols.prev_value), do_check);
}

// InstructionCols (program/instruction.rs) as the values it sends.
template <class B>
struct InstructionExprs {
  E<B> opcode, op_a;
  Word<E<B>> op_b, op_c;
  E<B> op_a_0, imm_b, imm_c;
};

template <class B>
std::vector<E<B>> program_values(const std::array<E<B>, 3>& pc, const InstructionExprs<B>& in) {
  return {pc[0],      pc[1],      pc[2],      in.opcode,  in.op_a,    in.op_b[0], in.op_b[1], in.op_b[2],
          in.op_b[3], in.op_c[0], in.op_c[1], in.op_c[2], in.op_c[3], in.op_a_0,  in.imm_b,   in.imm_c};
}

template <class B>
void send_program(B& b, const std::array<E<B>, 3>& pc, const InstructionExprs<B>& in, const E<B>& mult) {
  interact_values(b, Direction::Send, InteractionKind::Program, program_values(pc, in), mult);
}

template <class B>
InstructionExprs<B> instruction_of(B& b, const RTypeReader<size_t>& r, const E<B>& opcode) {
  return {opcode, b.main(r.op_a), extend_word(b, b.main(r.op_b)), extend_word(b, b.main(r.op_c)),
          b.main(r.op_a_0), b.constant(0), b.constant(0)};
}

template <class B>
InstructionExprs<B> instruction_of(B& b, const ITypeReader<size_t>& r, const E<B>& opcode) {
  return {opcode, b.main(r.op_a), extend_word(b, b.main(r.op_b)), main_word(b, r.op_c_imm),
          b.main(r.op_a_0), b.constant(0), b.constant(1)};
}

template <class B>
InstructionExprs<B> instruction_of(B& b, const ALUTypeReader<size_t>& r, const E<B>& opcode) {
  return {opcode, b.main(r.op_a), extend_word(b, b.main(r.op_b)), main_word(b, r.op_c),
          b.main(r.op_a_0), b.constant(0), b.main(r.imm_c)};
}

template <class B>
InstructionExprs<B> instruction_of(B& b, const JTypeReader<size_t>& r, const E<B>& opcode) {
  return {opcode, b.main(r.op_a), main_word(b, r.op_b_imm), main_word(b, r.op_c_imm),
          b.main(r.op_a_0), b.constant(1), b.constant(1)};
}

// The reader prologue every reader shares: the program lookup, rd = x0 writes 0,
// the write of rd and the read of rs1.
template <class B, class Reader>
void eval_reader_ab(B& b, const E<B>& clk_high, const E<B>& clk, const std::array<E<B>, 3>& pc, const E<B>& opcode,
                    const Word<E<B>>& op_a_value, const Reader& r, const E<B>& is_real, const E<B>& is_trusted) {
  send_program(b, pc, instruction_of(b, r, opcode), is_trusted);
  assert_word_eq_when(b, b.main(r.op_a_0), op_a_value, zero_word(b));
  eval_register_access(b, clk_high, clk + b.constant(kPositionA), b.main(r.op_a), r.op_a_memory, op_a_value, is_real);
  eval_register_read(b, clk_high, clk + b.constant(kPositionB), b.main(r.op_b), r.op_b_memory, is_real);
}

// RTypeReader::eval.
template <class B>
void eval_reader(B& b, const E<B>& clk_high, const E<B>& clk, const std::array<E<B>, 3>& pc, const E<B>& opcode,
                 const Word<E<B>>& op_a_value, const RTypeReader<size_t>& r, const E<B>& is_real,
                 const E<B>& is_trusted) {
  assert_bool(b, is_real);
  eval_reader_ab(b, clk_high, clk, pc, opcode, op_a_value, r, is_real, is_trusted);
  eval_register_read(b, clk_high, clk + b.constant(kPositionC), b.main(r.op_c), r.op_c_memory, is_real);
}

// ITypeReader::eval.
template <class B>
void eval_reader(B& b, const E<B>& clk_high, const E<B>& clk, const std::array<E<B>, 3>& pc, const E<B>& opcode,
                 const Word<E<B>>& op_a_value, const ITypeReader<size_t>& r, const E<B>& is_real,
                 const E<B>& is_trusted) {
  assert_bool(b, is_real);
  eval_reader_ab(b, clk_high, clk, pc, opcode, op_a_value, r, is_real, is_trusted);
}

// JTypeReader::eval: the program lookup and the write of rd; nothing is read.
template <class B>
void eval_reader(B& b, const E<B>& clk_high, const E<B>& clk, const std::array<E<B>, 3>& pc, const E<B>& opcode,
                 const Word<E<B>>& op_a_value, const JTypeReader<size_t>& r, const E<B>& is_real,
                 const E<B>& is_trusted) {
  assert_bool(b, is_real);
  send_program(b, pc, instruction_of(b, r, opcode), is_trusted);
  assert_word_eq_when(b, b.main(r.op_a_0), op_a_value, zero_word(b));
  eval_register_access(b, clk_high, clk + b.constant(kPositionA), b.main(r.op_a), r.op_a_memory, op_a_value, is_real);
}

// ALUTypeReader::eval_alu_reader: op_c is a register unless imm_c, in which case
// the immediate is copied into op_c_memory.prev_value and nothing is read.
template <class B>
void eval_reader(B& b, const E<B>& clk_high, const E<B>& clk, const std::array<E<B>, 3>& pc, const E<B>& opcode,
                 const Word<E<B>>& op_a_value, const ALUTypeReader<size_t>& r, const E<B>& is_real,
                 const E<B>& is_trusted) {
  const E<B> imm_c = b.main(r.imm_c);
  assert_bool(b, is_real);
  // when_not(is_real) is SP1's when_ne(is_real, 1): the factor is is_real - 1.
  b.assert_zero((is_real - b.constant(1)) * imm_c);
  eval_reader_ab(b, clk_high, clk, pc, opcode, op_a_value, r, is_real, is_trusted);
  eval_register_read(b, clk_high, clk + b.constant(kPositionC), b.main(r.op_c[0]), r.op_c_memory, is_real - imm_c);
  assert_word_eq_when(b, imm_c, main_word(b, r.op_c_memory.prev_value), main_word(b, r.op_c));
}

// Under `mprotect` every instruction chip asserts the shard's
// is_untrusted_programs_enabled: 0 for a Supervisor chip, 1 for a User chip.
template <class B>
void eval_untrusted_flag(B& b, TrustMode mode, Features features) {
  if (features == Features::Mprotect)
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - b.constant(mode == TrustMode::User ? 1 : 0));
}

// lib.rs, eval_untrusted_program: a User chip's rows whose code came from memory
// (is_real - is_trusted) fetch their instruction, and then untrusted programs must
// be enabled. Returns is_trusted, the Program send's multiplicity.
template <class B>
E<B> eval_untrusted_program(B& b, size_t is_trusted_col, const CPUState<size_t>& state,
                            const InstructionExprs<B>& instruction, const std::array<E<B>, 4>& field_consts,
                            const E<B>& is_real) {
  const E<B> is_trusted = b.main(is_trusted_col);
  const E<B> is_untrusted = is_real - is_trusted;
  std::vector<E<B>> values = program_values(pc_of(b, state), instruction);
  for (const auto& c : field_consts) values.push_back(c);
  values.push_back(b.main(state.clk_high));
  values.push_back(clk_low(b, state));
  interact_values(b, Direction::Send, InteractionKind::InstructionFetch, values, is_untrusted);
  assert_bool(b, is_trusted);
  assert_bool(b, is_untrusted);
  b.assert_zero(is_untrusted * (b.public_value(kIsUntrustedProgramsEnabled) - b.constant(1)));
  return is_trusted;
}

// The trust-mode part of an instruction chip's eval, between its CPU state and
// its reader: the `mprotect` flag; for a User chip (which the default build keeps
// empty: is_real = 0 there), the untrusted fetch. Returns the Program send's
// multiplicity: is_real, or the User chip's is_trusted column.
template <class B>
E<B> eval_trust(B& b, TrustMode mode, Features features, size_t is_trusted_col, const CPUState<size_t>& state,
                const InstructionExprs<B>& instruction, const std::array<E<B>, 4>& field_consts, const E<B>& is_real) {
  eval_untrusted_flag(b, mode, features);
  if (mode == TrustMode::Supervisor) return is_real;
  if (features == Features::Default) b.assert_zero(is_real);
  return eval_untrusted_program(b, is_trusted_col, state, instruction, field_consts, is_real);
}

// The field constants of a fixed opcode: [instr_type, base_opcode, funct3, funct7].
template <class B>
std::array<E<B>, 4> field_consts(B& b, Opcode op) {
  const OpcodeFields f = opcode_fields(op);
  return {b.constant(uint32_t(f.type)), b.constant(f.base), b.constant(f.funct3), b.constant(f.funct7)};
}

}  // namespace zkgpu::sp1::air::riscv
