#pragma once
// What a Merkle tensor commitment over a 31-bit field gives out: 8-element
// digests and openings (the opened row and its sibling path).
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace zkgpu {

using Digest31 = std::array<uint32_t, 8>;

struct MerkleOpening {
  std::vector<uint32_t> row;       // the opened row of every matrix, concatenated
  std::vector<Digest31> siblings;  // leaf level first
};

// Several rows opened at once: row k's values and its path, in the order asked.
struct MerkleOpenings {
  size_t width = 0;                // values per row
  size_t depth = 0;                // siblings per row: log2 of the tree's height
  std::vector<uint32_t> rows;      // count x width, row-major
  std::vector<Digest31> siblings;  // count x depth; each path leaf level first
};

}  // namespace zkgpu
