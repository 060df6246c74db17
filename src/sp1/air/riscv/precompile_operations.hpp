// What SP1 v6.4's precompile chips share (crates/core/machine/src/):
//   ClkOperation          operations/clk.rs           clk_low + increment as 16 + 8 bits, its carry
//                                                     into clk_high
//   SyscallAddrOperation  operations/syscall_addr.rs  a syscall's pointer argument: 8-aligned,
//                                                     >= 2^16, and len bytes from it below 2^48
//   receive_syscall       hypercube air/builder.rs    the call from the syscall table
//   MemoryAccessColsU8    memory/consistency/columns.rs  a memory access with its previous
//                                                     value's bytes (U16toU8Operation)
//   access_bytes          air/mod.rs, generate_limbs  those bytes, range-checked
//   bytes_to_words        utils/mod.rs, limbs_to_words    u8 limbs as u16-limb words
// and AddrAddOperation's eval for a constant offset (memory_access.hpp).
#pragma once

#include "sp1/air/riscv/is_zero.hpp"
#include "sp1/air/riscv/memory_access.hpp"
#include "sp1/air/riscv/u16_to_u8.hpp"

namespace zkgpu::sp1::air::riscv {

template <class T>
struct ClkOperation {
  T next_clk_16_24;
  T next_clk_0_16;
  T is_overflow;
};

template <class T>
struct SyscallAddrOperation {
  std::array<T, 3> addr;
  T top_two_limb_min;
  IsZeroOperation<T> top_two_limb_max;
};

template <class T>
struct MemoryAccessColsU8 {
  MemoryAccessCols<T> memory_access;
  U16toU8Operation<T> prev_value_u8;
};

template <class B>
E<B> next_clk_high(B& b, const ClkOperation<size_t>& c, const E<B>& clk_high) {
  return clk_high + b.main(c.is_overflow);
}

template <class B>
E<B> next_clk_low(B& b, const ClkOperation<size_t>& c) {
  return b.main(c.next_clk_0_16) + b.main(c.next_clk_16_24) * b.constant(1u << 16);
}

// ClkOperation::eval: is_real and is_overflow bits; where is_real, clk_low +
// increment - is_overflow 2^24 is the next clk_low, whose limbs are range-checked
// (16 bits, and a u8 lookup [0, next_clk_16_24, 0]).
template <class B>
void eval_clk(B& b, const E<B>& clk_low, const E<B>& increment, const ClkOperation<size_t>& c, const E<B>& is_real) {
  assert_bool(b, is_real);
  const E<B> is_overflow = b.main(c.is_overflow);
  assert_bool(b, is_overflow);
  b.assert_zero(is_real * ((clk_low + increment - is_overflow * b.constant(1u << 24)) - next_clk_low(b, c)));
  send_byte(b, ByteOpcode::Range, b.main(c.next_clk_0_16), b.constant(16), b.constant(0), is_real);
  range_check_u8(b, std::array<E<B>, 2>{b.main(c.next_clk_16_24), b.constant(0)}, is_real);
}

// SyscallAddrOperation::eval (len a multiple of 8): is_real a bit; the upper limbs'
// sum has an inverse where is_real (addr >= 2^16); whether both upper limbs are
// 0xFFFF (IsZero of sum - 2 * 0xFFFF); (addr0 + len * that) / 8 is 13 bits (aligned,
// and addr + len < 2^48 at the top). Returns the address limbs.
template <class B>
std::array<E<B>, 3> eval_syscall_addr(B& b, uint32_t len, const SyscallAddrOperation<size_t>& c, const E<B>& is_real) {
  assert_bool(b, is_real);
  const std::array<E<B>, 3> addr{b.main(c.addr[0]), b.main(c.addr[1]), b.main(c.addr[2])};
  const E<B> sum_top_two_limb = addr[1] + addr[2];
  b.assert_zero(b.main(c.top_two_limb_min) * sum_top_two_limb - is_real);
  eval_is_zero(b, sum_top_two_limb - b.constant(0xFFFF) * b.constant(2), c.top_two_limb_max, is_real);
  send_byte(b, ByteOpcode::Range,
            (addr[0] + b.main(c.top_two_limb_max.result) * b.constant(len)) * b.constant(inverse_of(8)), b.constant(13),
            b.constant(0), is_real);
  return addr;
}

// The address limbs as a word [a0, a1, a2, 0].
template <class B>
Word<E<B>> addr_word(B& b, const std::array<E<B>, 3>& addr) {
  return {addr[0], addr[1], addr[2], b.constant(0)};
}

template <class B>
std::array<E<B>, 3> main_addr(B& b, const std::array<size_t, 3>& cols) {
  return {b.main(cols[0]), b.main(cols[1]), b.main(cols[2])};
}

// receive_syscall: [clk_high, clk_low, syscall_id, (mprotect: trap_code), arg1 (3), arg2 (3)].
// The id may be an expression (the field-operation chips select it by flags).
template <class B>
void receive_syscall(B& b, Features features, const E<B>& clk_high, const E<B>& clk_low, const E<B>& syscall_id,
                     const E<B>& trap_code, const std::array<E<B>, 3>& arg1, const std::array<E<B>, 3>& arg2,
                     const E<B>& mult) {
  std::vector<E<B>> values;
  values.reserve(10);
  values.push_back(clk_high);
  values.push_back(clk_low);
  values.push_back(syscall_id);
  if (features == Features::Mprotect) values.push_back(trap_code);
  for (const auto* arg : {&arg1, &arg2})
    for (const E<B>& x : *arg) values.push_back(x);
  interact_values(b, Direction::Receive, InteractionKind::Syscall, values, mult);
}

template <class B>
void receive_syscall(B& b, Features features, const E<B>& clk_high, const E<B>& clk_low, uint32_t syscall_id,
                     const E<B>& trap_code, const std::array<E<B>, 3>& arg1, const std::array<E<B>, 3>& arg2,
                     const E<B>& mult) {
  receive_syscall(b, features, clk_high, clk_low, b.constant(syscall_id), trap_code, arg1, arg2, mult);
}

// generate_limbs: the previous values' bytes of consecutive accesses, each word's
// eight range-checked (U16toU8OperationSafe) where is_real.
template <class B, size_t N>
std::vector<E<B>> access_bytes(B& b, const MemoryAccessColsU8<size_t>* accesses, const E<B>& is_real) {
  std::vector<E<B>> out;
  out.reserve(8 * N);
  for (size_t i = 0; i < N; ++i) {
    const std::array<E<B>, 8> bytes = word_bytes_checked(
        b, main_word(b, accesses[i].memory_access.prev_value), accesses[i].prev_value_u8, is_real);
    out.insert(out.end(), bytes.begin(), bytes.end());
  }
  return out;
}

// limbs_to_words: eight u8 limbs a word, two a u16 limb (l0 + l1 2^8).
template <class B>
std::vector<Word<E<B>>> bytes_to_words(B& b, const std::vector<E<B>>& bytes) {
  std::vector<Word<E<B>>> out(bytes.size() / 8);
  for (size_t w = 0; w < out.size(); ++w)
    for (size_t i = 0; i < 4; ++i) out[w][i] = bytes[8 * w + 2 * i] + bytes[8 * w + 2 * i + 1] * b.constant(1u << 8);
  return out;
}

}  // namespace zkgpu::sp1::air::riscv
