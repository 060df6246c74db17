// SP1's two builds: the vk of each reads and writes back byte for byte, its size
// names its variant, and the variant changes the transcript: a vk re-encoded in the
// other variant (same values, zero mprotect config) does not verify the proof.
#include <gtest/gtest.h>

#include <algorithm>

#include "fixture_digests.hpp"
#include "fixture_files.hpp"
#include "sp1/errors.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/stage/pinned.hpp"
#include "sp1/stage/verify_stage.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::sp1 {
namespace {

using wire::F;
using wire::OuterConfig;
using wire::Sp1Variant;

TEST(Sp1Variant, VkSizesNameTheVariant) {
  EXPECT_EQ(wire::vk_wire_size<OuterConfig>(Sp1Variant::Default), 112u);
  EXPECT_EQ(wire::vk_wire_size<OuterConfig>(Sp1Variant::Mprotect), 176u);
  EXPECT_EQ(wire::vk_wire_size<wire::InnerConfig>(Sp1Variant::Default), 104u);
  EXPECT_EQ(wire::vk_wire_size<wire::InnerConfig>(Sp1Variant::Mprotect), 168u);
  const auto bytes = stage::sp1_wrap_vk_bytes(Sp1Variant::Default);
  std::vector<uint8_t> longer(bytes.begin(), bytes.end());
  longer.push_back(0);
  try {
    wire::decode_vk<OuterConfig>(longer);
    ADD_FAILURE() << "113 bytes read as a vk";
  } catch (const ParseError& e) {
    EXPECT_NE(std::string(e.what()).find("113 bytes: a outer vk has 112 (default) or 176 (mprotect)"),
              std::string::npos)
        << e.what();
  }
  // Read as the variant it is not: a strict error, not a misreading.
  EXPECT_THROW(wire::decode_vk_as<OuterConfig>(bytes, Sp1Variant::Mprotect), ParseError);
}

TEST(Sp1Variant, EachVariantsVkRoundTripsByteForByte) {
  for (Sp1Variant v : {Sp1Variant::Default, Sp1Variant::Mprotect}) {
    const auto bytes = stage::sp1_wrap_vk_bytes(v);
    const auto vk = wire::decode_vk<OuterConfig>(bytes);
    EXPECT_EQ(vk.variant(), v);
    EXPECT_TRUE(std::ranges::equal(wire::encode_vk(vk), bytes)) << wire::variant_name(v);
  }
  // An mprotect config with every field distinct lands where SP1 puts it.
  auto vk = wire::decode_vk<OuterConfig>(stage::sp1_wrap_vk_bytes(Sp1Variant::Mprotect));
  auto& c = vk.untrusted_config;
  c.enable_untrusted_programs = F::from_canonical(1);
  c.enable_trap_handler = F::from_canonical(2);
  for (size_t i = 0; i < 9; ++i) c.trap_context[i / 3][i % 3] = F::from_canonical(uint32_t(10 + i));
  for (size_t i = 0; i < 6; ++i) c.untrusted_memory[i / 3][i % 3] = F::from_canonical(uint32_t(20 + i));
  const auto bytes = wire::encode_vk(vk);
  ASSERT_EQ(bytes.size(), 176u);
  // After pc_start, the sum and the 40-byte BN254 commit: 17 little-endian words 1, 2, 10..18, 20..25.
  const size_t config_at = 4 * (3 + 14) + 40;
  std::vector<uint32_t> words;
  for (size_t i = config_at; i < bytes.size(); i += 4) words.push_back(bytes[i]);
  EXPECT_EQ(words, (std::vector<uint32_t>{1, 2, 10, 11, 12, 13, 14, 15, 16, 17, 18, 20, 21, 22, 23, 24, 25}));
  const auto again = wire::decode_vk<OuterConfig>(bytes);
  EXPECT_EQ(wire::untrusted_config_elements(again.untrusted_config), wire::untrusted_config_elements(c));
  EXPECT_EQ(wire::encode_vk(again), bytes);
}

TEST(Sp1Variant, VkDigestCoversTheMprotectConfig) {
  wire::MachineVerifyingKey<wire::InnerConfig> vk{};
  const auto plain = stage::vk_digest(vk);
  vk.untrusted_config.variant = Sp1Variant::Mprotect;
  const auto zero_config = stage::vk_digest(vk);
  EXPECT_NE(plain, zero_config);  // 16 more inputs, even when zero
  vk.untrusted_config.untrusted_memory[1][2] = F::one();
  EXPECT_NE(stage::vk_digest(vk), zero_config);
}

TEST(Sp1Variant, CompressWitnessReadsInItsOneVariant) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto bytes = wire::read_artifact_file(path);
  const auto w = wire::decode_compress_witness(bytes);
  EXPECT_EQ(w.vks_and_proofs.at(0).vk.variant(), Sp1Variant::Default);
  EXPECT_THROW(wire::decode_compress_witness_as(bytes, Sp1Variant::Mprotect), ParseError);
  // Its vks re-encoded as mprotect: the witness now reads only as mprotect.
  auto m = w;
  for (auto& vp : m.vks_and_proofs) vp.vk.untrusted_config.variant = Sp1Variant::Mprotect;
  const auto mbytes = wire::encode_compress_witness(m);
  EXPECT_EQ(mbytes.size(), bytes.size() + 64 * w.vks_and_proofs.size());
  EXPECT_EQ(wire::decode_compress_witness(mbytes).vks_and_proofs.at(0).vk.variant(), Sp1Variant::Mprotect);
  EXPECT_EQ(wire::encode_compress_witness(wire::decode_compress_witness(mbytes)), mbytes);
}

