#pragma once
// Verification of a Merkle opening of SP1's tensor commitment, on the CPU. It
// recomputes the leaf (sponge hash of the opened row), walks the sibling path
// (bit i of the row index = 0: the running digest is the left input at level i),
// and compares with the root, or with compress(root, hash([log_height, width]))
// for a commitment (succinctlabs/sp1 slop/crates/merkle-tree/src/tcs.rs).
#include <cstddef>
#include <optional>

#include "math/field_id.hpp"
#include "math/merkle/opening.hpp"

namespace zkgpu {

// The root the opening leads to, or nullopt when its shape does not match
// (height not a power of two, row out of range, wrong row length or path length,
// a row value >= p).
std::optional<Digest31> merkle_opening_root(Field31 f, size_t height, size_t width, size_t row,
                                            const MerkleOpening& opening);

// True when the opening of `row` leads to `root`.
bool verify_opening_against_root(Field31 f, const Digest31& root, size_t height, size_t width, size_t row,
                                 const MerkleOpening& opening);

// True when the opening of `row` leads to the tensor commitment `commitment`.
bool verify_opening(Field31 f, const Digest31& commitment, size_t height, size_t width, size_t row,
                    const MerkleOpening& opening);

}  // namespace zkgpu
