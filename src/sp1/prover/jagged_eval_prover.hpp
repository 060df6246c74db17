// The jagged evaluation proof (JaggedEvalSumcheckProver in succinctlabs/sp1
// slop/crates/jagged/src/jagged_eval/eval_sumcheck_prover.rs), what
// sp1/pcs/jagged_eval.hpp checks: the value J of the jagged "little" polynomial at
// (z_row, z_col, z_trace) is observed, then a degree-2 sumcheck over pairs (x, y) of
// prefix-sum bit strings proves
//   J = sum_{x,y} f(x, y) g(x, y),  f = sum_c eq(c, z_col) [x = p_c][y = p_{c+1}],
//   g = the branching program's multilinear at (z_row, z_trace, x, y).
// f is sparse: once the last k coordinates are bound, each column contributes
// w_c eq(bit, t) g(its remaining bits, t, bound challenges), w_c collecting
// eq(c, z_col) and the eq factors of its bound bits; g is linear in t, so two
// branching-program evaluations per column give its round polynomial.
#pragma once

#include <cstdint>
#include <span>

#include "sp1/pcs/iop.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::prover {

// prefix_sums: the columns' prefix sums (one more than the columns), each
// prefix_bits bits; z_col addresses the columns.
template <class Challenger>
wire::PartialSumcheckProof prove_jagged_evaluation(std::span<const uint64_t> prefix_sums, size_t prefix_bits,
                                                   std::span<const wire::EF> z_row, std::span<const wire::EF> z_col,
                                                   std::span<const wire::EF> z_trace, Challenger& challenger,
                                                   unsigned threads);

extern template wire::PartialSumcheckProof prove_jagged_evaluation<transcript::DuplexChallenger>(
    std::span<const uint64_t>, size_t, std::span<const wire::EF>, std::span<const wire::EF>,
    std::span<const wire::EF>, transcript::DuplexChallenger&, unsigned);
extern template wire::PartialSumcheckProof prove_jagged_evaluation<transcript::MultiFieldChallenger>(
    std::span<const uint64_t>, size_t, std::span<const wire::EF>, std::span<const wire::EF>,
    std::span<const wire::EF>, transcript::MultiFieldChallenger&, unsigned);

}  // namespace zkgpu::sp1::prover
