// The BaseFold opening proof (BasefoldProver::prove_trusted_mle_evaluations and
// FriCpuProver in succinctlabs/sp1 slop/crates/basefold-prover/src/{prover,fri}.rs),
// in the transcript order sp1/pcs/basefold.hpp checks:
//   batch grinding witness; a batching point whose partial Lagrange coefficients
//   combine every committed column into one multilinear (and its codeword, encoded
//   afresh); the round count; per round: the message [g(.., 0), g(.., 1)] at the
//   remaining point, the commitment of the codeword's (even, odd) pairs, a challenge
//   beta that folds the codeword (FRI's even/odd fold) and the multilinear
//   (v[2i] + beta v[2i+1]); the final constant; the proof-of-work witness; the
//   query indices; each round's component rows and each FRI round's pairs, opened.
#pragma once

#include <span>
#include <vector>

#include "sp1/pcs/basefold.hpp"
#include "sp1/prover/basefold_commit.hpp"

namespace zkgpu::sp1::prover {

// rounds: the committed rounds in commitment order, all of height 2^point.size();
// claims[r][k]: column k of round r at `point` (not observed here: the caller's
// layer does that). Throws std::invalid_argument on shapes that do not fit.
template <class C>
wire::BasefoldProof<C> prove_basefold(const PcsProverContext& ctx, const pcs::FriConfig& fri,
                                      std::span<const BasefoldCommitted<C>* const> rounds, std::span<const EF> point,
                                      std::span<const std::vector<EF>> claims,
                                      typename pcs::Iop<C>::Challenger& challenger);

extern template wire::BasefoldProof<wire::InnerConfig> prove_basefold<wire::InnerConfig>(
    const PcsProverContext&, const pcs::FriConfig&, std::span<const BasefoldCommitted<wire::InnerConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::DuplexChallenger&);
extern template wire::BasefoldProof<wire::OuterConfig> prove_basefold<wire::OuterConfig>(
    const PcsProverContext&, const pcs::FriConfig&, std::span<const BasefoldCommitted<wire::OuterConfig>* const>,
    std::span<const EF>, std::span<const std::vector<EF>>, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::prover
