// How the outer configuration moves KoalaBear elements into and out of BN254 scalars
// (facts from succinctlabs/sp1 crates/recursion/circuit/src/challenger.rs, reduce_31
// and split_32, which the native MultiField32Challenger and sponge match):
//   pack    up to 8 canonical KoalaBear values as base-2^31 digits, the first one least
//           significant (8 * 31 = 248 bits, so no reduction mod r ever happens);
//   unpack  the canonical scalar's four 64-bit limbs, least significant first, each
//           reduced mod p.
#pragma once

#include <array>
#include <span>

#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::transcript {

inline constexpr int kPackedPerScalar = 8;    // Bn254Fr::bits() / KoalaBear::bits() = 254 / 31
inline constexpr int kUnpackedPerScalar = 4;  // 254 / 31 / 2

inline bn254::Fr pack_koalabear(std::span<const F> chunk) {
  bn254::U256 v{{0, 0, 0, 0}};
  unsigned bit = 0;
  for (F x : chunk) {
    const uint64_t d = x.to_canonical();
    const unsigned limb = bit / 64, off = bit % 64;
    v.limbs[limb] |= d << off;
    if (off > 33) v.limbs[limb + 1] |= d >> (64 - off);  // a digit straddles two limbs
    bit += 31;
  }
  return bn254::Fr::from_canonical(v);
}

inline std::array<F, kUnpackedPerScalar> unpack_koalabear(const bn254::Fr& x) {
  const bn254::U256 v = x.to_canonical();
  std::array<F, kUnpackedPerScalar> out;
  for (int i = 0; i < kUnpackedPerScalar; ++i) out[i] = F::from_canonical(uint32_t(v.limbs[i] % F::kP));
  return out;
}

}  // namespace zkgpu::sp1::transcript
