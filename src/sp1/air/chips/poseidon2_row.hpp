// The round states of a Poseidon2 permutation in the degree-3 column layout
// (Poseidon2WideCols; SP1 crates/hypercube/src/operations/poseidon2/trace.rs
// populate_perm): a Poseidon2WideDeg3 row, or the permutation inside the RISC-V
// Global chip's rows and the Poseidon2 precompile chip's.
#pragma once

#include <array>
#include <span>

#include "sp1/air/chips/poseidon2_wide.hpp"
#include "sp1/air/evaluator.hpp"

namespace zkgpu::sp1::air {

// Writes the states into `row` at the columns of `cols` (a Poseidon2WideCols
// map, possibly inside a larger layout); returns the permutation's output.
std::array<Felt, poseidon2::kWidth> populate_poseidon2(const std::array<Felt, poseidon2::kWidth>& input,
                                                       const Poseidon2WideCols<size_t>& cols, std::span<Felt> row);

// A Poseidon2WideDeg3 row (`row` has Poseidon2WideChip::kWidth elements).
inline std::array<Felt, poseidon2::kWidth> populate_poseidon2_row(const std::array<Felt, poseidon2::kWidth>& input,
                                                                  std::span<Felt> row) {
  return populate_poseidon2(input, Poseidon2WideChip::kMain, row);
}

}  // namespace zkgpu::sp1::air
