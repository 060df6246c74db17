// A GuestMemory over one zero-filled region [base, base + size): accesses outside
// it throw std::out_of_range, as the executor's fault would, and so do writes at or
// above a read-only boundary when one is set. Helpers put and get
// little-endian integers the way the guest lays out precompile operands.
#pragma once

#include <gmpxx.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/precompile.hpp"

namespace zkgpu::zkvm::test {

class FakeGuestMemory : public GuestMemory {
 public:
  static constexpr uint64_t kBase = 0x10000;

  explicit FakeGuestMemory(size_t size = 4096) : bytes_(size) {}

  void read(uint64_t addr, std::span<std::byte> out) override {
    std::memcpy(out.data(), at(addr, out.size()), out.size());
  }
  void write(uint64_t addr, std::span<const std::byte> in) override {
    std::byte* dst = at(addr, in.size());
    if (addr + in.size() > read_only_from_)
      throw std::out_of_range("fake guest memory: write to read-only memory");
    std::memcpy(dst, in.data(), in.size());
    ++writes_;
  }
  void set_read_only_from(uint64_t addr) { read_only_from_ = addr; }

  void put(uint64_t addr, const mpz_class& x, size_t len) {
    const auto le = precompiles::to_le(x, len);
    std::memcpy(at(addr, len), le.data(), len);
  }
  mpz_class get(uint64_t addr, size_t len) {
    return precompiles::from_le({reinterpret_cast<const uint8_t*>(at(addr, len)), len});
  }
  size_t writes() const { return writes_; }

 private:
  std::byte* at(uint64_t addr, size_t len) {
    if (addr < kBase || addr - kBase > bytes_.size() || len > bytes_.size() - (addr - kBase))
      throw std::out_of_range("fake guest memory: access outside the mapped region");
    return bytes_.data() + (addr - kBase);
  }

  std::vector<std::byte> bytes_;
  size_t writes_ = 0;
  uint64_t read_only_from_ = UINT64_MAX;
};

// Runs the precompile named `name` from the table.
inline void run(const char* name, GuestMemory& mem, const precompiles::SyscallArgs& args) {
  for (const auto& p : precompiles::table())
    if (p.name == name) return p.run(mem, args);
  throw std::logic_error(std::string("no precompile ") + name);
}

}  // namespace zkgpu::zkvm::test
