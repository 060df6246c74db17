// SP1's stage-level checks on the real artifacts, against SP1's pinned constants and
// literal expected digests: they accept SP1's own wrap proof and compress witness,
// and reject each altered input with the one check named.
#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include "fixture_digests.hpp"
#include "fixture_files.hpp"
#include "sp1/stage/pinned.hpp"
#include "sp1/stage/verify_stage.hpp"
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

InnerDigest digest(const char* bytes32) { return *digest_from_bytes32_hex(bytes32); }

TEST(Sp1StagePinned, VkRootIsSp1sVkRootBytes) {
  // verifier_vks.bin's words against lib.rs's VK_ROOT_BYTES: two independent SP1 constants.
  EXPECT_EQ(digest_bytes32_hex(sp1_vk_root()), test::kSp1VkRootBytes32);
  EXPECT_EQ(expected_vk_root(wire::Sp1Variant::Default, std::nullopt), sp1_vk_root());
  EXPECT_REJECTED_WITH(expected_vk_root(wire::Sp1Variant::Mprotect, std::nullopt),
                       "pins no recursion vk root for the mprotect build");
  EXPECT_EQ(expected_vk_root(wire::Sp1Variant::Mprotect, digest(test::kWrapFixtureVkRoot)),
            digest(test::kWrapFixtureVkRoot));
}

TEST(Sp1StagePinned, EmbeddedWrapVksAreSp1sFiles) {
  SP1_FIXTURE(path, "proofs/wrap_vk.bin");
  const auto bytes = wire::read_artifact_file(path);
  EXPECT_TRUE(std::ranges::equal(sp1_wrap_vk_bytes(wire::Sp1Variant::Default), bytes));
  // The mprotect vk: same pc start and initial sum, another wrap program, a zero config.
  const auto m = wire::decode_vk<wire::OuterConfig>(sp1_wrap_vk_bytes(wire::Sp1Variant::Mprotect));
  const auto d = wire::decode_vk<wire::OuterConfig>(bytes);
  EXPECT_EQ(m.variant(), wire::Sp1Variant::Mprotect);
  EXPECT_EQ(m.initial_global_cumulative_sum_x, d.initial_global_cumulative_sum_x);
  EXPECT_NE(m.preprocessed_commit, d.preprocessed_commit);
  for (const F& x : wire::untrusted_config_elements(m.untrusted_config)) EXPECT_TRUE(x.is_zero());
  const auto mpath = test::fixture_path("proofs/wrap_vk_mprotect.bin");
  if (std::filesystem::exists(mpath)) {
    EXPECT_TRUE(std::ranges::equal(sp1_wrap_vk_bytes(wire::Sp1Variant::Mprotect), wire::read_artifact_file(mpath)));
  }
}

TEST(Sp1StageWrap, Sp1WrapProofPassesUnderItsRootAndProgram) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto pvs = wrap_public_values();
  const auto report =
      check_wrap_public_values(pvs, {digest(test::kWrapFixtureVkRoot), digest(test::kWrapFixtureProgram)});
  EXPECT_TRUE(report.program_bound);
  EXPECT_EQ(digest_bytes32_hex(report.program_vk_digest), test::kWrapFixtureProgram);
  EXPECT_FALSE(check_wrap_public_values(pvs, {digest(test::kWrapFixtureVkRoot), std::nullopt}).program_bound);
}

TEST(Sp1StageWrap, Sp1sPinnedRootRejectsTheFixtureMadeUnderAnotherVkSet) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  EXPECT_REJECTED_WITH(check_wrap_public_values(wrap_public_values(), {sp1_vk_root(), std::nullopt}),
                       "public values: vk_root mismatch");
}

TEST(Sp1StageWrap, OtherProgramIsRejected) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  auto other = digest(test::kWrapFixtureProgram);
  other[3] = other[3] + F::one();
  EXPECT_REJECTED_WITH(check_wrap_public_values(wrap_public_values(), {digest(test::kWrapFixtureVkRoot), other}),
                       "public values: program vk digest mismatch");
}

TEST(Sp1StageWrap, EachHashedPublicValueIsBound) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto pvs = wrap_public_values();
  for (const char* name : {"sp1_vk_digest", "committed_value_digest", "exit_code", "vk_root",
                           "proof_nonce", "digest"}) {
    auto bad = pvs;
    for (const auto& f : wire::kRecursionPublicValues) {
      if (f.name == name) bad[f.offset] = bad[f.offset] + F::one();
    }
    EXPECT_REJECTED_WITH(check_wrap_public_values(bad, {digest(test::kWrapFixtureVkRoot), std::nullopt}),
                         "root public values digest mismatch");
  }
}

TEST(Sp1StageWrap, PublicValuesLengthIsChecked) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  auto pvs = wrap_public_values();
  pvs.pop_back();
  EXPECT_REJECTED_WITH(check_public_values_length(pvs), "186 values, expected 187");
}

