// The stacked PCS's opening (StackedPcsProver::prove_trusted_evaluation in
// succinctlabs/sp1 slop/crates/stacked/src/prover.rs): the point's last
// log_stacking_height coordinates are the stack point; every committed column's
// value there (the batch evaluations, per round) is observed, and BaseFold proves
// them. The leading coordinates are the verifier's business (it interpolates the
// batch evaluations there).
#pragma once

#include <span>

#include "sp1/pcs/stacked.hpp"
#include "sp1/prover/basefold_commit.hpp"

namespace zkgpu::sp1::prover {

template <class C>
wire::StackedBasefoldProof<C> prove_stacked(const PcsProverContext& ctx, const pcs::StackedParams& params,
                                            std::span<const BasefoldCommitted<C>* const> rounds,
                                            std::span<const EF> point, typename pcs::Iop<C>::Challenger& challenger);

// Every column of a committed message at `point` (2^point.size() rows).
template <class C>
std::vector<EF> column_evaluations(const BasefoldCommitted<C>& round, std::span<const EF> point, unsigned threads);

extern template wire::StackedBasefoldProof<wire::InnerConfig> prove_stacked<wire::InnerConfig>(
    const PcsProverContext&, const pcs::StackedParams&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, transcript::DuplexChallenger&);
extern template wire::StackedBasefoldProof<wire::OuterConfig> prove_stacked<wire::OuterConfig>(
    const PcsProverContext&, const pcs::StackedParams&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
