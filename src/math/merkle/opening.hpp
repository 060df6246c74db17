#pragma once
// What a Merkle tensor commitment over a 31-bit field gives out: 8-element
// digests and openings (the opened row and its sibling path).
#include <array>
#include <cstdint>
#include <vector>

namespace zkgpu {

using Digest31 = std::array<uint32_t, 8>;

struct MerkleOpening {
  std::vector<uint32_t> row;       // the opened row of every matrix, concatenated
  std::vector<Digest31> siblings;  // leaf level first
};

}  // namespace zkgpu
