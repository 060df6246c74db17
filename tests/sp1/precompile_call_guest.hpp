// A guest made at test time that calls precompiles on operands placed at chosen
// addresses of a writable data segment: each call an ECALL with the syscall code
// in t0 and its arguments in a0..a4 (x10..x14), then HALT with exit code 0. The
// ELF is written by tests/zkvm/elf_builder.hpp, the instructions encoded here
// (RV64I LUI, ADDI).
#pragma once

#include <cstdint>
#include <initializer_list>
#include <span>
#include <stdexcept>
#include <vector>

#include "elf_builder.hpp"

namespace zkgpu::sp1::riscv::test_support {

class PrecompileCallGuest {
 public:
  // The data segment's first address (page-aligned).
  static constexpr uint64_t kDataBase = zkvm::test::kCodeBase + 0x10'0000;

  // Writes `words` at `addr` (8-aligned, from kDataBase on), growing the segment.
  void put(uint64_t addr, std::span<const uint64_t> words) {
    if (addr < kDataBase || addr % 8) throw std::invalid_argument("operand outside the data segment");
    const size_t at = addr - kDataBase, end = at + 8 * words.size();
    if (data_.size() < end) data_.resize(end);
    for (size_t i = 0; i < 8 * words.size(); ++i) data_[at + i] = uint8_t(words[i / 8] >> (8 * (i % 8)));
  }

  // ECALL `code` with a0, a1, ... = args.
  void call(uint32_t code, std::initializer_list<uint64_t> args) {
    uint32_t reg = kA0;
    for (const uint64_t a : args) load(reg++, uint32_t(a));
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
  static constexpr uint32_t kT0 = 5, kA0 = 10;

  // rd = v (below 2^31 - 2^11): LUI of the rounded upper 20 bits, ADDI of the
  // signed rest.
  void load(uint32_t rd, uint32_t v) {
    const uint32_t upper = (v + 0x800) >> 12;
    const uint32_t rest = v - (upper << 12);  // in [-2^11, 2^11), as 12 bits
    code_.push_back((upper << 12) | (rd << 7) | 0x37);
    code_.push_back((rest << 20) | (rd << 15) | (rd << 7) | 0x13);
  }

  std::vector<uint8_t> data_;
  std::vector<uint32_t> code_;
};

}  // namespace zkgpu::sp1::riscv::test_support
