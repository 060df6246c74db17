// SP1 v6.4's InstructionDecode chip (crates/core/machine/src/program/
// instruction_decode.rs): the decoding of each distinct untrusted instruction
// word. A row holds the word's 32 bits, one format flag (R, I, I with a shift
// amount, I with a 32-bit shift amount, J, B, S, U) and the decoded instruction,
// checks the instruction's fields against the bits the format places them at,
// and receives the InstructionDecode messages InstructionFetch sends for it
// (multiplicity: how many). ECALL has no format: untrusted code cannot make
// one. The chip asserts is_untrusted_programs_enabled in both builds; only the
// `mprotect` build may have rows.
//
// Columns: multiplicity, InstructionCols 13, instr_type, funct3, funct7, 8 format
// flags, IsZeroOperation 2 (op_a = x0), encoded_instruction 2 (u16 limbs), its
// 32 bits = 61 (SP1's NUM_INSTRUCTION_DECODE_COLS, rv64im_costs.json).
#pragma once

#include <algorithm>

#include "sp1/air/riscv/instruction_fetch.hpp"
#include "sp1/air/riscv/is_zero.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct InstructionDecodeCols {
  T multiplicity;
  InstructionCols<T> instruction;
  T instr_type;
  T funct3;
  T funct7;
  T is_r_type;
  T is_i_type;
  T is_i_type_shamt;
  T is_i_type_shamt_32;
  T is_j_type;
  T is_b_type;
  T is_s_type;
  T is_u_type;
  IsZeroOperation<T> is_a_0;
  std::array<T, 2> encoded_instruction;
  std::array<T, 32> encoded_instruction_bits;
};

// Word::from_le_bits: up to 64 bits in u16 limbs; sign-extended by the last bit
// (its limb filled above it, the limbs after it 0xFFFF times it) or zero-extended.
template <class B>
Word<E<B>> word_from_le_bits(B& b, const std::vector<E<B>>& bits, bool sign_extend) {
  std::vector<E<B>> limbs;
  for (size_t i = 0; i < bits.size(); i += 16) {
    E<B> limb = b.constant(0);
    for (size_t k = i; k < std::min(bits.size(), i + 16); ++k) limb = limb + b.constant(1u << (k - i)) * bits[k];
    limbs.push_back(limb);
  }
  const E<B>& sign = bits.back();
  if (sign_extend && bits.size() % 16)
    limbs.back() = limbs.back() + b.constant((1u << 16) - (1u << (bits.size() % 16))) * sign;
  const E<B> fill = sign_extend ? b.constant(0xFFFF) * sign : b.constant(0);
  while (limbs.size() < 4) limbs.push_back(fill);
  return {limbs[0], limbs[1], limbs[2], limbs[3]};
}

template <Features F>
struct InstructionDecodeChip {
  static constexpr const char* kName = "InstructionDecode";
  static constexpr Features kFeatures = F;
  static constexpr auto kMain = col_map<InstructionDecodeCols<size_t>>();
  static constexpr size_t kWidth = num_cols<InstructionDecodeCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = 0;

  // The fields at their places in the word, as each format has them.
  template <class B>
  struct Decoded {
    E<B> base_opcode, funct3, funct7_rtype, funct7_shamt, rd;
    Word<E<B>> rs1, rs2;
  };

