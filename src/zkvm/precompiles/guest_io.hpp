// Operand access for the precompiles. SP1 moves precompile operands as
// little-endian 64-bit words, so each operand pointer must be 8-byte aligned and
// an operand of n bytes is the integer whose little-endian bytes sit at [ptr, ptr+n).
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>

#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/precompile.hpp"

namespace zkgpu::zkvm::precompiles {

// Throws PrecompileError("<name>: <what>").
[[noreturn]] void fail(std::string_view name, std::string_view what);

// Throws PrecompileError naming the operand unless addr is a multiple of 8.
void require_aligned(std::string_view name, std::string_view operand, uint64_t addr);

// The largest operand: a BLS12-381 field element is 48 bytes.
constexpr size_t kMaxOperandBytes = 48;

// Operands are whole 64-bit words, at most kMaxOperandBytes bytes.
mpz_class read_uint(GuestMemory& mem, uint64_t addr, size_t bytes);
// Writes x as `bytes` little-endian bytes. Precondition: 0 <= x < 2^(8 bytes).
void write_uint(GuestMemory& mem, uint64_t addr, const mpz_class& x, size_t bytes);
// Writes up to two such operands back to back in one memory write, so that a
// fault on the destination leaves none of them written (as SP1 checks the whole
// destination before writing).
void write_uints(GuestMemory& mem, uint64_t addr, std::initializer_list<const mpz_class*> values,
                 size_t bytes);

}  // namespace zkgpu::zkvm::precompiles
