#pragma once
// How snarkjs files lay out BN254 values: 32-byte little-endian integers, and
// points as their coordinates in Montgomery form (ffjavascript's "LEM"), x then
// y, G2 coordinates as c0 then c1; the point at infinity is all zero bytes.
// math/bn254's types have exactly this layout on a little-endian host, so
// arrays of points are copied as they are and validated afterwards.
#include <bit>
#include <cstdint>
#include <cstring>

#include "math/bn254/types.hpp"

namespace zkgpu::groth16 {

static_assert(std::endian::native == std::endian::little, "snarkjs file layouts are read as little-endian memory");
static_assert(sizeof(bn254::U256) == 32 && sizeof(bn254::Fq) == 32 && sizeof(bn254::Fr) == 32);
static_assert(sizeof(bn254::G1Affine) == 64 && sizeof(bn254::G2Affine) == 128);

inline bn254::U256 load_u256(const uint8_t* p) {
  bn254::U256 v;
  std::memcpy(v.limbs, p, 32);
  return v;
}

inline void store_u256(uint8_t* p, const bn254::U256& v) { std::memcpy(p, v.limbs, 32); }

}  // namespace zkgpu::groth16
