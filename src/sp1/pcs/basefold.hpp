// BaseFold verification of multilinear evaluation claims against Merkle commitments
// (BasefoldVerifier::verify_mle_evaluations, succinctlabs/sp1
// slop/crates/basefold/src/verifier.rs). In transcript order:
//   batch grinding witness (5 bits); a batching point whose partial Lagrange
//   coefficients fold all claims into one; the FRI round count; per round the
//   sumcheck message (2 coefficients), the round's commitment and a folding
//   challenge beta; the final constant; the proof-of-work witness; the query indices.
//   Then: the sumcheck messages chain from the batched claim to the final constant,
//   each query's opened rows batch to the first folding value, each FRI round's
//   opened pair contains the running value and folds to the next, every Merkle path
//   opens its commitment, and every query ends at the final constant.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sp1/pcs/iop.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::pcs {

// slop_primitives::FriConfig.
struct FriConfig {
  size_t log_blowup = 0;
  size_t num_queries = 0;
  size_t proof_of_work_bits = 0;
};

inline constexpr unsigned kBatchGrindingBits = 5;  // BATCH_GRINDING_BITS
inline constexpr size_t kTwoAdicity = 24;          // KoalaBear

// Checks that the polynomials committed in `commitments` (one per round, each
// holding as many polynomials as that round's claims) evaluate at `point` to
// `claims`. Throws Rejected("basefold: ...").
template <class C>
void verify_basefold(const FriConfig& fri, size_t num_expected_commitments,
                     std::span<const typename Iop<C>::Digest> commitments, std::vector<EF> point,
                     std::span<const wire::Tensor<EF>> claims, const wire::BasefoldProof<C>& proof,
                     typename Iop<C>::Challenger& challenger);

extern template void verify_basefold<wire::InnerConfig>(const FriConfig&, size_t, std::span<const wire::InnerDigest>,
                                                        std::vector<EF>, std::span<const wire::Tensor<EF>>,
                                                        const wire::BasefoldProof<wire::InnerConfig>&,
                                                        transcript::DuplexChallenger&);
extern template void verify_basefold<wire::OuterConfig>(const FriConfig&, size_t, std::span<const wire::OuterDigest>,
                                                        std::vector<EF>, std::span<const wire::Tensor<EF>>,
                                                        const wire::BasefoldProof<wire::OuterConfig>&,
                                                        transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
