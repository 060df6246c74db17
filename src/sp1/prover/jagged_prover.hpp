// The jagged PCS opening (JaggedProver::prove_trusted_evaluations in
// succinctlabs/sp1 slop/crates/jagged/src/prover.rs), in the order
// sp1/pcs/jagged.hpp checks it: z_col is sampled; the column claims (zeros for the
// padding columns) at z_col become one claim on the dense trace times the jagged
// little polynomial J(i) = eq(c(i), z_col) eq(i - p_c(i), z_row) (populate.rs,
// poly.rs), proved by a degree-2 sumcheck; the jagged evaluation proof gives J at
// its point z_trace; the dense trace's value there is observed and the stacked
// BaseFold PCS proves it.
#pragma once

#include <span>
#include <vector>

#include "sp1/prover/jagged_commit.hpp"

namespace zkgpu::sp1::prover {

// rounds: the committed rounds in commitment order (their commitments already in
// the transcript, as the caller's protocol puts them); z_row: the row point
// (max_log_row_count coordinates); evaluation_claims[r]: every real column of round
// r at z_row, table after table (an honest prover's are the columns' values there).
template <class C>
wire::JaggedPcsProof<C> prove_jagged(const PcsProverContext& ctx, const pcs::JaggedParams& params,
                                     std::span<const JaggedCommitted<C>* const> rounds, std::span<const EF> z_row,
                                     std::span<const std::vector<EF>> evaluation_claims,
                                     typename pcs::Iop<C>::Challenger& challenger);

// The claims an honest prover makes: each real column of the round's tables, as a
// multilinear in max_log_row_count variables (zero past its rows), at z_row.
std::vector<EF> jagged_column_evaluations(std::span<const TraceTable> tables, std::span<const EF> z_row,
                                          unsigned threads);

extern template wire::JaggedPcsProof<wire::InnerConfig> prove_jagged<wire::InnerConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, std::span<const JaggedCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::DuplexChallenger&);
extern template wire::JaggedPcsProof<wire::OuterConfig> prove_jagged<wire::OuterConfig>(
    const PcsProverContext&, const pcs::JaggedParams&, std::span<const JaggedCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
