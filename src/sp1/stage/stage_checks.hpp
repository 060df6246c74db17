// The checks SP1 applies around a verified shard proof at the wrap stage and for
// the compress witness (succinctlabs/sp1 v6.4.0 crates/prover/src/verify.rs
// verify_wrap_bn254 / verify_compressed, crates/prover/src/utils.rs, and the compress
// circuit crates/recursion/circuit/src/machine/{compress.rs, vkey_proof.rs}). Each
// throws Rejected naming the failed check.
#pragma once

#include <optional>
#include <vector>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::stage {

using wire::F;
using wire::InnerDigest;

// SP1 checks the count before verifying the shard: exactly PROOF_MAX_NUM_PVS (187).
void check_public_values_length(const std::vector<F>& public_values);

// Hash of the first 175 public values (everything before `digest`).
InnerDigest recursion_public_values_digest(const std::vector<F>& public_values);
// Hash of sp1_vk_digest, committed_value_digest, exit_code, vk_root, proof_nonce.
InnerDigest root_public_values_digest(const std::vector<F>& public_values);

// A digest stored in the public values (`sp1_vk_digest`, `vk_root`, `digest`).
InnerDigest public_values_digest_field(const std::vector<F>& public_values, size_t offset);

struct WrapExpectations {
  std::optional<InnerDigest> vk_root;
  std::optional<InnerDigest> program_vk_digest;
};

struct WrapStageReport {
  InnerDigest vk_root;
  InnerDigest program_vk_digest;  // sp1_vk_digest: the RISC-V program's vk
};

// Root public-values validity (the digest), then vk root and program vk digest
// against the expectations given.
WrapStageReport check_wrap_public_values(const std::vector<F>& public_values,
                                         const WrapExpectations& expect);

struct CompressWitnessReport {
  InnerDigest vk_root;
  std::vector<InnerDigest> vk_digests;
};

// Per (vk, proof) pair: the vk's digest is the witness value, its Merkle path
// reaches the root, the proof's recursion public values are valid (length and
// digest) and name the same vk root. Does not verify the shard proofs themselves.
CompressWitnessReport check_compress_witness(const wire::CompressWitness& witness);

}  // namespace zkgpu::sp1::stage