TEST(Sp1StageWrap, OnlySp1sWrapVkUnlessAnyIsAllowed) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto proof = wire::decode_shard_proof<wire::OuterConfig>(wire::read_artifact_file(path));
  auto vk = wire::decode_vk<wire::OuterConfig>(sp1_wrap_vk_bytes(wire::Sp1Variant::Default));
  vk.pc_start[0] = vk.pc_start[0] + F::one();
  const WrapPolicy policy{false, digest(test::kWrapFixtureVkRoot), std::nullopt, true};
  EXPECT_REJECTED_WITH(verify_wrap(vk, proof, policy), "wrap vk: not SP1 v6.4's wrap vk for the default build");
  // Allowed, the other vk goes on to the shard verifier (whose transcript it changes).
  WrapPolicy any = policy;
  any.any_wrap_vk = true;
  try {
    verify_wrap(vk, proof, any);
    ADD_FAILURE() << "an altered vk verified";
  } catch (const Rejected& e) {
    EXPECT_EQ(std::string(e.what()).find("wrap vk"), std::string::npos) << e.what();
  }
}

TEST(Sp1StageWrap, AProgramBindingOrAnyProgramIsRequired) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto proof = wire::decode_shard_proof<wire::OuterConfig>(wire::read_artifact_file(path));
  const auto vk = wire::decode_vk<wire::OuterConfig>(sp1_wrap_vk_bytes(wire::Sp1Variant::Default));
  EXPECT_THROW(verify_wrap(vk, proof, {false, digest(test::kWrapFixtureVkRoot), std::nullopt, false}),
               std::invalid_argument);
}

CompressExpectations pinned() { return {sp1_vk_root(), true}; }

TEST(Sp1StageCompress, Sp1CompressWitnessPassesUnderSp1sPinnedRoot) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto w = compress_witness();
  const auto report = check_compress_witness(w, pinned());
  EXPECT_TRUE(report.is_complete);
  ASSERT_EQ(report.vk_digests.size(), w.vks_and_proofs.size());
  for (size_t i = 0; i < w.vk_digests.size(); ++i) EXPECT_EQ(report.vk_digests[i], w.vk_digests[i]);
}

TEST(Sp1StageCompress, OtherRootIsRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto expect = pinned();
  expect.vk_root[0] = expect.vk_root[0] + F::one();
  EXPECT_REJECTED_WITH(check_compress_witness(compress_witness(), expect), "vk root is not the expected root");
}

TEST(Sp1StageCompress, AlteredVkIsRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  w.vks_and_proofs[0].vk.pc_start[1] = w.vks_and_proofs[0].vk.pc_start[1] + F::one();
  EXPECT_REJECTED_WITH(check_compress_witness(w, pinned()), "proof 0: vk digest differs");
}

TEST(Sp1StageCompress, MerklePathOfAnotherDepthIsRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  ASSERT_EQ(w.vk_merkle_proofs[0].path.size(), kSp1VkMerkleDepth);
  w.vk_merkle_proofs[0].path.pop_back();
  EXPECT_REJECTED_WITH(check_compress_witness(w, pinned()),
                       "proof 0: vk Merkle path has 17 levels, SP1's vk tree has 18");
}

TEST(Sp1StageCompress, AlteredMerkleSiblingOrIndexIsRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  auto sib = w;
  sib.vk_merkle_proofs.back().path[0][0] = sib.vk_merkle_proofs.back().path[0][0] + F::one();
  const std::string last = "proof " + std::to_string(w.vk_merkle_proofs.size() - 1);
  EXPECT_REJECTED_WITH(check_compress_witness(sib, pinned()), last + ": vk Merkle path does not reach");
  auto idx = w;
  idx.vk_merkle_proofs.back().index ^= 1;
  EXPECT_REJECTED_WITH(check_compress_witness(idx, pinned()), last + ": vk Merkle path does not reach");
}

TEST(Sp1StageCompress, AlteredPublicValueIsRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  auto& pvs = w.vks_and_proofs[0].proof.public_values;
  pvs[recursion_pv_field("exit_code").offset] = pvs[recursion_pv_field("exit_code").offset] + F::one();
  EXPECT_REJECTED_WITH(check_compress_witness(w, pinned()), "proof 0: recursion public values digest mismatch");
}

TEST(Sp1StageCompress, PublicValuesNamingAnotherRootAreRejected) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  auto& pvs = w.vks_and_proofs[0].proof.public_values;
  const auto root = recursion_pv_field("vk_root"), digest_at = recursion_pv_field("digest");
  pvs[root.offset + 2] = pvs[root.offset + 2] + F::one();
  const InnerDigest d = recursion_public_values_digest(pvs);  // still a valid digest
  std::copy(d.begin(), d.end(), pvs.begin() + digest_at.offset);
  EXPECT_REJECTED_WITH(check_compress_witness(w, pinned()), "proof 0: public values name a different vk root");
}

TEST(Sp1StageCompress, IncompleteWitnessIsRejectedUnlessAllowed) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  w.is_complete = false;
  EXPECT_REJECTED_WITH(check_compress_witness(w, pinned()), "is_complete is not set");
  EXPECT_FALSE(check_compress_witness(w, {sp1_vk_root(), false}).is_complete);
}

TEST(Sp1StageCompress, CountsMustAgree) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  auto w = compress_witness();
  w.vk_digests.pop_back();
  EXPECT_REJECTED_WITH(check_compress_witness(w, pinned()), "vk digests");
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
