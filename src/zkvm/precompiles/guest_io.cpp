#include "zkvm/precompiles/guest_io.hpp"

#include <array>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace zkgpu::zkvm::precompiles {

void fail(std::string_view name, std::string_view what) {
  throw PrecompileError(std::string(name) + ": " + std::string(what));
}

void require_aligned(std::string_view name, std::string_view operand, uint64_t addr) {
  if (addr % 8 == 0) return;
  char hex[19];
  std::snprintf(hex, sizeof hex, "0x%llx", static_cast<unsigned long long>(addr));
  fail(name, std::string(operand) + " pointer " + hex + " is not 8-byte aligned");
}

mpz_class read_uint(GuestMemory& mem, uint64_t addr, size_t bytes) {
  std::array<std::byte, kMaxOperandBytes> buf;
  if (bytes > buf.size() || bytes % 8 != 0) throw std::logic_error("read_uint: bad operand size");
  mem.read(addr, std::span(buf).first(bytes));
  mpz_class x;
  mpz_import(x.get_mpz_t(), bytes / 8, -1, 8, -1, 0, buf.data());
  return x;
}

void write_uints(GuestMemory& mem, uint64_t addr, std::initializer_list<const mpz_class*> values,
                 size_t bytes) {
  std::array<std::byte, 2 * kMaxOperandBytes> buf{};
  if (values.size() * bytes > buf.size() || bytes % 8 != 0)
    throw std::logic_error("write_uints: bad operand size");
  std::byte* at = buf.data();
  for (const mpz_class* x : values) {
    if (sgn(*x) < 0 || mpz_sizeinbase(x->get_mpz_t(), 256) > bytes)
      throw std::logic_error("write_uints: integer does not fit the operand");
    mpz_export(at, nullptr, -1, 8, -1, 0, x->get_mpz_t());
    at += bytes;
  }
  mem.write(addr, std::span(buf).first(values.size() * bytes));
}

void write_uint(GuestMemory& mem, uint64_t addr, const mpz_class& x, size_t bytes) {
  write_uints(mem, addr, {&x}, bytes);
}

}  // namespace zkgpu::zkvm::precompiles
