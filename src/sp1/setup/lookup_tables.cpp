#include "sp1/setup/lookup_tables.hpp"

#include <stdexcept>
#include <string>

namespace zkgpu::sp1::setup {
namespace {

using air::ByteChip;
using air::ProgramChip;
using air::RangeChip;

F count_value(uint64_t count) {
  if (count >= F::kP) throw std::invalid_argument("multiplicity " + std::to_string(count) + " exceeds the field");
  return F::from_canonical(uint32_t(count));
}

// SP1's From<u64> for Word: four 16-bit limbs, least significant first.
void put_word(std::span<F> row, const std::array<size_t, 4>& cols, uint64_t v) {
  for (size_t i = 0; i < 4; ++i) row[cols[i]] = F::from_canonical(uint32_t((v >> (16 * i)) & 0xffff));
}

}  // namespace

size_t program_rows(size_t instructions) { return std::max<size_t>(16, (instructions + 31) / 32 * 32); }

std::vector<F> program_preprocessed_trace(uint64_t pc_base, std::span<const zkvm::Sp1Instruction> instructions) {
  if (instructions.empty()) throw std::invalid_argument("Program table: no instructions");
  if (pc_base + 4 * uint64_t(instructions.size()) > (uint64_t(1) << 48))
    throw std::invalid_argument("Program table: a pc at or above 2^48");
  constexpr size_t W = ProgramChip::kPreprocessedWidth;
  constexpr auto& k = ProgramChip::kPrep;
  const size_t rows = program_rows(instructions.size());
  std::vector<F> out(rows * W);
  for (size_t r = 0; r < rows; ++r) {
    const size_t idx = r < instructions.size() ? r : 0;
    const zkvm::Sp1Instruction& in = instructions[idx];
    const std::span<F> row(out.data() + r * W, W);
    const uint64_t pc = pc_base + 4 * uint64_t(idx);
    for (size_t i = 0; i < 3; ++i) row[k.pc[i]] = F::from_canonical(uint32_t((pc >> (16 * i)) & 0xffff));
    row[k.instruction.opcode] = F::from_canonical(uint32_t(in.opcode));
    row[k.instruction.op_a] = F::from_canonical(in.op_a);
    put_word(row, k.instruction.op_b, in.op_b);
    put_word(row, k.instruction.op_c, in.op_c);
    row[k.instruction.op_a_0] = F::from_canonical(in.op_a == 0);
    row[k.instruction.imm_b] = F::from_canonical(in.imm_b);
    row[k.instruction.imm_c] = F::from_canonical(in.imm_c);
  }
  return out;
}

std::vector<F> byte_preprocessed_trace() {
  constexpr size_t W = ByteChip::kPreprocessedWidth;
  constexpr auto& k = ByteChip::kPrep;
  std::vector<F> out((size_t(1) << ByteChip::kLogRows) * W);
  for (uint32_t b = 0; b < 256; ++b)
    for (uint32_t c = 0; c < 256; ++c) {
      F* row = out.data() + ((b << 8) + c) * W;
      row[k.b] = F::from_canonical(b);
      row[k.c] = F::from_canonical(c);
      row[k.and_] = F::from_canonical(b & c);
      row[k.or_] = F::from_canonical(b | c);
      row[k.xor_] = F::from_canonical(b ^ c);
      row[k.ltu] = F::from_canonical(b < c);
      row[k.msb] = F::from_canonical(b >> 7);
    }
  return out;
}

std::vector<F> range_preprocessed_trace() {
  constexpr size_t W = RangeChip::kPreprocessedWidth;
  constexpr auto& k = RangeChip::kPrep;
  std::vector<F> out((size_t(1) << RangeChip::kLogRows) * W);  // row 0 stays (0, 0)
  for (uint32_t bits = 0; bits <= RangeChip::kMaxBits; ++bits)
    for (uint32_t a = 0; a < (1u << bits); ++a) {
      F* row = out.data() + ((1u << bits) + a) * W;
      row[k.a] = F::from_canonical(a);
      row[k.bits] = F::from_canonical(bits);
    }
  return out;
}

std::vector<F> byte_main_trace(const ByteLookupCounts& counts) {
  constexpr size_t W = ByteChip::kWidth;
  std::vector<F> out((size_t(1) << ByteChip::kLogRows) * W);
  for (const auto& [l, n] : counts) {
    if (l.opcode == air::ByteOpcode::Range) continue;
    out[((size_t(l.b) << 8) + l.c) * W + ByteChip::kMain.multiplicities[size_t(l.opcode)]] = count_value(n);
  }
  return out;
}

std::vector<F> range_main_trace(const ByteLookupCounts& counts) {
  std::vector<F> out(size_t(1) << RangeChip::kLogRows);
  for (const auto& [l, n] : counts) {
    if (l.opcode != air::ByteOpcode::Range) continue;
    if (l.b > RangeChip::kMaxBits || (uint32_t(l.a) >> l.b) != 0)
      throw std::invalid_argument("Range lookup of " + std::to_string(l.a) + " in " + std::to_string(l.b) +
                                  " bits is not in the table");
    out[(size_t(1) << l.b) + l.a] = count_value(n);
  }
  return out;
}

std::vector<F> program_main_trace(uint64_t pc_base, size_t instructions,
                                  const std::unordered_map<uint64_t, uint64_t>& pc_counts) {
  std::vector<F> out(program_rows(instructions));
  for (size_t i = 0; i < instructions; ++i) {
    const auto it = pc_counts.find(pc_base + 4 * uint64_t(i));
    if (it != pc_counts.end()) out[i] = count_value(it->second);
  }
  return out;
}

}  // namespace zkgpu::sp1::setup
