// A GuestMemory over one zero-filled region [base, base + size): accesses outside
// it throw std::out_of_range, as the executor's fault would. Helpers put and get
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
    std::memcpy(at(addr, in.size()), in.data(), in.size());
    ++writes_;
  }

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
};

// Runs the precompile named `name` from the table.
inline void run(const char* name, GuestMemory& mem, const precompiles::SyscallArgs& args) {
  for (const auto& p : precompiles::table())
    if (p.name == name) return p.run(mem, args);
  throw std::logic_error(std::string("no precompile ") + name);
}

}  // namespace zkgpu::zkvm::test
