// A guest made at test time that calls curve precompiles: points placed in a
// writable data segment, each call an ECALL with the syscall code in t0 and the
// points' addresses in a0 and a1, then HALT with exit code 0. The ELF is written
// by tests/zkvm/elf_builder.hpp, the instructions encoded here (RV64I LUI, ADDI).
#pragma once

#include <cstdint>
#include <vector>

#include "elf_builder.hpp"
#include "zkvm/precompiles/bigint.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::sp1::riscv::test_support {

class CurveCallGuest {
 public:
  // Coordinates of `coordinate_bytes` bytes each.
  explicit CurveCallGuest(size_t coordinate_bytes) : bytes_(coordinate_bytes) {}

  // Places a point (x then y, little-endian) in the data segment; its address.
  uint64_t put(const zkvm::precompiles::AffinePoint& pt) {
    const uint64_t at = kDataBase + data_.size();
    for (const mpz_class* c : {&pt.x, &pt.y}) {
      const std::vector<uint8_t> le = zkvm::precompiles::to_le(*c, bytes_);
      data_.insert(data_.end(), le.begin(), le.end());
    }
    return at;
  }

  // ECALL `code` with a0 = p, a1 = q.
  void call(uint32_t code, uint64_t p, uint64_t q = 0) {
    load(kA0, uint32_t(p));
    load(kA1, uint32_t(q));
    load(kT0, code);
    code_.push_back(zkvm::test::kEcall);
  }

  // The ELF: the calls, then HALT(0).
  std::vector<uint8_t> elf() const {
    std::vector<uint32_t> code = code_;
    code.insert(code.end(), {zkvm::test::kHaltT0, zkvm::test::kExitCode0, zkvm::test::kEcall});
    using zkvm::test::kCodeBase;
    return zkvm::test::make_elf(kCodeBase, {{kCodeBase, 0, PF_R | PF_X, zkvm::test::code_bytes(code)},
                                            {kDataBase, 0, PF_R | PF_W, data_}});
  }

 private:
  static constexpr uint64_t kDataBase = zkvm::test::kCodeBase + 0x10'0000;
  static constexpr uint32_t kT0 = 5, kA0 = 10, kA1 = 11;

  // rd = v (below 2^31 - 2^11): LUI of the rounded upper 20 bits, ADDI of the
  // signed rest.
  void load(uint32_t rd, uint32_t v) {
    const uint32_t upper = (v + 0x800) >> 12;
    const uint32_t rest = v - (upper << 12);  // in [-2^11, 2^11), as 12 bits
    code_.push_back((upper << 12) | (rd << 7) | 0x37);
    code_.push_back((rest << 20) | (rd << 15) | (rd << 7) | 0x13);
  }

  size_t bytes_;
  std::vector<uint8_t> data_;
  std::vector<uint32_t> code_;
};

}  // namespace zkgpu::sp1::riscv::test_support
