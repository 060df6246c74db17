// What SP1 v6.4's load and store chips share:
//   AddrAddOperation   operations/addrs_add.rs   b + c as a 48-bit address (3 u16 limbs)
//   AddressOperation   operations/address.rs     that address, >= 2^16, aligned to
//                                                the access's size; the aligned word's address
//   MemoryAccessCols   memory/consistency/columns.rs, air/memory.rs: a memory word's
//                      previous value and timestamp, its access after it in time
//                      (comparing the high clock parts, or the low ones when equal),
//                      and the memory argument's send and receive
//   send_page_prot     air/memory.rs: the User chips' page-permission lookup
#pragma once

#include "sp1/air/riscv/adapters.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct AddrAddOperation {
  std::array<T, 3> value;
};

template <class T>
struct AddressOperation {
  AddrAddOperation<T> addr_operation;
  T top_two_limb_inv;
};

template <class T>
struct MemoryAccessTimestamp {
  T prev_high;
  T prev_low;
  T compare_low;
  T diff_low_limb;
  T diff_high_limb;
};

template <class T>
struct MemoryAccessCols {
  Word<T> prev_value;
  MemoryAccessTimestamp<T> access_timestamp;
};

// The page permissions a User chip's access needs (sp1_primitives::consts:
// PROT_READ = PF_R = 4, PROT_WRITE = PF_W = 2, the ELF segment flags).
inline constexpr uint32_t kProtRead = 4, kProtWrite = 2;

// AddrAddOperation::eval: a + b limb by limb with bit carries, the top limb of the
// sum zero.
template <class B>
void eval_addr_add(B& b, const Word<E<B>>& x, const Word<E<B>>& y, const AddrAddOperation<size_t>& c,
                   const E<B>& is_real) {
  assert_bool(b, is_real);
  const E<B> inv = b.constant(inverse_of(1u << 16));
  E<B> carry = b.constant(0);
  for (size_t i = 0; i < 4; ++i) {
    const E<B> value = i < 3 ? b.main(c.value[i]) : b.constant(0);
    carry = (x[i] + y[i] - value + carry) * inv;
    assert_bool_when(b, is_real, carry);
  }
  range_check_u16(b, std::array<E<B>, 3>{b.main(c.value[0]), b.main(c.value[1]), b.main(c.value[2])}, is_real);
}

// AddressOperation::eval: the address's upper limbs are not both zero (an inverse
// of their sum), its low limb less the offset bits is a multiple of 8 (a 13-bit
// range check of the quotient). Returns the aligned word's address.
template <class B>
std::array<E<B>, 3> eval_address(B& b, const Word<E<B>>& base, const Word<E<B>>& offset,
                                 const std::array<E<B>, 3>& offset_bits, const AddressOperation<size_t>& c,
                                 const E<B>& is_real) {
  assert_bool(b, is_real);
  for (const E<B>& bit : offset_bits) assert_bool(b, bit);
  eval_addr_add(b, base, offset, c.addr_operation, is_real);
  const std::array<E<B>, 3> addr{b.main(c.addr_operation.value[0]), b.main(c.addr_operation.value[1]),
                                 b.main(c.addr_operation.value[2])};
  b.assert_zero(b.main(c.top_two_limb_inv) * (addr[1] + addr[2]) - is_real);
  const E<B> aligned =
      addr[0] - b.constant(4) * offset_bits[2] - b.constant(2) * offset_bits[1] - offset_bits[0];
  send_byte(b, ByteOpcode::Range, aligned * b.constant(inverse_of(8)), b.constant(13), b.constant(0), is_real);
  return {aligned, addr[1], addr[2]};
}

// eval_memory_access_timestamp: the access comes after the previous one: on the
// low clock part when the high parts agree (compare_low), on the high parts
// otherwise; the difference less one is 24 bits (a u16 and a u8 limb).
template <class B>
void eval_memory_timestamp(B& b, const MemoryAccessTimestamp<size_t>& c, const E<B>& do_check, const E<B>& clk_high,
                           const E<B>& clk_low) {
  const E<B> compare_low = b.main(c.compare_low), prev_high = b.main(c.prev_high), prev_low = b.main(c.prev_low);
  const E<B> one = b.constant(1);
  assert_bool_when(b, do_check, compare_low);
  b.assert_zero(do_check * compare_low * (clk_high - prev_high));
  const E<B> prev_value = compare_low * prev_low + (one - compare_low) * prev_high;
  const E<B> current_value = compare_low * clk_low + (one - compare_low) * clk_high;
  const E<B> diff_low = b.main(c.diff_low_limb), diff_high = b.main(c.diff_high_limb);
  b.assert_zero(do_check * (current_value - prev_value - one - (diff_low + diff_high * b.constant(1u << 16))));
  send_byte(b, ByteOpcode::Range, diff_low, b.constant(16), b.constant(0), do_check);
  send_byte(b, ByteOpcode::U8Range, b.constant(0), diff_high, b.constant(0), do_check);
}

// eval_memory_access_write (a read writes back the previous value): the word at
// `addr` leaves the memory argument as it was and returns as `new_value`, stamped
// (clk_high, clk_low).
template <class B>
void eval_memory_access(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& addr,
                        const MemoryAccessCols<size_t>& c, const Word<E<B>>& new_value, const E<B>& do_check) {
  assert_bool(b, do_check);
  eval_memory_timestamp(b, c.access_timestamp, do_check, clk_high, clk_low);
  const Word<E<B>> prev = main_word(b, c.prev_value);
  interact_values(b, Direction::Send, InteractionKind::Memory,
                  {b.main(c.access_timestamp.prev_high), b.main(c.access_timestamp.prev_low), addr[0], addr[1],
                   addr[2], prev[0], prev[1], prev[2], prev[3]},
                  do_check);
  interact_values(b, Direction::Receive, InteractionKind::Memory,
                  {clk_high, clk_low, addr[0], addr[1], addr[2], new_value[0], new_value[1], new_value[2],
                   new_value[3]},
                  do_check);
}

template <class B>
void eval_memory_read(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& addr,
                      const MemoryAccessCols<size_t>& c, const E<B>& do_check) {
  eval_memory_access(b, clk_high, clk_low, addr, c, main_word(b, c.prev_value), do_check);
}

// send_page_prot: [clk_high, clk_low, addr (3), permissions].
template <class B>
void send_page_prot(B& b, const E<B>& clk_high, const E<B>& clk_low, const std::array<E<B>, 3>& addr,
                    uint32_t permissions, const E<B>& mult) {
  interact_values(b, Direction::Send, InteractionKind::PageProt,
                  {clk_high, clk_low, addr[0], addr[1], addr[2], b.constant(permissions)}, mult);
}

}  // namespace zkgpu::sp1::air::riscv
