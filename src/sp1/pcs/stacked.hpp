// The stacked PCS (StackedPcsVerifier::verify_trusted_evaluation, succinctlabs/sp1
// slop/crates/stacked/src/verifier.rs): each round's polynomials are cut into columns
// of 2^log_stacking_height and committed with BaseFold. A claim at a point splits the
// point into its leading "batch" coordinates and its last log_stacking_height "stack"
// coordinates; the proof gives every column's value at the stack point, these must
// interpolate (over the batch point) to the claim, and BaseFold then proves them,
// after they are observed.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sp1/pcs/basefold.hpp"

namespace zkgpu::sp1::pcs {

struct StackedParams {
  FriConfig fri;
  size_t num_expected_commitments = 0;
  unsigned log_stacking_height = 0;
};

// round_areas: each round's committed area (a multiple of 2^log_stacking_height).
// Throws Rejected("stacked: ...") or BaseFold's rejection.
template <class C>
void verify_stacked(const StackedParams& params, std::span<const typename Iop<C>::Digest> commitments,
                    std::span<const size_t> round_areas, std::span<const EF> point,
                    const wire::StackedBasefoldProof<C>& proof, const EF& evaluation_claim,
                    typename Iop<C>::Challenger& challenger);

extern template void verify_stacked<wire::InnerConfig>(const StackedParams&, std::span<const wire::InnerDigest>,
                                                       std::span<const size_t>, std::span<const EF>,
                                                       const wire::StackedBasefoldProof<wire::InnerConfig>&,
                                                       const EF&, transcript::DuplexChallenger&);
extern template void verify_stacked<wire::OuterConfig>(const StackedParams&, std::span<const wire::OuterDigest>,
                                                       std::span<const size_t>, std::span<const EF>,
                                                       const wire::StackedBasefoldProof<wire::OuterConfig>&,
                                                       const EF&, transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
