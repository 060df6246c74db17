// UINT256_MUL, UINT256_ADD_CARRY, UINT256_MUL_CARRY: 256-bit integer operations on
// operands of four little-endian 64-bit words (SP1 v6,
// crates/core/executor/src/minimal/precompiles/uint256.rs and uint256_ops.rs).
#include "zkvm/precompiles/handlers.hpp"

#include "zkvm/precompiles/guest_io.hpp"

namespace zkgpu::zkvm::precompiles {
namespace {

constexpr size_t kBytes = 32;

const mpz_class& two_pow_256() {
  static const mpz_class v = mpz_class(1) << 256;
  return v;
}

// SP1 reads a..e as 64-bit words, so all five pointers must be 8-byte aligned.
void require_aligned_operands(std::string_view name, const SyscallArgs& args) {
  require_aligned(name, "a", args.a0);
  require_aligned(name, "b", args.a1);
  require_aligned(name, "c", args.a2);
  require_aligned(name, "d", args.a3);
  require_aligned(name, "e", args.a4);
}

// d, e <- low and high 256 bits of `value` (< 2^512), written in that order.
void write_wide(GuestMemory& mem, const SyscallArgs& args, const mpz_class& value) {
  const mpz_class high = value >> 256;
  const mpz_class low = value - (high << 256);
  write_uint(mem, args.a3, low, kBytes);
  write_uint(mem, args.a4, high, kBytes);
}

}  // namespace

// x <- x * y mod m, with x at a0 and y || m at a1; m = 0 means 2^256.
void uint256_mul(GuestMemory& mem, const SyscallArgs& args) {
  constexpr std::string_view name = "UINT256_MUL";
  require_aligned(name, "x", args.a0);
  require_aligned(name, "y", args.a1);
  const mpz_class y = read_uint(mem, args.a1, kBytes);
  const mpz_class m = read_uint(mem, args.a1 + kBytes, kBytes);
  const mpz_class x = read_uint(mem, args.a0, kBytes);
  write_uint(mem, args.a0, mod(x * y, m == 0 ? two_pow_256() : m), kBytes);
}

// (d, e) <- a + b + c split at bit 256; a, b, c, d, e at a0..a4.
void uint256_add_carry(GuestMemory& mem, const SyscallArgs& args) {
  require_aligned_operands("UINT256_ADD_CARRY", args);
  const mpz_class a = read_uint(mem, args.a0, kBytes);
  const mpz_class b = read_uint(mem, args.a1, kBytes);
  const mpz_class c = read_uint(mem, args.a2, kBytes);
  write_wide(mem, args, a + b + c);
}

// (d, e) <- a * b + c split at bit 256; a, b, c, d, e at a0..a4.
void uint256_mul_carry(GuestMemory& mem, const SyscallArgs& args) {
  require_aligned_operands("UINT256_MUL_CARRY", args);
  const mpz_class a = read_uint(mem, args.a0, kBytes);
  const mpz_class b = read_uint(mem, args.a1, kBytes);
  const mpz_class c = read_uint(mem, args.a2, kBytes);
  write_wide(mem, args, a * b + c);
}

}  // namespace zkgpu::zkvm::precompiles
