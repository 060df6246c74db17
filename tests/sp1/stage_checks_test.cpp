// SP1's stage-level checks on the real artifacts: they accept SP1's own wrap proof
// and compress witness (the digests SP1 stored must match ours bit for bit), and
// reject each altered input with the check named.
#include <gtest/gtest.h>

#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/stage/stage_checks.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/recursion_public_values.hpp"

namespace zkgpu::sp1::stage {
namespace {

using wire::recursion_pv_field;

std::vector<F> wrap_public_values() {
  const auto bytes = wire::read_artifact_file(test::fixture_path("proofs/wrapped_proof.bin"));
  return wire::decode_shard_proof<wire::OuterConfig>(bytes).public_values;
}

wire::CompressWitness compress_witness() {
  return wire::decode_compress_witness(wire::read_artifact_file(test::fixture_path("proofs/shrink_input.bin")));
}

#define EXPECT_REJECTED_WITH(stmt, text)                                         \
  try {                                                                          \
    stmt;                                                                        \
    ADD_FAILURE() << "not rejected: " #stmt;                                     \
  } catch (const Rejected& e) {                                                  \
    EXPECT_NE(std::string(e.what()).find(text), std::string::npos) << e.what();  \
  }

TEST(Sp1StageWrap, RootPublicValuesOfSp1WrapProofAreValid) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/wrapped_proof.bin");
  const auto pvs = wrap_public_values();
  const auto report = check_wrap_public_values(pvs, {});
  // The reported digests are the public-values fields, and checking them passes.
  EXPECT_EQ(report.vk_root, public_values_digest_field(pvs, recursion_pv_field("vk_root").offset));
  EXPECT_NO_THROW(check_wrap_public_values(pvs, {report.vk_root, report.program_vk_digest}));
}

TEST(Sp1StageWrap, EachHashedPublicValueIsBound) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/wrapped_proof.bin");
  const auto pvs = wrap_public_values();
  for (const char* name : {"sp1_vk_digest", "committed_value_digest", "exit_code", "vk_root",
                           "proof_nonce", "digest"}) {
    auto bad = pvs;
    for (const auto& f : wire::kRecursionPublicValues) {
      if (f.name == name) bad[f.offset] = bad[f.offset] + F::one();
    }
    EXPECT_REJECTED_WITH(check_wrap_public_values(bad, {}), "root public values digest mismatch");
  }
}

TEST(Sp1StageWrap, ExpectedDigestsAreEnforced) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/wrapped_proof.bin");
  const auto pvs = wrap_public_values();
  const auto good = check_wrap_public_values(pvs, {});
  auto other = good.vk_root;
  other[3] = other[3] + F::one();
  EXPECT_REJECTED_WITH(check_wrap_public_values(pvs, {other, std::nullopt}), "vk_root mismatch");
  EXPECT_REJECTED_WITH(check_wrap_public_values(pvs, {std::nullopt, other}), "program vk digest mismatch");
}

TEST(Sp1StageWrap, PublicValuesLengthIsChecked) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/wrapped_proof.bin");
  auto pvs = wrap_public_values();
  pvs.pop_back();
  EXPECT_REJECTED_WITH(check_public_values_length(pvs), "186 values, expected 187");
}

TEST(Sp1StageCompress, Sp1CompressWitnessPassesAndDigestsMatchTheStoredOnes) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  const auto w = compress_witness();
  const auto report = check_compress_witness(w);
  ASSERT_EQ(report.vk_digests.size(), w.vks_and_proofs.size());
  for (size_t i = 0; i < w.vk_digests.size(); ++i) EXPECT_EQ(report.vk_digests[i], w.vk_digests[i]);
}

TEST(Sp1StageCompress, AlteredVkIsRejected) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  w.vks_and_proofs[0].vk.pc_start[1] = w.vks_and_proofs[0].vk.pc_start[1] + F::one();
  EXPECT_REJECTED_WITH(check_compress_witness(w), "proof 0: vk digest differs");
}

TEST(Sp1StageCompress, AlteredMerkleSiblingOrIndexIsRejected) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  ASSERT_FALSE(w.vk_merkle_proofs.back().path.empty());
  auto sib = w;
  sib.vk_merkle_proofs.back().path[0][0] = sib.vk_merkle_proofs.back().path[0][0] + F::one();
  const std::string last = "proof " + std::to_string(w.vk_merkle_proofs.size() - 1);
  EXPECT_REJECTED_WITH(check_compress_witness(sib), last + ": vk Merkle path does not reach");
  auto idx = w;
  idx.vk_merkle_proofs.back().index ^= 1;
  EXPECT_REJECTED_WITH(check_compress_witness(idx), last + ": vk Merkle path does not reach");
  auto root = w;
  root.vk_root[7] = root.vk_root[7] + F::one();
  EXPECT_REJECTED_WITH(check_compress_witness(root), "proof 0: vk Merkle path does not reach");
}

TEST(Sp1StageCompress, AlteredPublicValueIsRejected) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  auto& pvs = w.vks_and_proofs[0].proof.public_values;
  pvs[recursion_pv_field("exit_code").offset] = pvs[recursion_pv_field("exit_code").offset] + F::one();
  EXPECT_REJECTED_WITH(check_compress_witness(w), "proof 0: recursion public values digest mismatch");
}

TEST(Sp1StageCompress, CountsMustAgree) {
  SP1_FIXTURE_OR_SKIP(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  w.vk_digests.pop_back();
  EXPECT_REJECTED_WITH(check_compress_witness(w), "vk digests");
}

TEST(Sp1StageDigests, Bytes32FormPacksWordsBy31Bits) {
  InnerDigest d;
  for (auto& x : d) x = F::zero();
  d[7] = F::from_canonical(5);
  d[6] = F::from_canonical(1);  // contributes 2^31
  EXPECT_EQ(digest_bytes32_hex(d), "0x" + std::string(54, '0') + "0080000005");
}

TEST(Sp1StageDigests, Bytes32HexRoundTripsAndRejectsNonDigests) {
  InnerDigest d;
  for (size_t i = 0; i < d.size(); ++i) d[i] = F::from_canonical(uint32_t(F::kP - 1 - 977 * i));
  const std::string hex = digest_bytes32_hex(d);
  EXPECT_EQ(digest_from_bytes32_hex(hex), d);
  EXPECT_EQ(digest_from_bytes32_hex(hex.substr(2)), d);  // without 0x
  EXPECT_FALSE(digest_from_bytes32_hex(hex.substr(3)));  // 63 digits
  EXPECT_FALSE(digest_from_bytes32_hex("0x" + std::string(63, '0') + "g"));
  EXPECT_FALSE(digest_from_bytes32_hex("0x01" + std::string(62, '0')));  // bit 248 set
  // The last word's 31 bits all set: 2^31 - 1 is not below p.
  EXPECT_FALSE(digest_from_bytes32_hex("0x" + std::string(56, '0') + "7fffffff"));
}

}  // namespace
}  // namespace zkgpu::sp1::stage
