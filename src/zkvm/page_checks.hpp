// The page-permission checks SP1 v6.4 makes for a syscall in user mode, before
// the call touches memory (the trap_* functions of crates/core/executor/src/vm/
// syscall/{precompiles/*,poseidon2.rs,uint256.rs,uint256_ops.rs}): a list of
// slices of 8-byte words, each needing a permission. Slice k is checked at the
// ECALL's clk + k, page by page from the slice's first word's page to its last
// word's; the first page that lacks the permission traps the call, and neither
// the later pages nor the later slices are checked. The executor runs these
// checks and the event recorder keeps each checked page's record in this order,
// which is the order of the User precompile chips' page-check columns.
//
// MPROTECT sets a page's permission instead, and SIG_RETURN reads its frame
// without checks: both have no slices here.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

#include "zkvm/program.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {

struct PageCheckSlice {
  uint64_t addr = 0;   // the first word
  uint64_t words = 0;  // 8-byte words
  uint8_t prot = 0;    // kProtRead, kProtWrite or both
  uint64_t first_page() const { return addr >> kLogPageSize; }
  uint64_t last_page() const { return (addr + (words - 1) * 8) >> kLogPageSize; }
};

struct PageCheckSlices {
  std::array<PageCheckSlice, 5> slice{};
  size_t count = 0;
  const PageCheckSlice* begin() const { return slice.data(); }
  const PageCheckSlice* end() const { return slice.data() + count; }
};

// The checks of syscall `code` with arguments a0, a1 and, for UINT256_ADD_CARRY
// and UINT256_MUL_CARRY, the pointers c, d, e in x12..x14. Empty for a syscall
// that checks no pages.
constexpr PageCheckSlices page_check_slices(uint32_t code, uint64_t a0, uint64_t a1, uint64_t x12 = 0,
                                            uint64_t x13 = 0, uint64_t x14 = 0) {
  constexpr uint8_t R = kProtRead, W = kProtWrite, RW = kProtRead | kProtWrite;
  PageCheckSlices s;
  auto add = [&](uint64_t addr, uint64_t words, uint8_t prot) { s.slice[s.count++] = {addr, words, prot}; };
  // A curve addition or field operation: the second operand read, then the first
  // read and written in place.
  auto read_then_update = [&](uint64_t words) {
    add(a1, words, R);
    add(a0, words, RW);
  };
  switch (code) {
    case sys::SHA_EXTEND:  // w[0..16) read, w[16..64) read and written
      add(a0, 16, R);
      add(a0 + 16 * 8, 48, RW);
      break;
    case sys::SHA_COMPRESS:  // a0 = w, a1 = h: h read, w read, h written
      add(a1, 8, R);
      add(a0, 64, R);
      add(a1, 8, W);
      break;
    case sys::KECCAK_PERMUTE:  // the 25-word state read, then written
      add(a0, 25, R);
      add(a0, 25, W);
      break;
    case sys::POSEIDON2: add(a0, 8, RW); break;
    case sys::SECP256K1_ADD:
    case sys::SECP256R1_ADD:
    case sys::BN254_ADD:
    case sys::ED_ADD: read_then_update(8); break;
    case sys::BLS12381_ADD: read_then_update(12); break;
    case sys::SECP256K1_DOUBLE:
    case sys::SECP256R1_DOUBLE:
    case sys::BN254_DOUBLE: add(a0, 8, RW); break;
    case sys::BLS12381_DOUBLE: add(a0, 12, RW); break;
    case sys::ED_DECOMPRESS:  // y (the point's second half) read, x written
      add(a0 + 32, 4, R);
      add(a0, 4, W);
      break;
    case sys::BN254_FP_ADD:
    case sys::BN254_FP_SUB:
    case sys::BN254_FP_MUL: read_then_update(4); break;
    case sys::BLS12381_FP_ADD:
    case sys::BLS12381_FP_SUB:
    case sys::BLS12381_FP_MUL: read_then_update(6); break;
    case sys::BN254_FP2_ADD:
    case sys::BN254_FP2_SUB:
    case sys::BN254_FP2_MUL: read_then_update(8); break;
    case sys::BLS12381_FP2_ADD:
    case sys::BLS12381_FP2_SUB:
    case sys::BLS12381_FP2_MUL: read_then_update(12); break;
    case sys::UINT256_MUL:  // y and the modulus read, x read and written
      add(a1, 8, R);
      add(a0, 4, RW);
      break;
    case sys::UINT256_ADD_CARRY:
    case sys::UINT256_MUL_CARRY:  // a, b, c read; d, e written
      add(a0, 4, R);
      add(a1, 4, R);
      add(x12, 4, R);
      add(x13, 4, W);
      add(x14, 4, W);
      break;
    default: break;
  }
  return s;
}

// SP1's trap code for a page whose permission `have` lacks part of `need`
// (page_prot_check: exec, then read, then write); 0 when it has all of it.
constexpr uint64_t page_trap_code(uint8_t have, uint8_t need) {
  if ((need & kProtExec) && !(have & kProtExec)) return kTrapExec;
  if ((need & kProtRead) && !(have & kProtRead)) return kTrapRead;
  if ((need & kProtWrite) && !(have & kProtWrite)) return kTrapWrite;
  return 0;
}

}  // namespace zkgpu::zkvm
