// SP1 v6.4's InstructionFetch chip (crates/core/machine/src/program/
// instruction_fetch.rs): where an untrusted instruction comes from. Each row
// receives the InstructionFetch message a User chip sent (the instruction, its
// field constants and clk), reads the 8-byte word holding it (at pc rounded down
// to 8, at clk + 0), takes the instruction's 32 bits from the half `offset`
// (pc bit 2) names, sends them with the instruction to InstructionDecode, and
// checks the page may be read and executed. pc is at least 2^16 (no registers).
// The chip asserts is_untrusted_programs_enabled in both builds; only the
// `mprotect` build may have rows.
//
// Columns: clk_high, clk_low, pc 3, top_two_limb_inv, InstructionCols 13,
// instr_type, base_opcode, funct3, funct7, MemoryAccessCols 9, selected_word 2,
// offset, is_real = 36 (SP1's NUM_INSTRUCTION_FETCH_COLS, rv64im_costs.json).
#pragma once

#include "sp1/air/riscv/program_chip.hpp"
#include "sp1/air/riscv/trap.hpp"  // PROT_EXEC

namespace zkgpu::sp1::air::riscv {

inline constexpr uint32_t kPositionUntrustedInstruction = 0;

template <class T>
struct InstructionFetchCols {
  T clk_high;
  T clk_low;
  std::array<T, 3> pc;
  T top_two_limb_inv;
  InstructionCols<T> instruction;
  T instr_type;
  T base_opcode;
  T funct3;
  T funct7;
  MemoryAccessCols<T> memory_access;
  std::array<T, 2> selected_word;
  T offset;
  T is_real;
};

template <class B>
InstructionExprs<B> instruction_exprs(B& b, const InstructionCols<size_t>& c) {
  return {b.main(c.opcode), b.main(c.op_a),   main_word(b, c.op_b), main_word(b, c.op_c),
          b.main(c.op_a_0), b.main(c.imm_b), b.main(c.imm_c)};
}

// InstructionCols' 13 values (the InstructionDecode message's middle).
template <class B>
std::vector<E<B>> instruction_values(const InstructionExprs<B>& in) {
  return {in.opcode,  in.op_a,    in.op_b[0], in.op_b[1], in.op_b[2], in.op_b[3], in.op_c[0],
          in.op_c[1], in.op_c[2], in.op_c[3], in.op_a_0,  in.imm_b,   in.imm_c};
}

// The InstructionDecode message: [word (2 u16 limbs), InstructionCols 13,
// instr_type, base_opcode, funct3, funct7].
template <class B>
void instruction_decode_message(B& b, Direction dir, const std::array<E<B>, 2>& word, const InstructionExprs<B>& in,
                                const std::array<E<B>, 4>& consts, const E<B>& mult) {
  std::vector<E<B>> values{word[0], word[1]};
  for (const E<B>& v : instruction_values(in)) values.push_back(v);
  for (const E<B>& v : consts) values.push_back(v);
  interact_values(b, dir, InteractionKind::InstructionDecode, values, mult);
}

template <Features F>
struct InstructionFetchChip {
  static constexpr const char* kName = "InstructionFetch";
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<InstructionFetchCols<size_t>>();
  static constexpr size_t kWidth = num_cols<InstructionFetchCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> is_real = b.main(c.is_real), offset = b.main(c.offset);
    const E<B> clk_high = b.main(c.clk_high), clk = b.main(c.clk_low);
    const std::array<E<B>, 3> pc{b.main(c.pc[0]), b.main(c.pc[1]), b.main(c.pc[2])};
    if constexpr (F == Features::Default) b.assert_zero(is_real);
    assert_bool(b, is_real);
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - b.constant(1));

    // The 8-aligned address of the word holding the instruction, at least 2^16.
    range_check_u16(b, pc, is_real);
    assert_bool(b, offset);
    const E<B> aligned = pc[0] - b.constant(4) * offset;
    send_byte(b, ByteOpcode::Range, aligned * b.constant(inverse_of(8)), b.constant(13), b.constant(0), is_real);
    b.assert_zero(b.main(c.top_two_limb_inv) * (pc[1] + pc[2]) - is_real);
    const std::array<E<B>, 3> addr{aligned, pc[1], pc[2]};
    eval_memory_read(b, clk_high, clk + b.constant(kPositionUntrustedInstruction), addr, c.memory_access, is_real);

    // The instruction is the word's low (offset 0) or high half.
    const Word<E<B>> word = main_word(b, c.memory_access.prev_value);
    const std::array<E<B>, 2> selected{b.main(c.selected_word[0]), b.main(c.selected_word[1])};
    b.assert_zero(not_cond(b, offset) * (selected[0] - word[0]));
    b.assert_zero(not_cond(b, offset) * (selected[1] - word[1]));
    b.assert_zero(offset * (selected[0] - word[2]));
    b.assert_zero(offset * (selected[1] - word[3]));

    const InstructionExprs<B> in = instruction_exprs(b, c.instruction);
    const std::array<E<B>, 4> consts{b.main(c.instr_type), b.main(c.base_opcode), b.main(c.funct3),
                                     b.main(c.funct7)};
    std::vector<E<B>> fetch = program_values(pc, in);
    for (const E<B>& v : consts) fetch.push_back(v);
    fetch.push_back(clk_high);
    fetch.push_back(clk);
    interact_values(b, Direction::Receive, InteractionKind::InstructionFetch, fetch, is_real);
    instruction_decode_message(b, Direction::Send, selected, in, consts, is_real);
    send_page_prot(b, clk_high, clk, addr, kProtRead | kProtExec, is_real);
  }
};

}  // namespace zkgpu::sp1::air::riscv
