// The hash cores behind SP1's built-in hash syscalls: SHA-256 message-schedule
// extension and compression (FIPS 180-4, section 6.2.2) and Keccak-f[1600]
// (FIPS 202, section 3.3).
#pragma once

#include <cstdint>

namespace zkgpu::zkvm {

// w[16..64) from w[0..16).
void sha256_extend(uint32_t w[64]);
// One compression of the 64 scheduled words into the state h.
void sha256_compress(uint32_t h[8], const uint32_t w[64]);
// The 24-round Keccak-f[1600] permutation; lane (x, y) is s[x + 5 y].
void keccak_f1600(uint64_t s[25]);

}  // namespace zkgpu::zkvm
