// The checks SP1 applies around a verified shard proof at the wrap stage and for
// the compress witness (succinctlabs/sp1 v6.4.0 crates/prover/src/verify.rs
// verify_wrap_bn254 / verify_compressed, crates/prover/src/utils.rs, and the compress
// circuit crates/recursion/circuit/src/machine/{compress.rs, vkey_proof.rs, root.rs}). Each
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
  InnerDigest vk_root;                           // the recursion vk root the proof must name
  std::optional<InnerDigest> program_vk_digest;  // the program it must prove; none: any program
};

struct WrapStageReport {
  InnerDigest vk_root;
  InnerDigest program_vk_digest;  // sp1_vk_digest: the RISC-V program's vk
  bool program_bound = false;     // checked against an expected digest
};

// Root public-values validity (the digest), then the vk root and, when expected, the
// program vk digest (verify_wrap_bn254 in crates/prover/src/verify.rs).
WrapStageReport check_wrap_public_values(const std::vector<F>& public_values, const WrapExpectations& expect);

struct CompressExpectations {
  InnerDigest vk_root;           // the recursion vk root the witness must use
  bool require_complete = true;  // as SP1's shrink program asserts (root.rs)
};

struct CompressWitnessReport {
  InnerDigest vk_root;
  std::vector<InnerDigest> vk_digests;
  bool is_complete = false;
  std::vector<F> aggregate;  // the public values the compress program would commit (no digest)
};

// The witness's root is the expected one; per (vk, proof) pair: the vk's digest is
// the witness value, its Merkle path has SP1's depth and reaches the root, the
// proof's recursion public values are valid (length and digest) and name the same
// root; then the compress program's chaining checks across the proofs and, when the
// witness is complete, SP1's completeness checks on their aggregate (compress_chain.hpp).
// Does not verify the shard proofs themselves.
CompressWitnessReport check_compress_witness(const wire::CompressWitness& witness, const CompressExpectations& expect);

}  // namespace zkgpu::sp1::stage
