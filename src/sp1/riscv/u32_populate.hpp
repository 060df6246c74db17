// Trace values of the u32 and precompile operations (sp1/air/riscv/u32_operations.hpp,
// precompile_operations.hpp), as SP1 v6.4's populate() functions write them:
//   AddrAddOperation::populate                 operations/addrs_add.rs
//   SyscallAddrOperation::populate             operations/syscall_addr.rs
//   ClkOperation::populate                     operations/clk.rs
//   U32toU8Operation::populate_u32_to_u8_unsafe operations/u32_operation.rs
//   And/Xor/NotU32Operation, Add(U32|4|5)Operation, FixedRotate/ShiftRightOperation
// Each returns the operation's result where it has one.
#pragma once

#include <stdexcept>
#include <string>

#include "sp1/air/riscv/precompile_operations.hpp"
#include "sp1/air/riscv/u32_operations.hpp"
#include "sp1/riscv/populate.hpp"

namespace zkgpu::sp1::riscv {

// SP1's u32_to_half_word: [x & 0xFFFF, x >> 16].
inline void put_half(Row row, const std::array<size_t, 2>& cols, uint32_t x) {
  put(row, cols[0], x & 0xFFFF);
  put(row, cols[1], x >> 16);
}

// a + b as three u16 limbs (below 2^48).
inline void fill_addr_add(Row row, const rv::AddrAddOperation<size_t>& c, uint64_t a, uint64_t b) {
  const uint64_t sum = a + b;
  if (sum >> 48) throw std::invalid_argument("address " + std::to_string(sum) + " is not below 2^48");
  put_limbs(row, c.value, sum);
}

// The pointer's limbs, the inverse of its upper limbs' sum, whether both are 0xFFFF.
inline void fill_syscall_addr(Row row, const rv::SyscallAddrOperation<size_t>& c, uint64_t addr) {
  if (addr >> 48 || (addr >> 16) == 0 || addr % 8)
    throw std::invalid_argument("syscall pointer " + std::to_string(addr) + " is not 8-aligned in [2^16, 2^48)");
  put_limbs(row, c.addr, addr);
  const Felt sum = Felt::from_canonical(uint32_t((addr >> 16) & 0xFFFF)) + Felt::from_canonical(uint32_t(addr >> 32));
  row[c.top_two_limb_min] = sum.inverse();
  fill_is_zero(row, c.top_two_limb_max, sum - Felt::from_canonical(2 * 0xFFFF));
}

// clk + increment's low 24 bits as 16 + 8, and whether it carried into clk_high.
inline void fill_clk(Row row, const rv::ClkOperation<size_t>& c, uint64_t clk, uint64_t increment) {
  const uint64_t next = clk + increment;
  put(row, c.is_overflow, (next >> 24) != (clk >> 24));
  put(row, c.next_clk_16_24, (next >> 16) & 0xFF);
  put(row, c.next_clk_0_16, next & 0xFFFF);
}

inline void fill_u32_low_bytes(Row row, const rv::U32toU8Operation<size_t>& c, uint32_t x) {
  put(row, c.low_bytes[0], x & 0xFF);
  put(row, c.low_bytes[1], (x >> 16) & 0xFF);
}

// And / Xor: the operands' low bytes and the result's four bytes.
inline uint32_t fill_bytewise_u32(Row row, const rv::AndU32Operation<size_t>& c, uint32_t x, uint32_t y,
                                  uint32_t result) {
  fill_u32_low_bytes(row, c.b_low_bytes, x);
  fill_u32_low_bytes(row, c.c_low_bytes, y);
  for (size_t i = 0; i < 4; ++i) put(row, c.value[i], (result >> (8 * i)) & 0xFF);
  return result;
}
inline uint32_t fill_and_u32(Row row, const rv::AndU32Operation<size_t>& c, uint32_t x, uint32_t y) {
  return fill_bytewise_u32(row, c, x, y, x & y);
}
inline uint32_t fill_xor_u32(Row row, const rv::XorU32Operation<size_t>& c, uint32_t x, uint32_t y) {
  return fill_bytewise_u32(row, c, x, y, x ^ y);
}

inline uint32_t fill_not_u32(Row row, const rv::NotU32Operation<size_t>& c, uint32_t x) {
  put_half(row, c.value, ~x);
  return ~x;
}

// AddU32, Add4, Add5: the wrapped sum's limbs (the carries are derived).
inline uint32_t fill_add_u32(Row row, const rv::AddU32Operation<size_t>& c, uint32_t sum) {
  put_half(row, c.value, sum);
  return sum;
}

// The value and each moved limb's bits above rotation % 16.
inline uint32_t fill_fixed_right(Row row, const rv::FixedRotateRightOperation<size_t>& c, uint32_t x, size_t rotation,
                                 bool rotate) {
  const uint32_t value = rotate ? (x >> rotation) | (x << ((32 - rotation) % 32)) : x >> rotation;
  put_half(row, c.value, value);
  const uint32_t limbs[2] = {x & 0xFFFF, x >> 16};
  const size_t n = rotation / 16, bits = rotation % 16;
  for (size_t i = 0; i < 2; ++i) {
    const uint32_t moved = rotate ? limbs[(i + n) % 2] : (i + n < 2 ? limbs[i + n] : 0);
    put(row, c.higher_limb[i], moved >> bits);
  }
  return value;
}
inline uint32_t fill_rotate_right(Row row, const rv::FixedRotateRightOperation<size_t>& c, uint32_t x,
                                  size_t rotation) {
  return fill_fixed_right(row, c, x, rotation, true);
}
inline uint32_t fill_shift_right(Row row, const rv::FixedShiftRightOperation<size_t>& c, uint32_t x, size_t rotation) {
  return fill_fixed_right(row, c, x, rotation, false);
}

// SHA-256's sigma functions (rv::eval_sigma): two rotations and a shift or a
// third rotation, xored.
inline uint32_t fill_sigma(Row row, uint32_t x, const std::array<size_t, 3>& r,
                           const std::array<rv::FixedRotateRightOperation<size_t>, 3>& parts, bool last_is_shift,
                           const rv::XorU32Operation<size_t>& intermediate, const rv::XorU32Operation<size_t>& result) {
  const uint32_t t = fill_xor_u32(row, intermediate, fill_rotate_right(row, parts[0], x, r[0]),
                                  fill_rotate_right(row, parts[1], x, r[1]));
  return fill_xor_u32(row, result, t, fill_fixed_right(row, parts[2], x, r[2], !last_is_shift));
}

}  // namespace zkgpu::sp1::riscv
