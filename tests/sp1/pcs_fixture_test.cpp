// The PCS pieces against SP1's real proofs, without the rest of the transcript:
// commitments bind the jagged tables and the Merkle roots, and every Merkle path in
// the BaseFold proof opens its commitment at the query indices, which the FRI
// openings themselves determine (each FRI round halves the index, so walking the
// rounds from the smallest tree up recovers one more bit per round).
#include <gtest/gtest.h>

#include <algorithm>
#include <type_traits>

#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/pcs/merkle.hpp"
#include "sp1/pcs/params.hpp"
#include "sp1/wire/decode.hpp"

namespace zkgpu::sp1::pcs {
namespace {

// The root a single opened row and its path climb to.
template <class C>
typename Iop<C>::Digest climb(const wire::MerkleTreeOpeningAndProof<C>& op, size_t q, size_t index) {
  const size_t width = op.values.sizes[1], depth = op.proof.paths.sizes[1];
  auto node = Iop<C>::hash(std::span<const F>(op.values.values.data() + q * width, width));
  for (size_t l = 0; l < depth; ++l, index >>= 1) {
    const auto& sib = op.proof.paths.values[q * depth + l];
    node = (index & 1) ? Iop<C>::compress(sib, node) : Iop<C>::compress(node, sib);
  }
  return node;
}

template <class C>
size_t find_index(const wire::MerkleTreeOpeningAndProof<C>& op, size_t q, size_t lo, size_t count) {
  for (size_t i = lo; i < lo + count; ++i)
    if (climb(op, q, i) == op.proof.merkle_root) return i;
  ADD_FAILURE() << "no index opens query " << q;
  return 0;
}

template <class C>
void check_proof(const wire::MachineVerifyingKey<C>& vk, const wire::ShardProof<C>& proof, const JaggedParams& params) {
  const auto& jagged = proof.evaluation_proof;
  const auto& basefold = jagged.pcs_proof.basefold_proof;
  const typename Iop<C>::Digest commitments[2] = {vk.preprocessed_commit, proof.main_commitment};

  // Each round's commitment binds its table of row and column counts.
  ASSERT_EQ(jagged.row_counts_and_column_counts.size(), 2u);
  for (size_t r = 0; r < 2; ++r) {
    std::vector<F> shape{F::from_canonical(uint32_t(jagged.row_counts_and_column_counts[r].size()))};
    for (const auto& rc : jagged.row_counts_and_column_counts[r]) shape.push_back(F::from_canonical(uint32_t(rc.first)));
    for (const auto& rc : jagged.row_counts_and_column_counts[r]) shape.push_back(F::from_canonical(uint32_t(rc.second)));
    EXPECT_EQ(Iop<C>::compress(jagged.merkle_tree_commitments[r], Iop<C>::hash(shape)), commitments[r]) << r;
  }

  // Query indices, recovered from the FRI openings.
  const size_t rounds = basefold.fri_commitments.size();
  const size_t log_blowup = params.stacked.fri.log_blowup;
  const size_t queries = params.stacked.fri.num_queries;
  ASSERT_EQ(basefold.query_phase_openings_and_proofs.size(), rounds);
  ASSERT_EQ(basefold.query_phase_openings_and_proofs.back().values.sizes[0], queries);
  std::vector<size_t> q_index(queries);
  for (size_t q = 0; q < queries; ++q) {
    size_t idx = find_index(basefold.query_phase_openings_and_proofs[rounds - 1], q, 0, size_t(1) << log_blowup);
    for (size_t k = rounds - 1; k-- > 0;) idx = find_index(basefold.query_phase_openings_and_proofs[k], q, 2 * idx, 2);
    q_index[q] = find_index(basefold.component_polynomials_query_openings_and_proofs[0], q, 2 * idx, 2);
  }

  // Every FRI round's openings verify with the production check.
  for (size_t k = 0; k < rounds; ++k) {
    std::vector<size_t> idx(queries);
    for (size_t q = 0; q < queries; ++q) idx[q] = q_index[q] >> (k + 1);
    const auto& op = basefold.query_phase_openings_and_proofs[k];
    EXPECT_NO_THROW(verify_tensor_openings<C>(basefold.fri_commitments[k], idx, op.values, 8,
                                              rounds + log_blowup - 1 - k, op.proof, "fri"))
        << "round " << k;
  }
  // Both component openings (preprocessed, main) at the full indices.
  for (size_t r = 0; r < 2; ++r) {
    const auto& op = basefold.component_polynomials_query_openings_and_proofs[r];
    EXPECT_NO_THROW(verify_tensor_openings<C>(jagged.merkle_tree_commitments[r], q_index, op.values,
                                              op.values.sizes[1], rounds + log_blowup, op.proof, "component"))
        << "round " << r;
    // A changed opened value, sibling or index is rejected.
    auto bad = op;
    bad.values.values[3] = bad.values.values[3] + F::one();
    EXPECT_THROW(verify_tensor_openings<C>(jagged.merkle_tree_commitments[r], q_index, bad.values,
                                           op.values.sizes[1], rounds + log_blowup, op.proof, "component"),
                 Rejected);
    bad = op;
    auto& sibling = bad.proof.paths.values[5][0];
    sibling = sibling + std::remove_reference_t<decltype(sibling)>::one();
    EXPECT_THROW(verify_tensor_openings<C>(jagged.merkle_tree_commitments[r], q_index, op.values,
                                           op.values.sizes[1], rounds + log_blowup, bad.proof, "component"),
                 Rejected);
    // A repeated query with a changed sibling high in its path is still rejected (the
    // verifier's shared-node cache only reuses identical inputs).
    {
      auto dup = op;
      std::vector<size_t> idx = q_index;
      const size_t width = op.values.sizes[1], depth = op.proof.paths.sizes[1];
      idx[1] = idx[0];
      std::copy_n(op.values.values.begin(), width, dup.values.values.begin() + width);
      std::copy_n(op.proof.paths.values.begin(), depth, dup.proof.paths.values.begin() + depth);
      EXPECT_NO_THROW(verify_tensor_openings<C>(jagged.merkle_tree_commitments[r], idx, dup.values, width,
                                                rounds + log_blowup, dup.proof, "component"));
      auto& high = dup.proof.paths.values[depth + depth - 2][0];
      high = high + std::remove_reference_t<decltype(high)>::one();
      EXPECT_THROW(verify_tensor_openings<C>(jagged.merkle_tree_commitments[r], idx, dup.values, width,
                                             rounds + log_blowup, dup.proof, "component"),
                   Rejected);
    }
    std::vector<size_t> shifted = q_index;
    shifted[0] ^= 1;
    EXPECT_THROW(verify_tensor_openings<C>(jagged.merkle_tree_commitments[r], shifted, op.values,
                                           op.values.sizes[1], rounds + log_blowup, op.proof, "component"),
                 Rejected);
    EXPECT_THROW(verify_tensor_openings<C>(commitments[1 - r], q_index, op.values, op.values.sizes[1],
                                           rounds + log_blowup, op.proof, "component"),
                 Rejected);
  }
}

TEST(Sp1PcsFixture, WrapProofCommitmentsAndMerkleOpenings) {
  SP1_FIXTURE(vk_path, "proofs/wrap_vk.bin");
  SP1_FIXTURE(proof_path, "proofs/wrapped_proof.bin");
  const auto vk = wire::decode_vk<wire::OuterConfig>(wire::read_artifact_file(vk_path));
  const auto proof = wire::decode_shard_proof<wire::OuterConfig>(wire::read_artifact_file(proof_path));
  check_proof(vk, proof, wrap_params());
}

TEST(Sp1PcsFixture, CompressProofsCommitmentsAndMerkleOpenings) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto w = wire::decode_compress_witness(wire::read_artifact_file(path));
  for (const auto& vp : w.vks_and_proofs) check_proof(vp.vk, vp.proof, compress_params());
}

TEST(Sp1PcsParams, QueryCountsMatchSp1) {
  // 100 - 16 bits over -log2(5/8), and 100 - 22 bits over -log2(9/16).
  EXPECT_EQ(compress_params().stacked.fri.num_queries, 124u);
  EXPECT_EQ(wrap_params().stacked.fri.num_queries, 94u);
}

}  // namespace
}  // namespace zkgpu::sp1::pcs
