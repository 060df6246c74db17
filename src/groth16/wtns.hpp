#pragma once
// Witness files (.wtns, binfileutils container "wtns", version 2) as snarkjs and
// circom's witness calculators write them: section 1 header (u32 n8, prime q of
// n8 bytes, u32 nWitness), section 2 the values, n8 bytes each, little-endian,
// canonical (not Montgomery).
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "math/bn254/types.hpp"

namespace zkgpu::groth16 {

struct Witness {
  std::vector<bn254::FrRaw> values;  // canonical; values[0] == 1
};

// Errors: not a wtns / truncated / wrong n8 -> bad_request; a prime other than
// BN254's r, a value >= r, values[0] != 1 -> invalid_argument.
Witness parse_wtns(std::span<const uint8_t> file);
Witness read_wtns(const std::string& path);

// A .wtns image of `w` (for tests and tools).
std::vector<uint8_t> write_wtns(const Witness& w);

}  // namespace zkgpu::groth16
