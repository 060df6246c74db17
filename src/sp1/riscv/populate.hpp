// Trace values of the shared column groups (sp1/air/riscv/columns.hpp) from our
// events, as SP1 v6.4's populate() functions write them:
//   CPUState::populate                          adapter/state.rs
//   RegisterAccessCols / RegisterAccessTimestamp memory/consistency/trace.rs
//   {R,I,ALU,J}TypeReader::populate              adapter/register/*.rs
//   LtOperationUnsigned/Signed::populate_*       operations/lt.rs, operations/slt.rs
//   SP1FieldWordRangeChecker::populate           operations/sp1_field_word.rs
//   U16toU8Operation::populate_u16_to_u8_*       operations/u16_operation.rs
//   MulOperation::populate                       operations/mul.rs
//   IsZeroWord / IsEqualWordOperation::populate  operations/is_zero_word.rs, is_equal_word.rs
//   AddressOperation / MemoryAccessCols::populate operations/address.rs, memory/consistency/trace.rs
//   MemoryAccessTimestamp::populate_timestamp    memory/consistency/trace.rs
// A row is a span of one trace row; columns are addressed through the chip's
// column map.
#pragma once

#include <span>
#include <stdexcept>
#include <string>

#include "sp1/air/evaluator.hpp"
#include "sp1/air/riscv/columns.hpp"
#include "sp1/air/riscv/is_zero.hpp"
#include "sp1/air/riscv/lt.hpp"
#include "sp1/air/riscv/memory_access.hpp"
#include "sp1/air/riscv/mul.hpp"
#include "sp1/riscv/alu_events.hpp"
#include "zkvm/events.hpp"

