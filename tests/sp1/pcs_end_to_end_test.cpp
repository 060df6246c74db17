// Tampering with the PCS part of SP1's real proofs, the wrap proof (outer
// configuration) and a compress proof (inner configuration): the shard verifier
// accepts the proof as it is and rejects every tampered copy in a PCS layer.
#include <gtest/gtest.h>

#include <functional>
#include <random>
#include <string>

#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"

namespace zkgpu::sp1::pcs {
namespace {

using wire::InnerConfig;
using wire::OuterConfig;

void bump(EF& x) { x = x + EF::one(); }
void bump(F& x) { x = x + F::one(); }
void bump(bn254::Fr& x) { x = x + bn254::Fr::one(); }

// The proof verifies; each tamper of its PCS part, applied to a copy, is rejected
// by the PCS layers (jagged, jagged eval, stacked, BaseFold, Merkle).
template <class C>
void expect_tampers_rejected(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof,
                             air::MachineKind kind) {
  ASSERT_NO_THROW(verifier::verify_shard(vk, proof, kind));
  using Tamper = std::function<void(wire::JaggedPcsProof<C>&)>;
  const std::vector<std::pair<const char*, Tamper>> tampers = {
      {"expected_eval", [](auto& p) { bump(p.expected_eval); }},
      {"sumcheck coefficient", [](auto& p) { bump(p.sumcheck_proof.univariate_polys[2][1]); }},
      {"sumcheck claimed sum", [](auto& p) { bump(p.sumcheck_proof.claimed_sum); }},
      {"jagged eval coefficient", [](auto& p) { bump(p.jagged_eval_proof.univariate_polys[0][0]); }},
      {"jagged eval final value", [](auto& p) { bump(p.jagged_eval_proof.eval); }},
      {"row count", [](auto& p) { p.row_counts_and_column_counts[1][0].first += 1; }},
      {"column count", [](auto& p) { p.row_counts_and_column_counts[1][0].second += 1; }},
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
      {"FRI commitment", [](auto& p) { bump(p.pcs_proof.basefold_proof.fri_commitments[2][0]); }},
      {"component Merkle sibling",
       [](auto& p) { bump(p.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[0].proof.paths.values[30][0]); }},
      {"component Merkle root",
       [](auto& p) { bump(p.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[1].proof.merkle_root[0]); }},
      {"FRI Merkle sibling",
       [](auto& p) { bump(p.pcs_proof.basefold_proof.query_phase_openings_and_proofs[4].proof.paths.values[11][0]); }},
      {"jagged Merkle commitment", [](auto& p) { bump(p.merkle_tree_commitments[0][0]); }},
  };
  for (const auto& [name, tamper] : tampers) {
    wire::ShardProof<C> bad = proof;
    tamper(bad.evaluation_proof);
    try {
      verifier::verify_shard(vk, bad, kind);
      ADD_FAILURE() << name << ": accepted";
    } catch (const Rejected& e) {
      const std::string what = e.what();
      EXPECT_TRUE(what.starts_with("jagged") || what.starts_with("stacked") || what.starts_with("basefold"))
          << name << ": " << what;
    }
  }
}

TEST(Sp1PcsEndToEnd, CompressTampersAreRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto w = wire::decode_compress_witness(wire::read_artifact_file(path));
  ASSERT_FALSE(w.vks_and_proofs.empty());
  const auto& vp = w.vks_and_proofs[0];
  expect_tampers_rejected(vp.vk, vp.proof, air::MachineKind::Compress);
}

TEST(Sp1PcsEndToEnd, WrapTampersAreRejected) {
  SP1_FIXTURE(vk_path, "proofs/wrap_vk.bin");
  SP1_FIXTURE(proof_path, "proofs/wrapped_proof.bin");
  const auto vk = wire::decode_vk<OuterConfig>(wire::read_artifact_file(vk_path));
  const auto proof = wire::decode_shard_proof<OuterConfig>(wire::read_artifact_file(proof_path));
  expect_tampers_rejected(vk, proof, air::MachineKind::Wrap);
}


// Structural mutations of the PCS proof (lengths, tensor shapes, counts), as a
// malicious prover could write them: every one is a clean rejection, never a crash
// or another kind of error.
TEST(Sp1PcsEndToEnd, ShapeMutationsAreRejectedCleanly) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto w = wire::decode_compress_witness(wire::read_artifact_file(path));
  ASSERT_FALSE(w.vks_and_proofs.empty());
  const auto& vp = w.vks_and_proofs[0];
  using P = wire::JaggedPcsProof<InnerConfig>;
  std::mt19937_64 gen(2026);
  const auto pick = [&](size_t n) { return n ? size_t(gen() % n) : 0; };
  const auto resize = [&](auto& v) {
    if (gen() & 1) v.resize(v.size() + 1 + pick(3));
    else v.resize(v.size() > 0 ? pick(v.size()) : 0);
  };
  const auto reshape = [&](auto& t) {
    switch (pick(3)) {
      case 0: t.sizes[pick(t.sizes.size())] += 1; break;
      case 1: t.sizes.push_back(1); break;
      default: t.sizes.pop_back(); break;
    }
  };
  const std::vector<std::function<void(P&)>> mutations = {
      [&](P& p) { resize(p.sumcheck_proof.univariate_polys); },
      [&](P& p) { resize(p.sumcheck_proof.univariate_polys[pick(p.sumcheck_proof.univariate_polys.size())]); },
      [&](P& p) { resize(p.sumcheck_proof.point); },
      [&](P& p) { resize(p.jagged_eval_proof.point); },
      [&](P& p) { resize(p.jagged_eval_proof.univariate_polys); },
      [&](P& p) { resize(p.row_counts_and_column_counts[pick(2)]); },
      [&](P& p) { resize(p.row_counts_and_column_counts); },
      [&](P& p) { resize(p.merkle_tree_commitments); },
      [&](P& p) {
        auto& t = p.row_counts_and_column_counts[pick(2)];
        auto& rc = t[pick(t.size())];
        const size_t v[] = {0, 1, (size_t(1) << 21) + 1, F::kP - 1, F::kP, size_t(1) << 40};
        (gen() & 1 ? rc.first : rc.second) = v[pick(6)];
      },
      [&](P& p) { p.log_m = pick(64); },
      [&](P& p) { p.max_log_row_count = pick(64); },
      [&](P& p) { resize(p.pcs_proof.batch_evaluations); },
      [&](P& p) { resize(p.pcs_proof.batch_evaluations[pick(2)].values); },
      [&](P& p) { resize(p.pcs_proof.basefold_proof.univariate_messages); },
      [&](P& p) { resize(p.pcs_proof.basefold_proof.fri_commitments); },
      [&](P& p) { resize(p.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs); },
      [&](P& p) { resize(p.pcs_proof.basefold_proof.query_phase_openings_and_proofs); },
      [&](P& p) {
        auto& ops = p.pcs_proof.basefold_proof.query_phase_openings_and_proofs;
        auto& op = ops[pick(ops.size())];
        gen() & 1 ? reshape(op.values) : reshape(op.proof.paths);
      },
      [&](P& p) {
        auto& op = p.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[pick(2)];
        switch (pick(4)) {
          case 0: reshape(op.values); break;
          case 1: resize(op.values.values); break;
          case 2: op.proof.log_tensor_height = pick(64); break;
          default: op.proof.width = pick(1000); break;
        }
      },
  };
  for (int trial = 0; trial < 120; ++trial) {
    wire::ShardProof<InnerConfig> bad = vp.proof;
    mutations[pick(mutations.size())](bad.evaluation_proof);
    try {
      verifier::verify_shard(vp.vk, bad, air::MachineKind::Compress);
      ADD_FAILURE() << "trial " << trial << ": accepted";
    } catch (const Rejected&) {
    } catch (const std::exception& e) {
      ADD_FAILURE() << "trial " << trial << ": " << e.what();
    }
  }
}

}  // namespace
}  // namespace zkgpu::sp1::pcs
