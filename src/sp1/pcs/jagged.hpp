// The jagged PCS verifier (JaggedPcsVerifier::verify_trusted_evaluations, succinctlabs/sp1
// slop/crates/jagged/src/verifier.rs): every chip's columns, of different heights, are
// laid end to end into one dense multilinear per round. The verifier is given one
// evaluation claim per column at a row point z_row; it
//   - checks the proof's table of (row count, column count) pairs against the
//     commitments (each commitment binds its round's table) and SP1's padding rules
//     (two extra tables per round pad the area to the stacking height);
//   - samples a column point z_col and turns the column claims into one sumcheck
//     claim over the dense trace;
//   - checks that sumcheck, then the jagged evaluation sumcheck that evaluates the
//     jagged "little" polynomial at (z_row, z_col, z_trace);
//   - opens the dense trace at z_trace with the stacked BaseFold PCS.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

#include "sp1/pcs/stacked.hpp"

namespace zkgpu::sp1::pcs {

struct JaggedParams {
  StackedParams stacked;
  size_t max_log_row_count = 0;
};

// commitments: each round's commitment as the verifier knows it (for SP1's shard
// verifier: the vk's preprocessed commitment, then the main commitment).
// evaluation_claims: per round, the claimed value of every real column at z_row.
// Throws Rejected("jagged: ...") or a rejection of the stacked / BaseFold layers.
template <class C>
void verify_jagged(const JaggedParams& params, std::span<const typename Iop<C>::Digest> commitments,
                   std::span<const EF> z_row, std::span<const std::vector<EF>> evaluation_claims,
                   const wire::JaggedPcsProof<C>& proof, typename Iop<C>::Challenger& challenger);

extern template void verify_jagged<wire::InnerConfig>(const JaggedParams&, std::span<const wire::InnerDigest>,
                                                      std::span<const EF>, std::span<const std::vector<EF>>,
                                                      const wire::JaggedPcsProof<wire::InnerConfig>&,
                                                      transcript::DuplexChallenger&);
extern template void verify_jagged<wire::OuterConfig>(const JaggedParams&, std::span<const wire::OuterDigest>,
                                                      std::span<const EF>, std::span<const std::vector<EF>>,
                                                      const wire::JaggedPcsProof<wire::OuterConfig>&,
                                                      transcript::MultiFieldChallenger&);

}  // namespace zkgpu::sp1::pcs
