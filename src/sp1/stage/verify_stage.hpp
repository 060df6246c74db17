// A whole stage artifact verified the way SP1 verifies it: the public-values count,
// the shard proof (verifier::verify_shard), then the stage-level checks, against
// SP1 v6.4's pinned vks and vk root unless the caller names others. The CLI, the
// tests and the benchmark all go through these two functions. Both throw Rejected
// naming the failed check.
#pragma once

#include <optional>
#include <vector>

#include "sp1/stage/stage_checks.hpp"
#include "sp1/verifier/shard_verifier.hpp"

namespace zkgpu::sp1::stage {

struct WrapPolicy {
  bool any_wrap_vk = false;                      // accept a wrap vk other than SP1's own
  std::optional<InnerDigest> vk_root;            // replaces SP1's pinned vk root
  std::optional<InnerDigest> program_vk_digest;  // the program the proof must be of
  bool any_program = false;                      // required when no program digest is given
};

struct WrapVerification {
  wire::Sp1Variant variant = wire::Sp1Variant::Default;
  bool sp1_wrap_vk = false;     // the vk is SP1's own wrap vk of its variant
  bool vk_root_pinned = false;  // the root checked is SP1's pinned one (no override)
  verifier::ShardReport shard;
  WrapStageReport stage;
  double stage_ms = 0;  // the stage-level checks
};

// verify_wrap_bn254 (crates/prover/src/verify.rs): the vk is SP1's WRAP_VK_BYTES
// of its variant (unless any_wrap_vk), the shard proof verifies, the root public
// values are valid and name the expected vk root and program. A policy with neither
// a program digest nor any_program is std::invalid_argument.
WrapVerification verify_wrap(const wire::MachineVerifyingKey<wire::OuterConfig>& vk,
                             const wire::ShardProof<wire::OuterConfig>& proof, const WrapPolicy& policy);

struct CompressPolicy {
  std::optional<InnerDigest> vk_root;  // replaces SP1's pinned vk root
  bool allow_incomplete = false;       // accept a batch not marked complete (a compose step)
};

struct CompressWitnessVerification {
  wire::Sp1Variant variant = wire::Sp1Variant::Default;
  bool vk_root_pinned = false;
  std::vector<verifier::ShardReport> shards;  // one per (vk, proof) pair, in order
  CompressWitnessReport stage;
  double stage_ms = 0;
};

// Every (vk, proof) pair against the compress machine (a rejection names the pair:
// "proof 1: zerocheck: ..."), then check_compress_witness.
CompressWitnessVerification verify_compress_witness(const wire::CompressWitness& witness,
                                                    const CompressPolicy& policy);

}  // namespace zkgpu::sp1::stage