namespace zkgpu::sp1::riscv {

using air::Felt;
using Row = std::span<Felt>;

// x < 2^31 (every value written here: limbs, flags, 24-bit clocks, register numbers).
inline void put(Row row, size_t col, uint64_t x) { row[col] = Felt::from_canonical(uint32_t(x)); }

// The low three u16 limbs of x (a pc or an address below 2^48).
inline void put_limbs(Row row, const std::array<size_t, 3>& cols, uint64_t x) {
  for (size_t i = 0; i < 3; ++i) put(row, cols[i], (x >> (16 * i)) & 0xFFFF);
}

inline void put_word(Row row, const rv::Word<size_t>& cols, uint64_t x) {
  const rv::Word<uint16_t> limbs = rv::u16_limbs(x);
  for (size_t i = 0; i < 4; ++i) put(row, cols[i], limbs[i]);
}

inline void fill_cpu_state(Row row, const rv::CPUState<size_t>& c, uint64_t clk, uint64_t pc) {
  put(row, c.clk_high, clk >> 24);
  put(row, c.clk_16_24, (clk >> 16) & 0xFF);
  put(row, c.clk_0_16, clk & 0xFFFF);
  put_limbs(row, c.pc, pc);
}

// The previous access counts only within the same clk_high; otherwise the
// comparison starts from 0 (the register was bumped at the new clk_high).
inline void fill_register(Row row, const rv::RegisterAccessCols<size_t>& c, const zkvm::MemoryAccess& m) {
  if (m.prev_timestamp >= m.timestamp)
    throw std::invalid_argument("register x" + std::to_string(m.addr) + " accessed at " + std::to_string(m.timestamp) +
                                " after an access at " + std::to_string(m.prev_timestamp));
  put_word(row, c.prev_value, m.prev_value);
  const uint64_t prev_low = (m.prev_timestamp >> 24) == (m.timestamp >> 24) ? m.prev_timestamp & 0xFFFFFF : 0;
  const uint64_t diff_minus_one = (m.timestamp & 0xFFFFFF) - prev_low - 1;
  put(row, c.access_timestamp.prev_low, prev_low);
  put(row, c.access_timestamp.diff_low_limb, diff_minus_one & 0xFFFF);
}

// The writes of rd and reads of rs1 every reader makes (from an instruction's
// event or an ECALL's: both carry the records ra, rb, rc).
template <class Reader, class Event>
void fill_reader_ab(Row row, const Reader& c, const Event& e) {
  put(row, c.op_a, e.ra.addr);
  fill_register(row, c.op_a_memory, e.ra);
  put(row, c.op_a_0, e.ra.addr == 0);
  put(row, c.op_b, e.rb.addr);
  fill_register(row, c.op_b_memory, e.rb);
}

template <class Event>
void fill_reader(Row row, const rv::RTypeReader<size_t>& c, const Event& e) {
  fill_reader_ab(row, c, e);
  put(row, c.op_c, e.rc.addr);
  fill_register(row, c.op_c_memory, e.rc);
}

inline void fill_reader(Row row, const rv::ITypeReader<size_t>& c, const zkvm::InstrEvent& e) {
  fill_reader_ab(row, c, e);
  put_word(row, c.op_c_imm, e.c);
}

// An immediate op_c is copied into op_c_memory's previous value, with a zero
// timestamp.
inline void fill_reader(Row row, const rv::ALUTypeReader<size_t>& c, const zkvm::InstrEvent& e) {
  fill_reader_ab(row, c, e);
  const bool imm = !(e.used & zkvm::InstrEvent::kC);
  put(row, c.imm_c, imm);
  if (imm) {
    put_word(row, c.op_c, e.c);
    put_word(row, c.op_c_memory.prev_value, e.c);
  } else {
    put_word(row, c.op_c, e.rc.addr);
    fill_register(row, c.op_c_memory, e.rc);
  }
}

// JTypeReader::populate: op_b and op_c are the instruction's immediates.
inline void fill_reader(Row row, const rv::JTypeReader<size_t>& c, const zkvm::InstrEvent& e) {
  put(row, c.op_a, e.ra.addr);
  fill_register(row, c.op_a_memory, e.ra);
  put(row, c.op_a_0, e.ra.addr == 0);
  put_word(row, c.op_b_imm, e.b);
  put_word(row, c.op_c_imm, e.c);
}

// LtOperationUnsigned::populate_unsigned: the most significant differing limb,
// its flag and the inverse of the difference; the result bit.
inline void fill_lt_unsigned(Row row, const rv::LtOperationUnsigned<size_t>& c, bool less, uint64_t x, uint64_t y) {
  const rv::Word<uint16_t> xl = rv::u16_limbs(x), yl = rv::u16_limbs(y);
  for (size_t k = 4; k-- > 0;) {
    if (xl[k] == yl[k]) continue;
    put(row, c.u16_flags[k], 1);
    put(row, c.comparison_limbs[0], xl[k]);
    put(row, c.comparison_limbs[1], yl[k]);
    row[c.not_eq_inv] = (Felt::from_canonical(xl[k]) - Felt::from_canonical(yl[k])).inverse();
    break;
  }
  put(row, c.u16_compare_operation.bit, less);
}

// LtOperationSigned::populate_signed: signed operands compare with their sign
// bits flipped (the msb columns stay 0 for an unsigned comparison).
inline void fill_lt_signed(Row row, const rv::LtOperationSigned<size_t>& c, bool less, uint64_t x, uint64_t y,
                           bool is_signed) {
  const uint64_t flip = is_signed ? uint64_t(1) << 63 : 0;
  if (is_signed) {
    put(row, c.b_msb.msb, x >> 63);
    put(row, c.c_msb.msb, y >> 63);
  }
  fill_lt_unsigned(row, c.result, less, x ^ flip, y ^ flip);
}

// U16toU8Operation: each limb's low byte.
inline void fill_low_bytes(Row row, const rv::U16toU8Operation<size_t>& c, uint64_t x) {
  for (size_t i = 0; i < 4; ++i) put(row, c.low_bytes[i], (x >> (16 * i)) & 0xFF);
}

// MulOperation: the operands' bytes (sign-extended to 16 for the signed high
// products), their product byte by byte with the carries; for MULW the 32-bit
// product's sign bit.
inline void fill_mul_operation(Row row, const rv::MulOperation<size_t>& o, uint64_t b, uint64_t c, bool mulh,
                               bool mulhsu, bool mulw) {
  if (mulw) put(row, o.product_msb.msb, (uint32_t(int32_t(b) * int64_t(int32_t(c))) >> 31) & 1);
  fill_low_bytes(row, o.b_lower_byte, b);
  fill_low_bytes(row, o.c_lower_byte, c);
  const uint32_t b_msb = b >> 63, c_msb = c >> 63;
  const bool b_ext = (mulh || mulhsu) && b_msb, c_ext = mulh && c_msb;
  put(row, o.b_msb, b_msb);
  put(row, o.c_msb, c_msb);
  put(row, o.b_sign_extend, b_ext);
  put(row, o.c_sign_extend, c_ext);
  std::array<uint32_t, 16> x{}, y{}, product{};
  for (size_t i = 0; i < 16; ++i) {
    x[i] = i < 8 ? (b >> (8 * i)) & 0xFF : (b_ext ? 0xFF : 0);
    y[i] = i < 8 ? (c >> (8 * i)) & 0xFF : (c_ext ? 0xFF : 0);
  }
  for (size_t i = 0; i < 16; ++i)
    for (size_t j = 0; i + j < 16; ++j) product[i + j] += x[i] * y[j];
  for (size_t i = 0; i < 16; ++i) {
    const uint32_t carry = product[i] >> 8;
    product[i] &= 0xFF;
    if (i + 1 < 16) product[i + 1] += carry;
    put(row, o.carry[i], carry);
    put(row, o.product[i], product[i]);
  }
}

// IsZeroOperation: x's inverse (0 for 0) and whether x is 0.
inline void fill_is_zero(Row row, const rv::IsZeroOperation<size_t>& c, Felt x) {
  row[c.inverse] = x.is_zero() ? Felt::zero() : x.inverse();
  put(row, c.result, x.is_zero());
}

// IsZeroWordOperation over field limbs: each limb's zero test, the halves'
// products, the result.
inline void fill_is_zero_word(Row row, const rv::IsZeroWordOperation<size_t>& c, const rv::Word<Felt>& limbs) {
  bool all = true;
  for (size_t i = 0; i < 4; ++i) {
    fill_is_zero(row, c.is_zero_limb[i], limbs[i]);
    all = all && limbs[i].is_zero();
  }
  row[c.is_zero_first_half] = row[c.is_zero_limb[0].result] * row[c.is_zero_limb[1].result];
  row[c.is_zero_second_half] = row[c.is_zero_limb[2].result] * row[c.is_zero_limb[3].result];
  put(row, c.result, all);
}

inline rv::Word<Felt> felt_limbs(uint64_t x) {
  const rv::Word<uint16_t> l = rv::u16_limbs(x);
  return {Felt::from_canonical(l[0]), Felt::from_canonical(l[1]), Felt::from_canonical(l[2]),
          Felt::from_canonical(l[3])};
}

// IsEqualWordOperation: the zero test of the limbs' differences in the field.
inline void fill_is_equal_word(Row row, const rv::IsEqualWordOperation<size_t>& c, uint64_t x, uint64_t y) {
  const rv::Word<Felt> a = felt_limbs(x), b = felt_limbs(y);
  fill_is_zero_word(row, c.is_diff_zero, {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]});
}

