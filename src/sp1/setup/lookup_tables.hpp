// The traces of the RISC-V machine's three chips with preprocessed columns, Program,
// Byte and Range (sp1/air/riscv), as SP1 v6.4 generates them: the preprocessed
// tables (generate_preprocessed_trace_into) and the main multiplicity columns
// (generate_trace_into) from counts of the lookups other chips make.
// Sources: crates/core/machine/src/program/trusted.rs, bytes/{mod.rs, trace.rs},
// range/{mod.rs, trace.rs}; crates/hypercube/src/util.rs (next_multiple_of_32).
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "sp1/air/riscv/byte_chip.hpp"
#include "sp1/air/riscv/program_chip.hpp"
#include "sp1/air/riscv/range_chip.hpp"
#include "sp1/wire/config.hpp"
#include "zkvm/sp1_instruction.hpp"

namespace zkgpu::sp1::setup {

using wire::F;

// The Program table's height: the instruction count rounded up to a multiple of 32,
// at least 16 (next_multiple_of_32 without a fixed shape).
size_t program_rows(size_t instructions);

// Row i: the pc of instruction i (pc_base + 4i) as three 16-bit limbs, then its
// InstructionCols. Padding rows repeat instruction 0 (SP1 fills them with index 0).
// Throws std::invalid_argument for no instructions or a pc at or above 2^48.
std::vector<F> program_preprocessed_trace(uint64_t pc_base, std::span<const zkvm::Sp1Instruction> instructions);

// 2^16 rows: row (b << 8) + c holds b, c, b & c, b | c, b ^ c, b < c, b >> 7.
std::vector<F> byte_preprocessed_trace();

// 2^17 rows: row 0 is (0, 0), row 2^bits + a is (a, bits) for bits <= 16, a < 2^bits.
std::vector<F> range_preprocessed_trace();

// One lookup into the Byte or Range table (SP1's ByteLookupEvent): for Range, a is
// the value and b the number of bits.
struct ByteLookup {
  air::ByteOpcode opcode{};
  uint16_t a = 0;
  uint8_t b = 0, c = 0;
  bool operator==(const ByteLookup&) const = default;
};
struct ByteLookupHash {
  size_t operator()(const ByteLookup& l) const {
    return std::hash<uint64_t>{}(uint64_t(l.opcode) << 32 | uint64_t(l.a) << 16 | uint64_t(l.b) << 8 | l.c);
  }
};
// How often each lookup was made (SP1's byte_lookups map).
using ByteLookupCounts = std::unordered_map<ByteLookup, uint64_t, ByteLookupHash>;

// The Byte chip's main trace (2^16 rows x 6): the count of (opcode, b, c) at row
// (b << 8) + c, column opcode; Range lookups are left to the Range chip.
std::vector<F> byte_main_trace(const ByteLookupCounts& counts);
// The Range chip's main trace (2^17 rows x 1): the count of (a, bits) at row 2^bits + a.
// Throws std::invalid_argument for bits > 16 or a >= 2^bits.
std::vector<F> range_main_trace(const ByteLookupCounts& counts);
// The Program chip's main trace (program_rows(instructions) rows x 1): how often the
// instruction at each pc ran; padding rows and pcs outside the program count 0.
std::vector<F> program_main_trace(uint64_t pc_base, size_t instructions,
                                  const std::unordered_map<uint64_t, uint64_t>& pc_counts);

}  // namespace zkgpu::sp1::setup
