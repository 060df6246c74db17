// One Poseidon2WideDeg3 row: the round states of a permutation in the chip's column
// layout (SP1 crates/hypercube/src/operations/poseidon2/trace.rs populate_perm).
#pragma once

#include <array>
#include <span>

#include "sp1/recursion/instruction.hpp"

namespace zkgpu::sp1::recursion {

// `row` has Poseidon2WideChip::kWidth elements; returns the permutation's output.
std::array<Felt, kPermutationWidth> populate_poseidon2_row(const std::array<Felt, kPermutationWidth>& input,
                                                           std::span<Felt> row);

}  // namespace zkgpu::sp1::recursion
