// The KoalaBear Poseidon2 digests SP1's stage-level checks are built from: the
// sponge hash and 2-to-1 compression (SP1's poseidon2_hasher / compressor over
// Poseidon2-KB16), a vk's digest, the vk Merkle path, and the BN254 form of a digest.
// Source: succinctlabs/sp1 v6.4.0 crates/hypercube/src/verifier/{hashable_key.rs,
// proof.rs}, crates/primitives/src/lib.rs.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "math/bn254/fields.hpp"
#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::stage {

using wire::F;
using wire::InnerDigest;

// PaddingFreeSponge<Poseidon2-KB16, 16, 8, 8>.
InnerDigest poseidon2_hash(std::span<const F> values);
// TruncatedPermutation<Poseidon2-KB16, 2, 8, 16>.
InnerDigest poseidon2_compress(const InnerDigest& left, const InnerDigest& right);

// MachineVerifyingKey::hash_koalabear: hash of preprocessed_commit, pc_start, the
// initial global cumulative sum (x then y) and the untrusted config (one element,
// or 17 under mprotect: crates/hypercube/src/verifier/hashable_key.rs).
InnerDigest vk_digest(const wire::MachineVerifyingKey<wire::InnerConfig>& vk);

// Whether `leaf` at proof.index lies under `root`. As SP1's verify_merkle_proof: the
// index is bit-reversed over the path length, then each level puts the running
// digest left when the index is even, right when odd.
bool verify_vk_merkle_proof(const wire::MerkleProof& proof, const InnerDigest& leaf,
                            const InnerDigest& root);

// koalabears_to_bn254: the digest's words as one integer, 31 bits per word, first
// word most significant. Its 32-byte big-endian hex is SP1's `bytes32()` form.
bn254::Fr digest_to_bn254(const InnerDigest& d);

// "0x" + 64 hex digits of the BN254 form (SP1's bytes32 convention).
std::string digest_bytes32_hex(const InnerDigest& d);

// The inverse: 64 hex digits (an optional 0x) back to the 8 words. Empty when the
// text is not 64 hex digits or is not the BN254 form of any digest (a 31-bit chunk
// not below p, or bits above the top word's 31).
std::optional<InnerDigest> digest_from_bytes32_hex(std::string_view hex);

}  // namespace zkgpu::sp1::stage
