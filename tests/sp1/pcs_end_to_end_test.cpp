// The jagged PCS verifier on SP1's real proofs, with the transcript brought to the
// opening step by the shard verifier's earlier steps (vk and public values, LogUp-GKR,
// zerocheck): the wrap proof (outer configuration) and every compress proof in the
// shrink input (inner configuration) open, and tampering with any PCS value is
// rejected.
#include <gtest/gtest.h>

#include <functional>

#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/pcs/params.hpp"
#include "sp1/verifier/logup_gkr.hpp"
#include "sp1/verifier/pcs_opening.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/verifier/transcript_for.hpp"
#include "sp1/verifier/zerocheck.hpp"
#include "sp1/wire/decode.hpp"

namespace zkgpu::sp1::pcs {
namespace {

using wire::InnerConfig;
using wire::OuterConfig;

template <class C>
void verify_opening(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof, air::MachineKind kind,
                    const JaggedParams& params) {
  const air::Machine& machine = air::machine(kind);
  typename Iop<C>::Challenger challenger;
  verifier::observe_shard(vk, proof, machine, params.max_log_row_count, challenger);
  const verifier::ShardChips chips = verifier::shard_chips(machine, proof);
  verifier::verify_logup_gkr(chips, proof.logup_gkr_proof, params.max_log_row_count, proof.public_values, challenger);
  verifier::verify_zerocheck(chips, proof.logup_gkr_proof, proof.zerocheck_proof, params.max_log_row_count,
                             proof.public_values, challenger);
  const std::vector<std::vector<EF>> claims = verifier::flattened_openings(chips);
  const typename Iop<C>::Digest commitments[2] = {vk.preprocessed_commit, proof.main_commitment};
  verify_jagged<C>(params, commitments, proof.zerocheck_proof.point, claims, proof.evaluation_proof, challenger);
}

void bump(EF& x) { x = x + EF::one(); }
void bump(F& x) { x = x + F::one(); }

// Each tamper, applied to a copy of the proof, must be rejected (by the PCS or, for
// values the transcript saw earlier, by an earlier step).
template <class C>
void expect_tampers_rejected(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof,
                             air::MachineKind kind, const JaggedParams& params) {
  using Tamper = std::function<void(wire::JaggedPcsProof<C>&)>;
  const std::vector<std::pair<const char*, Tamper>> tampers = {
      {"expected_eval", [](auto& p) { bump(p.expected_eval); }},
      {"sumcheck coefficient", [](auto& p) { bump(p.sumcheck_proof.univariate_polys[2][1]); }},
      {"sumcheck claimed sum", [](auto& p) { bump(p.sumcheck_proof.claimed_sum); }},
      {"jagged eval coefficient", [](auto& p) { bump(p.jagged_eval_proof.univariate_polys[0][0]); }},
      {"jagged eval final value", [](auto& p) { bump(p.jagged_eval_proof.eval); }},
      {"row count", [](auto& p) { p.row_counts_and_column_counts[1][0].first += 1; }},
      {"column count", [](auto& p) { p.row_counts_and_column_counts[0][0].second += 1; }},
      {"log_m", [](auto& p) { p.log_m += 1; }},
      {"stacked batch evaluation", [](auto& p) { bump(p.pcs_proof.batch_evaluations[1].values[0]); }},
      {"basefold message", [](auto& p) { bump(p.pcs_proof.basefold_proof.univariate_messages[3][0]); }},
      {"basefold final poly", [](auto& p) { bump(p.pcs_proof.basefold_proof.final_poly); }},
      {"pow witness", [](auto& p) { bump(p.pcs_proof.basefold_proof.pow_witness); }},
      {"batch grinding witness", [](auto& p) { bump(p.pcs_proof.basefold_proof.batch_grinding_witness); }},
      {"component opening value",
       [](auto& p) { bump(p.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[1].values.values[7]); }},
      {"FRI opening value",
       [](auto& p) { bump(p.pcs_proof.basefold_proof.query_phase_openings_and_proofs[2].values.values[9]); }},
      {"FRI round dropped", [](auto& p) { p.pcs_proof.basefold_proof.query_phase_openings_and_proofs.pop_back(); }},
  };
  for (const auto& [name, tamper] : tampers) {
    wire::ShardProof<C> bad = proof;
    tamper(bad.evaluation_proof);
    EXPECT_THROW(verify_opening(vk, bad, kind, params), Rejected) << name;
  }
}

TEST(Sp1PcsEndToEnd, WrapProofOpens) {
  SP1_FIXTURE_OR_SKIP(vk_path, "proofs/wrap_vk.bin");
  SP1_FIXTURE_OR_SKIP(proof_path, "proofs/wrapped_proof.bin");
  const auto vk = wire::decode_vk<OuterConfig>(wire::read_artifact_file(vk_path));
  const auto proof = wire::decode_shard_proof<OuterConfig>(wire::read_artifact_file(proof_path));
  EXPECT_NO_THROW(verify_opening(vk, proof, air::MachineKind::Wrap, wrap_params()));
}

TEST(Sp1PcsEndToEnd, CompressProofsOpen) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  const auto w = wire::decode_compress_witness(wire::read_artifact_file(path));
  for (const auto& vp : w.vks_and_proofs)
    EXPECT_NO_THROW(verify_opening(vp.vk, vp.proof, air::MachineKind::Compress, compress_params()));
}

TEST(Sp1PcsEndToEnd, CompressTampersAreRejected) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  const auto w = wire::decode_compress_witness(wire::read_artifact_file(path));
  ASSERT_FALSE(w.vks_and_proofs.empty());
  const auto& vp = w.vks_and_proofs[0];
  expect_tampers_rejected(vp.vk, vp.proof, air::MachineKind::Compress, compress_params());
}

TEST(Sp1PcsEndToEnd, WrapTampersAreRejected) {
  SP1_FIXTURE_OR_SKIP(vk_path, "proofs/wrap_vk.bin");
  SP1_FIXTURE_OR_SKIP(proof_path, "proofs/wrapped_proof.bin");
  const auto vk = wire::decode_vk<OuterConfig>(wire::read_artifact_file(vk_path));
  const auto proof = wire::decode_shard_proof<OuterConfig>(wire::read_artifact_file(proof_path));
  expect_tampers_rejected(vk, proof, air::MachineKind::Wrap, wrap_params());
}

}  // namespace
}  // namespace zkgpu::sp1::pcs
