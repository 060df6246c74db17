// A guest made at test time that calls curve precompiles: points placed one after
// another in the data segment of a PrecompileCallGuest, each call an ECALL with
// the points' addresses in a0 and a1.
#pragma once

#include <cstdint>
#include <cstring>
#include <vector>

#include "precompile_call_guest.hpp"
#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::sp1::riscv::test_support {

class CurveCallGuest {
 public:
  // Coordinates of `coordinate_bytes` bytes each (a multiple of 8).
  explicit CurveCallGuest(size_t coordinate_bytes) : bytes_(coordinate_bytes) {}

  // Places a point (x then y, little-endian) after the last one; its address.
  uint64_t put(const zkvm::precompiles::AffinePoint& pt) {
    std::vector<uint8_t> le;
    for (const mpz_class* c : {&pt.x, &pt.y}) {
      const std::vector<uint8_t> coordinate = zkvm::precompiles::to_le(*c, bytes_);
      le.insert(le.end(), coordinate.begin(), coordinate.end());
    }
    std::vector<uint64_t> words(le.size() / 8);
    std::memcpy(words.data(), le.data(), 8 * words.size());
    const uint64_t at = next_;
    guest_.put(at, words);
    next_ += 8 * words.size();
    return at;
  }

  // ECALL `code` with a0 = p, a1 = q.
  void call(uint32_t code, uint64_t p, uint64_t q = 0) { guest_.call(code, {p, q}); }

  // The ELF: the calls, then HALT(0).
  std::vector<uint8_t> elf() const { return guest_.elf(); }

 private:
  size_t bytes_;
  PrecompileCallGuest guest_;
  uint64_t next_ = PrecompileCallGuest::kDataBase;
};

}  // namespace zkgpu::sp1::riscv::test_support
