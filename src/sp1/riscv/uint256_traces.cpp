#include "sp1/riscv/uint256_traces.hpp"

#include <gmpxx.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "sp1/air/riscv/uint256.hpp"
#include "sp1/riscv/field_populate.hpp"
#include "sp1/riscv/precompile_rows.hpp"
#include "sp1/riscv/slice_page_prot_populate.hpp"
#include "sp1/riscv/u32_populate.hpp"
#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::sp1::riscv {
namespace {

using rv::TrustMode;
using rv::U256Field;
using zkvm::MemoryAccess;
using zkvm::PrecompileEvent;
using zkvm::precompiles::to_le;

constexpr size_t kWords = rv::kU256Words, kLimbs = U256Field::kLimbs;

std::invalid_argument refused(const PrecompileEvent& e, const std::string& why) {
  return std::invalid_argument(std::string(zkvm::syscall_name(e.syscall.code)) + " at clk " +
                               std::to_string(e.syscall.clk) + ": " + why);
}

// The 32 bytes of four words' values (before or after the access).
std::vector<uint8_t> bytes_of(const MemoryAccess* words, bool after) {
  std::vector<uint8_t> out(kLimbs);
  for (size_t i = 0; i < kLimbs; ++i) out[i] = uint8_t((after ? words[i / 8].value : words[i / 8].prev_value) >> (8 * (i % 8)));
  return out;
}

mpz_class value_of(const std::vector<uint8_t>& bytes) { return zkvm::precompiles::from_le(bytes); }

// The polynomial coefficients of x y (x and y 32 limbs each).
std::vector<int64_t> product(const std::vector<uint8_t>& x, const std::vector<uint8_t>& y) {
  std::vector<int64_t> out(2 * kLimbs - 1, 0);
  for (size_t i = 0; i < kLimbs; ++i)
    for (size_t j = 0; j < kLimbs; ++j) out[i + j] += int64_t(x[i]) * y[j];
  return out;
}

// FieldOpCols<U256Field>'s populate: with op's polynomial (its coefficients,
// lowest first) = result + carry modulus, the result and carry limbs and the
// witness limbs: the quotient of op - result - carry modulus by (X - 2^8), plus
// the offset, each a u16. `modulus` has U256Field::kModulusLimbs bytes.
void fill_u256_op(Row row, const rv::U256FieldOpCols<size_t>& c, std::vector<int64_t> op, const mpz_class& result,
                  const mpz_class& carry, const std::vector<uint8_t>& modulus) {
  constexpr size_t W = U256Field::kWitnessLimbs;
  const std::vector<uint8_t> r = to_le(result, kLimbs), q = to_le(carry, kLimbs);
  op.resize(W + 1, 0);
  for (size_t i = 0; i < kLimbs; ++i) {
    op[i] -= r[i];
    for (size_t j = 0; j < modulus.size(); ++j) op[i + j] -= int64_t(q[i]) * modulus[j];
  }
  int64_t acc = op.back();
  for (size_t i = op.size() - 1; i-- > 0;) {
    const int64_t vi = op[i];
    op[i] = acc;
    acc = vi + acc * 256;
  }
  if (acc != 0) throw std::logic_error("uint256 operation: the vanishing polynomial has no root at 2^8");
  for (size_t i = 0; i < kLimbs; ++i) {
    put(row, c.result[i], r[i]);
    put(row, c.carry[i], q[i]);
  }
  for (size_t i = 0; i < W; ++i) {
    const int64_t w = op[i] + U256Field::kWitnessOffset;
    if (w < 0 || w > 0xFFFF) throw std::logic_error("uint256 operation: a witness limb does not fit in 16 bits");
    put(row, c.witness[i], uint64_t(w));
  }
}

const mpz_class& two_pow_256() {
  static const mpz_class v = mpz_class(1) << 256;
  return v;
}

// 0 op 0 reduced by 2^256: a padding row's and a trapped call's operation.
void fill_padding(Row row, const rv::U256FieldOpCols<size_t>& c) {
  fill_u256_op(row, c, {}, 0, 0, to_le(two_pow_256(), U256Field::kModulusLimbs));
}

// A call's row; a User row checks the pages of y and the modulus (read) at clk,
// then x's (read and written) at clk + 1.
template <TrustMode M, class Map>
void fill_mul(Row row, const Map& m, const PrecompileEvent& e) {
  const auto& c = m.head;
  const uint64_t clk = e.syscall.clk, x_ptr = e.syscall.arg1, y_ptr = e.syscall.arg2;
  fill_call_clock(row, c, clk);
  fill_syscall_addr(row, c.x_ptr, x_ptr);
  fill_syscall_addr(row, c.y_ptr, y_ptr);
  fill_slice_addrs(row, c.x_addrs, x_ptr);
  fill_slice_addrs(row, c.y_and_modulus_addrs, y_ptr);
  if constexpr (M == TrustMode::User) {
    if (!fill_page_checks(row, e,
                          {{m.address_slice_page_prot_access_y, y_ptr, y_ptr + 8 * (2 * kWords - 1), zkvm::kProtRead},
                           {m.address_slice_page_prot_access_x, x_ptr, x_ptr + 8 * (kWords - 1),
                            zkvm::kProtRead | zkvm::kProtWrite}})) {
      // Trapped: no accesses; x = y = m = 0 (SP1's), so m counts as zero and the
      // product 0 is taken mod 2^256, unchecked.
      fill_is_zero(row, c.modulus_is_zero, Felt::zero());
      fill_padding(row, c.output);
      return;
    }
  }
  const auto [y, x] = expect_read_then_write(e, 2 * kWords, y_ptr, kWords, x_ptr);  // y, then the modulus
  const MemoryAccess* mod = y + kWords;
  for (size_t i = 0; i < kWords; ++i) {
    fill_access_u8(row, c.x_memory[i], x[i]);
    fill_access_u8(row, c.y_memory[i], y[i]);
    fill_access_u8(row, c.modulus_memory[i], mod[i]);
  }

  const std::vector<uint8_t> xb = bytes_of(x, false), yb = bytes_of(y, false), mb = bytes_of(mod, false);
  uint64_t byte_sum = 0;
  for (uint8_t v : mb) byte_sum += v;
  fill_is_zero(row, c.modulus_is_zero, Felt::from_canonical(uint32_t(byte_sum)));
  const mpz_class modulus = byte_sum == 0 ? two_pow_256() : value_of(mb);
  const mpz_class prod = value_of(xb) * value_of(yb);
  const mpz_class result = prod % modulus, carry = (prod - result) / modulus;
  if (carry >= two_pow_256()) throw refused(e, "the quotient x y / m does not fit in 256 bits");
  fill_u256_op(row, c.output, product(xb, yb), result, carry, to_le(modulus, U256Field::kModulusLimbs));
  if (byte_sum != 0) {
    put(row, c.modulus_is_not_zero, 1);
    fill_field_lt(row, c.output_range_check, result, modulus);
  }
  if (value_of(bytes_of(x, true)) != result) throw refused(e, "the written x is not x y mod m");
}

// A call's row; a User row checks the pages of a, b and c (read) at clk, clk + 1
// and clk + 2, then d's and e's (written) at clk + 3 and clk + 4. The pointers c,
// d and e are read from their registers before the checks, even by a call that
// traps on them.
template <TrustMode M, class Map>
void fill_ops(Row row, const Map& m, const PrecompileEvent& e) {
  const auto& c = m.head;
  const uint64_t clk = e.syscall.clk;
  const MemoryAccess* regs = &e.memory[0];
  const bool is_add = e.syscall.code == zkvm::sys::UINT256_ADD_CARRY;
  using Chip = rv::Uint256OpsChip<TrustMode::Supervisor, rv::Features::Default>;
  const uint32_t reg_numbers[3] = {Chip::kCRegister, Chip::kDRegister, Chip::kERegister};
  for (size_t k = 0; k < 3; ++k)
    if (regs[k].addr != reg_numbers[k] || regs[k].write || regs[k].timestamp != clk)
      throw refused(e, "access " + std::to_string(k) + " is not the read of x" + std::to_string(reg_numbers[k]) +
                           " at clk " + std::to_string(clk));
  const uint64_t ptrs[5] = {e.syscall.arg1, e.syscall.arg2, regs[0].value, regs[1].value, regs[2].value};
  fill_call_clock(row, c, clk);
  put(row, c.is_add, is_add);
  put(row, c.is_mul, !is_add);
  const rv::SyscallAddrOperation<size_t>* ptr_cols[5] = {&c.a_ptr, &c.b_ptr, &c.c_ptr, &c.d_ptr, &c.e_ptr};
  const std::array<rv::AddrAddOperation<size_t>, kWords>* addr_cols[5] = {&c.a_addrs, &c.b_addrs, &c.c_addrs,
                                                                           &c.d_addrs, &c.e_addrs};
  for (size_t k = 0; k < 5; ++k) {
    fill_syscall_addr(row, *ptr_cols[k], ptrs[k]);
    fill_slice_addrs(row, *addr_cols[k], ptrs[k]);
  }
  fill_memory_access(row, c.c_ptr_memory, regs[0]);
  fill_memory_access(row, c.d_ptr_memory, regs[1]);
  fill_memory_access(row, c.e_ptr_memory, regs[2]);
  if constexpr (M == TrustMode::User) {
    const auto& s = m.address_slice_page_prot_access;
    const auto slice = [&](size_t k, uint8_t permissions) {
      return SliceCheck{s[k], ptrs[k], ptrs[k] + 8 * (kWords - 1), permissions};
    };
    if (!fill_page_checks(row, e,
                          {slice(0, zkvm::kProtRead), slice(1, zkvm::kProtRead), slice(2, zkvm::kProtRead),
                           slice(3, zkvm::kProtWrite), slice(4, zkvm::kProtWrite)})) {
      // Trapped: no operand accesses; the operation on zeros (SP1's a = b = c = 0).
      fill_padding(row, c.field_op);
      return;
    }
  }
  const MemoryAccess* operand[5];
  for (size_t k = 0; k < 5; ++k) {
    operand[k] = &e.memory[3 + k * kWords];
    expect_accesses(e, operand[k], kWords, ptrs[k], k >= 3, clk + k);
  }
  for (size_t i = 0; i < kWords; ++i) {
    fill_access_u8(row, c.a_memory[i], operand[0][i]);
    fill_access_u8(row, c.b_memory[i], operand[1][i]);
    fill_access_u8(row, c.c_memory[i], operand[2][i]);
    fill_memory_access(row, c.d_memory[i], operand[3][i]);
    fill_memory_access(row, c.e_memory[i], operand[4][i]);
  }

  const std::vector<uint8_t> a = bytes_of(operand[0], false), b = bytes_of(operand[1], false),
                             cc = bytes_of(operand[2], false);
  std::vector<int64_t> op(kLimbs, 0);
  if (is_add) {
    for (size_t i = 0; i < kLimbs; ++i) op[i] = int64_t(a[i]) + b[i];
  } else {
    op = product(a, b);
  }
  for (size_t i = 0; i < kLimbs; ++i) op[i] += cc[i];
  const mpz_class value = (is_add ? mpz_class(value_of(a) + value_of(b)) : mpz_class(value_of(a) * value_of(b))) +
                          value_of(cc);
  const mpz_class carry = value >> 256, result = value - (carry << 256);
  fill_u256_op(row, c.field_op, op, result, carry, to_le(two_pow_256(), U256Field::kModulusLimbs));
  if (value_of(bytes_of(operand[3], true)) != result) throw refused(e, "the written d is not the low 256 bits");
  if (value_of(bytes_of(operand[4], true)) != carry) throw refused(e, "the written e is not the high 256 bits");
}

// The chip's trace: one row a call, in `calls`' order, filled by fill_row; the
// padding rows' operation is SP1's (zero operands, modulus 2^256).
template <class Chip, class FillRow>
RiscvChipTrace trace_of(const RiscvTraceOptions& options, const std::vector<const PrecompileEvent*>& calls,
                        FillRow&& fill_row) {
  constexpr auto& m = Chip::kMain;
  return one_row_a_call_trace(
      Chip::kName, Chip::kWidth, calls, options, [&](Row row, const PrecompileEvent& e) { fill_row(row, m, e); },
      [](Row row) {
        if constexpr (requires { m.head.output; }) fill_padding(row, m.head.output);
        else fill_padding(row, m.head.field_op);
      });
}

template <TrustMode M>
RiscvChipTrace mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  using Chip = rv::Uint256MulModChip<M, rv::Features::Default>;
  const std::vector<const PrecompileEvent*> calls = precompile_calls(shard, zkvm::sys::UINT256_MUL, 3 * kWords);
  return trace_of<Chip>(options, calls,
                        [](Row row, const auto& m, const PrecompileEvent& e) { fill_mul<M>(row, m, e); });
}