// AddressOperation: the limbs of b + c (below 2^48) and the inverse of its two
// upper limbs' sum (nonzero: the address is at least 2^16).
inline void fill_address(Row row, const rv::AddressOperation<size_t>& c, uint64_t base, uint64_t offset) {
  const uint64_t addr = base + offset;
  if (addr >> 48 || (addr >> 16) == 0)
    throw std::invalid_argument("memory access at " + std::to_string(addr) + " outside [2^16, 2^48)");
  put_limbs(row, c.addr_operation.value, addr);
  row[c.top_two_limb_inv] =
      (Felt::from_canonical(uint32_t((addr >> 16) & 0xFFFF)) + Felt::from_canonical(uint32_t(addr >> 32))).inverse();
}

// SP1FieldWordRangeChecker::populate: whether the value's limb 1 is below the
// modulus's top limb.
inline void fill_field_word_range(Row row, const rv::FieldWordRangeChecker<size_t>& c, uint64_t value) {
  put(row, c.most_sig_limb_lt_top_limb.bit, ((value >> 16) & 0xFFFF) < rv::kKoalaBearTopLimb);
}

// MemoryAccessTimestamp: the previous timestamp split at bit 24, compared on the
// low parts when the high parts agree (the caller checks prev_timestamp < timestamp).
inline void fill_memory_timestamp(Row row, const rv::MemoryAccessTimestamp<size_t>& t, uint64_t prev_timestamp,
                                  uint64_t timestamp) {
  const uint64_t prev_high = prev_timestamp >> 24, prev_low = prev_timestamp & 0xFFFFFF;
  const uint64_t high = timestamp >> 24, low = timestamp & 0xFFFFFF;
  const bool compare_low = prev_high == high;
  const uint64_t diff_minus_one = (compare_low ? low - prev_low : high - prev_high) - 1;
  put(row, t.prev_high, prev_high);
  put(row, t.prev_low, prev_low);
  put(row, t.compare_low, compare_low);
  put(row, t.diff_low_limb, diff_minus_one & 0xFFFF);
  put(row, t.diff_high_limb, diff_minus_one >> 16);
}

// MemoryAccessCols: the word's previous value and timestamp.
inline void fill_memory_access(Row row, const rv::MemoryAccessCols<size_t>& c, const zkvm::MemoryAccess& m) {
  if (m.prev_timestamp >= m.timestamp)
    throw std::invalid_argument("memory word " + std::to_string(m.addr) + " accessed at " +
                                std::to_string(m.timestamp) + " after an access at " +
                                std::to_string(m.prev_timestamp));
  fill_memory_timestamp(row, c.access_timestamp, m.prev_timestamp, m.timestamp);
  put_word(row, c.prev_value, m.prev_value);
}

}  // namespace zkgpu::sp1::riscv