  template <class B>
  void eval(B& b) const {
    const auto& c = kMain;
    const E<B> one = b.constant(1);
    const std::array<E<B>, 8> flags{b.main(c.is_r_type), b.main(c.is_i_type), b.main(c.is_i_type_shamt),
                                    b.main(c.is_i_type_shamt_32), b.main(c.is_j_type), b.main(c.is_b_type),
                                    b.main(c.is_s_type), b.main(c.is_u_type)};
    for (const E<B>& f : flags) assert_bool(b, f);
    E<B> is_real = flags[0];
    for (size_t k = 1; k < flags.size(); ++k) is_real = is_real + flags[k];
    assert_bool(b, is_real);
    b.assert_zero(b.public_value(kIsUntrustedProgramsEnabled) - one);
    const E<B> multiplicity = b.main(c.multiplicity);
    if constexpr (F == Features::Default) {
      b.assert_zero(is_real);
      b.assert_zero(multiplicity);
    }
    using T = InstructionType;
    constexpr std::array<T, 8> kTypes{T::RType, T::IType, T::ITypeShamt, T::ITypeShamt32,
                                      T::JType, T::BType, T::SType,      T::UType};
    E<B> instr_type = flags[0] * b.constant(uint32_t(kTypes[0]));
    for (size_t k = 1; k < flags.size(); ++k) instr_type = instr_type + flags[k] * b.constant(uint32_t(kTypes[k]));
    b.assert_zero(b.main(c.instr_type) - instr_type);

    const Decoded<B> d = decode(b);
    const InstructionExprs<B> in = instruction_exprs(b, c.instruction);
    std::vector<E<B>> bits(32, b.constant(0));
    for (size_t i = 0; i < 32; ++i) bits[i] = b.main(c.encoded_instruction_bits[i]);
    const auto slice = [&](size_t from, size_t to) {
      return std::vector<E<B>>(bits.begin() + from, bits.begin() + to);
    };
    const auto join = [](std::vector<E<B>> x, const std::vector<E<B>>& y) {
      x.insert(x.end(), y.begin(), y.end());
      return x;
    };
    const E<B> funct3 = b.main(c.funct3), funct7 = b.main(c.funct7), zero = b.constant(0);
    // One format's checks, each under its flag.
    const auto check = [&](const E<B>& flag, const E<B>& f3, const E<B>& f7) {
      b.assert_zero(flag * (funct3 - f3));
      b.assert_zero(flag * (funct7 - f7));
    };
    const auto eq = [&](const E<B>& flag, const E<B>& x, const E<B>& y) { b.assert_zero(flag * (x - y)); };
    const auto word_eq = [&](const E<B>& flag, const Word<E<B>>& x, const Word<E<B>>& y) {
      for (size_t i = 0; i < 4; ++i) eq(flag, x[i], y[i]);
    };
    const auto imm_flags = [&](const E<B>& flag, uint32_t imm_b) {
      eq(flag, in.imm_b, b.constant(imm_b));
      eq(flag, in.imm_c, one);
    };

    // R: rd, rs1, rs2.
    check(flags[0], d.funct3, d.funct7_rtype);
    eq(flags[0], in.op_a, d.rd);
    word_eq(flags[0], in.op_b, d.rs1);
    word_eq(flags[0], in.op_c, d.rs2);
    b.assert_zero(flags[0] * in.imm_b);
    b.assert_zero(flags[0] * in.imm_c);
    // I: rd, rs1, a sign-extended 12-bit immediate.
    check(flags[1], d.funct3, zero);
    eq(flags[1], in.op_a, d.rd);
    word_eq(flags[1], in.op_b, d.rs1);
    word_eq(flags[1], in.op_c, word_from_le_bits(b, slice(20, 32), true));
    imm_flags(flags[1], 0);
    // I with a 6-bit shift amount (funct7 from bits 26..32).
    check(flags[2], d.funct3, d.funct7_shamt);
    eq(flags[2], in.op_a, d.rd);
    word_eq(flags[2], in.op_b, d.rs1);
    word_eq(flags[2], in.op_c, word_from_le_bits(b, slice(20, 26), false));
    imm_flags(flags[2], 0);
    // I with a 5-bit shift amount, bit 25 clear.
    check(flags[3], d.funct3, d.funct7_shamt);
    eq(flags[3], in.op_a, d.rd);
    word_eq(flags[3], in.op_b, d.rs1);
    word_eq(flags[3], in.op_c, word_from_le_bits(b, slice(20, 25), false));
    b.assert_zero(flags[3] * bits[25]);
    imm_flags(flags[3], 0);
    // J: rd, the offset imm[20|10:1|11|19:12] as op_b, op_c 0.
    const Word<E<B>> j_imm = word_from_le_bits(
        b, join(join(join(join({zero}, slice(21, 31)), {bits[20]}), slice(12, 20)), {bits[31]}), true);
    check(flags[4], zero, zero);
    eq(flags[4], in.op_a, d.rd);
    word_eq(flags[4], in.op_b, j_imm);
    word_eq(flags[4], in.op_c, zero_word(b));
    imm_flags(flags[4], 1);
    // B: op_a rs1, op_b rs2, the offset imm[12|10:5|4:1|11].
    check(flags[5], d.funct3, zero);
    word_eq(flags[5], extend_word(b, in.op_a), d.rs1);
    word_eq(flags[5], in.op_b, d.rs2);
    const Word<E<B>> b_imm = word_from_le_bits(
        b, join(join(join(join({zero}, slice(8, 12)), slice(25, 31)), {bits[7]}), {bits[31]}), true);
    word_eq(flags[5], in.op_c, b_imm);
    imm_flags(flags[5], 0);
    // S: op_a rs2 (the value), op_b rs1 (the base), imm[11:5|4:0].
    check(flags[6], d.funct3, zero);
    word_eq(flags[6], extend_word(b, in.op_a), d.rs2);
    word_eq(flags[6], in.op_b, d.rs1);
    word_eq(flags[6], in.op_c, word_from_le_bits(b, join(slice(7, 12), slice(25, 32)), true));
    imm_flags(flags[6], 0);
    // U: rd, the upper immediate as op_b and op_c.
    const Word<E<B>> u_imm = word_from_le_bits(b, join(std::vector<E<B>>(12, zero), slice(12, 32)), true);
    check(flags[7], zero, zero);
    eq(flags[7], in.op_a, d.rd);
    word_eq(flags[7], in.op_b, u_imm);
    word_eq(flags[7], in.op_c, u_imm);
    imm_flags(flags[7], 1);

    eval_is_zero(b, in.op_a, c.is_a_0, is_real);
    b.assert_zero(is_real * (b.main(c.is_a_0.result) - in.op_a_0));
    b.assert_zero(not_cond(b, is_real) * multiplicity);
    instruction_decode_message(b, Direction::Receive,
                               std::array<E<B>, 2>{b.main(c.encoded_instruction[0]), b.main(c.encoded_instruction[1])},
                               in, {b.main(c.instr_type), d.base_opcode, funct3, funct7}, multiplicity);
  }