template <TrustMode M>
RiscvChipTrace ops_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  using Chip = rv::Uint256OpsChip<M, rv::Features::Default>;
  constexpr size_t kAccesses = 3 + 5 * kWords;
  // A trapped call read only its three pointers.
  std::vector<const PrecompileEvent*> calls = precompile_calls(shard, zkvm::sys::UINT256_ADD_CARRY, kAccesses, 3);
  const std::vector<const PrecompileEvent*> muls = precompile_calls(shard, zkvm::sys::UINT256_MUL_CARRY, kAccesses, 3);
  calls.insert(calls.end(), muls.begin(), muls.end());
  return trace_of<Chip>(options, calls,
                        [](Row row, const auto& m, const PrecompileEvent& e) { fill_ops<M>(row, m, e); });
}

}  // namespace

RiscvChipTrace uint256_mul_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return options.mode == TrustMode::User ? mul_trace<TrustMode::User>(shard, options)
                                         : mul_trace<TrustMode::Supervisor>(shard, options);
}

RiscvChipTrace uint256_ops_trace(const zkvm::ShardRecord& shard, const RiscvTraceOptions& options) {
  return options.mode == TrustMode::User ? ops_trace<TrustMode::User>(shard, options)
                                         : ops_trace<TrustMode::Supervisor>(shard, options);
}

}  // namespace zkgpu::sp1::riscv
