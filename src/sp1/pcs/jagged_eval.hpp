// The jagged evaluation check: the "little" jagged polynomial, which maps a point of
// the dense trace (z_trace) to (row, column) coordinates, evaluated at
// (z_row, z_col, z_trace) through a sumcheck over the column prefix sums
// (JaggedEvalSumcheckConfig::jagged_evaluation, succinctlabs/sp1
// slop/crates/jagged/src/jagged_eval/sumcheck_eval.rs, and BranchingProgram in
// slop/crates/jagged/src/poly.rs).
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sp1/pcs/iop.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::pcs {

// The multilinear extension of the predicate "index = row + prefix_sum and
// index < next_prefix_sum" (bitwise addition with carry, and a comparison), read
// from the least significant bit up: a width-4 branching program over the
// coordinates of z_row, z_index and the two prefix-sum points, each read as
// least-significant-last and padded with zeros to the longest.
EF branching_program_eval(std::span<const EF> z_row, std::span<const EF> z_index, std::span<const EF> prefix_sum,
                          std::span<const EF> next_prefix_sum);

// The program's states (carry + 2 * comparison) where it starts and where it must end.
inline constexpr int kBranchingInitialState = 0;
inline constexpr int kBranchingSuccessState = 2;

// One layer of the program as a matrix: m[s][t] is the weight with which state s
// steps to state t on the coordinates (row, index, prefix, next) of that layer.
// branching_program_eval = e_initial^T * M_0 * M_1 * ... * M_last * e_success.
using BranchingLayer = std::array<std::array<EF, 4>, 4>;
BranchingLayer branching_layer(const EF& row, const EF& index, const EF& prefix, const EF& next);

// Checks the jagged evaluation sumcheck and returns the jagged polynomial's value
// (the proof's claimed sum, which is observed first). prefix_sums: the column prefix
// sums, each as log_m + 1 bits. Throws Rejected("jagged eval: ...").
template <class Challenger>
EF verify_jagged_evaluation(std::span<const uint64_t> prefix_sums, size_t prefix_bits, std::span<const EF> z_row,
                            std::span<const EF> z_col, std::span<const EF> z_trace,
                            const wire::PartialSumcheckProof& proof, Challenger& challenger);

extern template EF verify_jagged_evaluation<transcript::DuplexChallenger>(
    std::span<const uint64_t>, size_t, std::span<const EF>, std::span<const EF>, std::span<const EF>,
    const wire::PartialSumcheckProof&, transcript::DuplexChallenger&);
extern template EF verify_jagged_evaluation<transcript::MultiFieldChallenger>(
    std::span<const uint64_t>, size_t, std::span<const EF>, std::span<const EF>, std::span<const EF>,
    const wire::PartialSumcheckProof&, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
