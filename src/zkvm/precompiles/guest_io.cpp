#include "zkvm/precompiles/guest_io.hpp"

#include <cstdio>
#include <string>
#include <vector>

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
  std::vector<std::byte> buf(bytes);
  mem.read(addr, buf);
  return from_le({reinterpret_cast<const uint8_t*>(buf.data()), buf.size()});
}

void write_uint(GuestMemory& mem, uint64_t addr, const mpz_class& x, size_t bytes) {
  const std::vector<uint8_t> le = to_le(x, bytes);
  mem.write(addr, std::as_bytes(std::span(le)));
}

}  // namespace zkgpu::zkvm::precompiles