std::string shard_rejection(const wire::MachineVerifyingKey<OuterConfig>& vk,
                            const wire::ShardProof<OuterConfig>& proof) {
  try {
    verifier::verify_shard(vk, proof, air::MachineKind::Wrap);
  } catch (const Rejected& e) {
    return e.what();
  }
  return "";
}

TEST(Sp1Variant, DefaultVkReencodedAsMprotectDoesNotVerifyTheDefaultProof) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto proof = wire::decode_shard_proof<OuterConfig>(wire::read_artifact_file(path));
  auto vk = wire::decode_vk<OuterConfig>(stage::sp1_wrap_vk_bytes(Sp1Variant::Default));
  ASSERT_EQ(shard_rejection(vk, proof), "");
  vk.untrusted_config.variant = Sp1Variant::Mprotect;  // the same values, zero config
  ASSERT_EQ(wire::encode_vk(vk).size(), 176u);
  EXPECT_NE(shard_rejection(vk, proof), "");
}

TEST(Sp1Variant, MprotectProofVerifiesAndItsVkReencodedAsDefaultDoesNot) {
  SP1_FIXTURE(path, "proofs/wrapped_proof_mprotect.bin");
  const auto proof = wire::decode_shard_proof<OuterConfig>(wire::read_artifact_file(path));
  auto vk = wire::decode_vk<OuterConfig>(stage::sp1_wrap_vk_bytes(Sp1Variant::Mprotect));
  const stage::WrapPolicy policy{false, stage::digest_from_bytes32_hex(test::kMprotectWrapFixtureVkRoot),
                                 stage::digest_from_bytes32_hex(test::kMprotectWrapFixtureProgram), false};
  const auto v = stage::verify_wrap(vk, proof, policy);
  EXPECT_EQ(v.variant, Sp1Variant::Mprotect);
  EXPECT_TRUE(v.sp1_wrap_vk);
  EXPECT_TRUE(v.stage.program_bound);
  vk.untrusted_config.variant = Sp1Variant::Default;  // drop the (zero) config
  ASSERT_EQ(wire::encode_vk(vk).size(), 112u);
  EXPECT_NE(shard_rejection(vk, proof), "");
}

}  // namespace
}  // namespace zkgpu::sp1
