// A whole stage artifact verified the way SP1 verifies it: the public-values count,
// the shard proof (verifier::verify_shard), then the stage-level checks. The CLI,
// the tests and the benchmark all go through these two functions. Both throw
// Rejected naming the failed check.
#pragma once

#include <vector>

#include "sp1/stage/stage_checks.hpp"
#include "sp1/verifier/shard_verifier.hpp"

namespace zkgpu::sp1::stage {

struct WrapVerification {
  verifier::ShardReport shard;
  WrapStageReport stage;
  double stage_ms = 0;  // the stage-level checks
};

// verify_wrap_bn254 (crates/prover/src/verify.rs), with the vk given rather than built in.
WrapVerification verify_wrap(const wire::MachineVerifyingKey<wire::OuterConfig>& vk,
                             const wire::ShardProof<wire::OuterConfig>& proof, const WrapExpectations& expect);

struct CompressWitnessVerification {
  std::vector<verifier::ShardReport> shards;  // one per (vk, proof) pair, in order
  CompressWitnessReport stage;
  double stage_ms = 0;
};

// Every (vk, proof) pair against the compress machine (a rejection names the pair:
// "proof 1: zerocheck: ..."), then the vk digests, their Merkle paths and the
// public values (check_compress_witness).
CompressWitnessVerification verify_compress_witness(const wire::CompressWitness& witness);

}  // namespace zkgpu::sp1::stage
