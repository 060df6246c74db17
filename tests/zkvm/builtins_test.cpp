// The hash cores behind SHA_EXTEND, SHA_COMPRESS and KECCAK_PERMUTE against the
// standards' published values, and the syscall name table.
#include <gtest/gtest.h>

#include <cstring>

#include "math/sha256/sha256.hpp"
#include "zkvm/hash_permutations.hpp"
#include "zkvm/precompiles/precompile.hpp"
#include "zkvm/syscall_codes.hpp"

namespace zkgpu::zkvm {
namespace {

// Keccak-f[1600] of the zero state (the Keccak team's KeccakF-1600 test vector).
TEST(ZkvmBuiltins, KeccakF1600OfZeroState) {
  uint64_t s[25] = {};
  keccak_f1600(s);
  EXPECT_EQ(s[0], 0xF1258F7940E1DDE7ull);
  EXPECT_EQ(s[1], 0x84D5CCF933C0478Aull);
  EXPECT_EQ(s[24], 0xEAF1FF7B5CECA249ull);
}

// Keccak-256("") through the permutation: rate 136 bytes, padding 0x01 ... 0x80.
TEST(ZkvmBuiltins, Keccak256OfEmptyString) {
  uint64_t s[25] = {};
  s[0] ^= 0x01;
  s[16] ^= 0x8000000000000000ull;
  keccak_f1600(s);
  uint8_t out[32];
  std::memcpy(out, s, 32);
  const uint8_t want[32] = {0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                            0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                            0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};
  EXPECT_EQ(0, std::memcmp(out, want, 32));
}

// One SHA-256 block ("abc", FIPS 180-4 example) via extend + compress, compared
// with the project's independent SHA-256.
TEST(ZkvmBuiltins, Sha256ExtendAndCompressMatchSha256) {
  uint8_t block[64] = {'a', 'b', 'c', 0x80};
  block[63] = 24;  // message length in bits
  uint32_t w[64] = {};
  for (int i = 0; i < 16; ++i)
    w[i] = uint32_t(block[4 * i]) << 24 | uint32_t(block[4 * i + 1]) << 16 | uint32_t(block[4 * i + 2]) << 8 |
           block[4 * i + 3];
  sha256_extend(w);
  uint32_t h[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
  sha256_compress(h, w);
  const uint8_t msg[3] = {'a', 'b', 'c'};
  const auto want = crypto::sha256(msg);
  for (int i = 0; i < 8; ++i)
    EXPECT_EQ(h[i], uint32_t(want[4 * i]) << 24 | uint32_t(want[4 * i + 1]) << 16 | uint32_t(want[4 * i + 2]) << 8 |
                        want[4 * i + 3]);
}

TEST(ZkvmBuiltins, SyscallNames) {
  EXPECT_EQ(syscall_name(0x00'01'01'09), "KECCAK_PERMUTE");
  EXPECT_EQ(syscall_name(0x00'00'01'33), "POSEIDON2");
  EXPECT_EQ(syscall_name(0x1234), "");
  EXPECT_EQ(describe_syscall(0x00'30'01'05), "SHA_EXTEND (0x00300105)");
  EXPECT_EQ(describe_syscall(0x99), "unknown syscall 0x00000099");
  EXPECT_EQ(precompiles::find_hook(fd::FIRST_HOOK)->name, "FD_ECRECOVER_HOOK");
  EXPECT_EQ(precompiles::find_hook(fd::LAST_HOOK)->name, "FD_FP_INV");
  EXPECT_EQ(precompiles::find_hook(fd::HINT), nullptr);
}

}  // namespace
}  // namespace zkgpu::zkvm