  // decode_instruction: the bits (each boolean) make the word's two limbs; the
  // fields at their places.
  template <class B>
  static Decoded<B> decode(B& b) {
    const auto& c = kMain;
    const auto bits_sum = [&](size_t from, size_t to, bool check_bool) {
      E<B> acc = b.constant(0);
      for (size_t i = from; i < to; ++i) {
        const E<B> bit = b.main(c.encoded_instruction_bits[i]);
        if (check_bool) assert_bool(b, bit);
        acc = acc + b.constant(1u << (i - from)) * bit;
      }
      return acc;
    };
    const E<B> low = bits_sum(0, 16, true), high = bits_sum(16, 32, true);
    b.assert_zero(b.main(c.encoded_instruction[0]) - low);
    b.assert_zero(b.main(c.encoded_instruction[1]) - high);
    Decoded<B> d;
    d.base_opcode = bits_sum(0, 7, false);
    d.rd = bits_sum(7, 12, false);
    d.funct3 = bits_sum(12, 15, false);
    d.rs1 = extend_word(b, bits_sum(15, 20, false));
    d.rs2 = extend_word(b, bits_sum(20, 25, false));
    d.funct7_rtype = bits_sum(25, 32, false);
    d.funct7_shamt = bits_sum(26, 32, false) * b.constant(2);
    return d;
  }
};

}  // namespace zkgpu::sp1::air::riscv
