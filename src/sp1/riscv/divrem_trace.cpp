#include "sp1/riscv/divrem_trace.hpp"

#include <algorithm>
#include <cstdint>
#include <utility>

#include "sp1/air/riscv/divrem.hpp"
#include "zkvm/rv64_division.hpp"

namespace zkgpu::sp1::riscv {

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

constexpr auto kCols = air::col_map<rv::DivRemCols<size_t>>();

uint64_t abs64(uint64_t x) { return int64_t(x) < 0 ? ~x + 1 : x; }

// Both results of an event's division (SP1's get_quotient_and_remainder, the
// executor's RV64M semantics).
std::pair<uint64_t, uint64_t> quotient_and_remainder(uint64_t b, uint64_t c, Opcode op) {
  namespace m = zkvm::rv64;
  switch (op) {
    case Opcode::DIV: case Opcode::REM: return {m::div64(b, c), m::rem64(b, c)};
    case Opcode::DIVU: case Opcode::REMU: return {m::divu64(b, c), m::remu64(b, c)};
    case Opcode::DIVW: case Opcode::REMW: return {m::divw(b, c), m::remw(b, c)};
    default: return {m::divuw(b, c), m::remuw(b, c)};
  }
}

using zkvm::rv64::sext32;

}  // namespace

void fill_divrem(Row row, const zkvm::InstrEvent& e) {
  const auto& c = kCols;
  const Opcode op = *alu_opcode(e.opcode);
  const bool signed64 = op == Opcode::DIV || op == Opcode::REM;
  const bool unsigned64 = op == Opcode::DIVU || op == Opcode::REMU;
  const bool signed_word = op == Opcode::DIVW || op == Opcode::REMW;
  const bool unsigned_word = op == Opcode::DIVUW || op == Opcode::REMUW;
  const bool word = signed_word || unsigned_word;
  // The computational operands: W forms extend the low halves.
  const uint64_t b = signed_word ? sext32(e.b) : unsigned_word ? uint32_t(e.b) : e.b;
  const uint64_t d = signed_word ? sext32(e.c) : unsigned_word ? uint32_t(e.c) : e.c;
  put_word(row, c.a, e.a);
  put_word(row, c.b, b);
  put_word(row, c.c, d);
  put(row, c.is_real, 1);
  put(row, c.is_divu, op == Opcode::DIVU);
  put(row, c.is_remu, op == Opcode::REMU);
  put(row, c.is_div, op == Opcode::DIV);
  put(row, c.is_rem, op == Opcode::REM);
  put(row, c.is_divw, op == Opcode::DIVW);
  put(row, c.is_divuw, op == Opcode::DIVUW);
  put(row, c.is_remw, op == Opcode::REMW);
  put(row, c.is_remuw, op == Opcode::REMUW);
  put(row, c.is_real_not_word, !word);
  fill_is_zero_word(row, c.is_c_0, felt_limbs(d));

  const auto [quotient, remainder] = quotient_and_remainder(e.b, e.c, op);
  put_word(row, c.quotient, quotient);
  put_word(row, c.remainder, remainder);
  const uint64_t quotient_comp = unsigned_word ? uint32_t(quotient) : quotient;
  const uint64_t remainder_comp = unsigned_word ? uint32_t(remainder) : remainder;
  put_word(row, c.quotient_comp, quotient_comp);
  put_word(row, c.remainder_comp, remainder_comp);

  // Signs, overflow and absolute values (unsigned forms: the values themselves).
  bool rem_neg = false, b_neg = false, c_neg = false, overflow = false;
  uint64_t abs_remainder = remainder_comp, abs_c = d;
  if (signed64 || signed_word) {
    rem_neg = remainder >> 63;
    b_neg = b >> 63;
    c_neg = d >> 63;
    overflow = signed64 ? e.b == uint64_t(1) << 63 && e.c == ~uint64_t(0)
                        : uint32_t(e.b) == 0x8000'0000u && uint32_t(e.c) == 0xFFFF'FFFFu;
    abs_remainder = abs64(remainder);
    abs_c = abs64(d);
  }
  const uint64_t max_abs_c_or_1 = std::max<uint64_t>(1, abs_c);
  put(row, c.rem_neg, rem_neg);
  put(row, c.b_neg, b_neg);
  put(row, c.c_neg, c_neg);
  put(row, c.is_overflow, overflow);
  put_word(row, c.abs_remainder, abs_remainder);
  put_word(row, c.abs_c, abs_c);
  put_word(row, c.max_abs_c_or_1, max_abs_c_or_1);
  if (word) {
    fill_is_equal_word(row, c.is_overflow_b, uint32_t(e.b), 0x8000'0000u);
    fill_is_equal_word(row, c.is_overflow_c, uint32_t(e.c), 0xFFFF'FFFFu);
  } else {
    fill_is_equal_word(row, c.is_overflow_b, e.b, uint64_t(1) << 63);
    fill_is_equal_word(row, c.is_overflow_c, e.c, ~uint64_t(0));
  }
  put(row, c.b_neg_not_overflow, b_neg && !overflow);
  put(row, c.b_not_neg_not_overflow, !b_neg && !overflow);
  put(row, c.abs_c_alu_event, c_neg);
  put(row, c.abs_rem_alu_event, rem_neg);
  // A negative value plus its absolute value: zero.
  if (c_neg) put_word(row, c.c_neg_operation.value, d + abs_c);
  if (rem_neg) put_word(row, c.rem_neg_operation.value, remainder + abs_remainder);

  const unsigned msb_bit = word ? 31 : 63;
  put(row, c.b_msb.msb, ((word ? e.b : b) >> msb_bit) & 1);
  put(row, c.c_msb.msb, ((word ? e.c : d) >> msb_bit) & 1);
  put(row, c.rem_msb.msb, (remainder >> msb_bit) & 1);
  if (word) put(row, c.quot_msb.msb, (quotient >> 31) & 1);

  const bool check_remainder = d != 0;
  put(row, c.remainder_check_multiplicity, check_remainder);
  if (check_remainder) fill_lt_unsigned(row, c.remainder_lt_operation, true, abs_remainder, max_abs_c_or_1);

  // c * quotient over 128 bits, then + remainder (sign-extended) with u16 carries.
  const uint64_t low = quotient_comp * d;
  const uint64_t high = signed64 || signed_word ? uint64_t((i128(int64_t(quotient_comp)) * i128(int64_t(d))) >> 64)
                                                : uint64_t((u128(quotient_comp) * u128(d)) >> 64);
  std::array<uint32_t, 8> product{};
  for (size_t i = 0; i < 4; ++i) {
    product[i] = (low >> (16 * i)) & 0xFFFF;
    product[i + 4] = (high >> (16 * i)) & 0xFFFF;
    put(row, c.c_times_quotient[i], product[i]);
    put(row, c.c_times_quotient[i + 4], product[i + 4]);
  }
  fill_mul_operation(row, c.c_times_quotient_lower, quotient_comp, d, false, false, false);
  if (signed64) fill_mul_operation(row, c.c_times_quotient_upper, quotient_comp, d, true, false, false);
  if (unsigned64) fill_mul_operation(row, c.c_times_quotient_upper, quotient_comp, d, false, false, false);
  uint32_t carry = 0;
  for (size_t i = 0; i < 8; ++i) {
    const uint32_t addend = i < 4 ? (remainder_comp >> (16 * i)) & 0xFFFF : (rem_neg ? 0xFFFF : 0);
    carry = (product[i] + addend + carry) >> 16;
    put(row, c.carry[i], carry);
  }
}

void pad_divrem(Row row) {
  const auto& c = kCols;
  put(row, c.is_divu, 1);
  put_word(row, c.adapter.op_c_memory.prev_value, 1);
  put(row, c.abs_c[0], 1);
  put(row, c.c[0], 1);
  put(row, c.max_abs_c_or_1[0], 1);
  put(row, c.b_not_neg_not_overflow, 1);
  fill_is_zero_word(row, c.is_c_0, felt_limbs(1));
}

}  // namespace zkgpu::sp1::riscv
