// SP1's real artifacts decode completely (no trailing bytes), in both
// configurations, and re-encode to the same bytes.
#include <gtest/gtest.h>

#include <set>

#include "fixture_files.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::sp1::wire {
namespace {

std::set<std::string> chip_names(const ChipMap<ChipOpenedValues>& m) {
  std::set<std::string> names;
  for (const auto& [name, _] : m) names.insert(name);
  return names;
}

TEST(Sp1WireFixture, WrapVkDecodesAndRoundTrips) {
  SP1_FIXTURE(path, "proofs/wrap_vk.bin");
  const auto bytes = read_artifact_file(path);
  const auto vk = decode_vk<OuterConfig>(bytes);
  for (const auto& x : vk.pc_start) EXPECT_EQ(x.to_canonical(), 0u);
  EXPECT_FALSE(vk.preprocessed_commit[0].is_zero());
  EXPECT_EQ(encode_vk(vk), bytes);
}

TEST(Sp1WireFixture, WrappedProofDecodesAndRoundTrips) {
  SP1_FIXTURE(path, "proofs/wrapped_proof.bin");
  const auto bytes = read_artifact_file(path);
  const auto proof = decode_shard_proof<OuterConfig>(bytes);
  EXPECT_EQ(proof.public_values.size(), 187u);  // PROOF_MAX_NUM_PVS
  const std::set<std::string> wrap_chips = {"BaseAlu",     "ExtAlu",         "ExtFeltConvert",
                                            "MemoryConst", "MemoryVar",      "Poseidon2LinearLayer",
                                            "Poseidon2SBox", "PublicValues", "Select"};
  EXPECT_EQ(chip_names(proof.opened_values), wrap_chips);
  EXPECT_EQ(proof.logup_gkr_proof.chip_openings.size(), wrap_chips.size());
  EXPECT_EQ(encode_shard_proof(proof), bytes);
}

TEST(Sp1WireFixture, CompressWitnessDecodesAndRoundTrips) {
  SP1_FIXTURE(path, "proofs/shrink_input.bin");
  const auto bytes = read_artifact_file(path);
  const auto w = decode_compress_witness(bytes);
  ASSERT_FALSE(w.vks_and_proofs.empty());
  EXPECT_EQ(w.vk_merkle_proofs.size(), w.vks_and_proofs.size());
  EXPECT_EQ(w.vk_digests.size(), w.vks_and_proofs.size());
  const std::set<std::string> compress_chips = {"BaseAlu",   "ExtAlu",          "MemoryConst",
                                                "MemoryVar", "Poseidon2WideDeg3", "PrefixSumChecks",
                                                "PublicValues", "Select"};
  for (const auto& vp : w.vks_and_proofs) {
    EXPECT_EQ(chip_names(vp.proof.opened_values), compress_chips);
    EXPECT_EQ(vp.proof.public_values.size(), 187u);
  }
  EXPECT_EQ(encode_compress_witness(w), bytes);
}

}  // namespace
}  // namespace zkgpu::sp1::wire
