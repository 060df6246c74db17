// What SP1 v6.4.0 pins in its own binaries, against which a stage proof is checked
// by default: its wrap verifying keys (one per feature variant), the root of its
// recursion vk Merkle tree and the tree's size.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::stage {

using wire::InnerDigest;
using wire::Sp1Variant;

// WRAP_VK_BYTES (crates/prover/src/verify.rs): bincode of SP1's wrap vk,
// crates/prover/wrap_vk.bin (112 bytes) in the default build and
// crates/prover/wrap_vk_mprotect.bin (176 bytes) under `mprotect`.
std::span<const uint8_t> sp1_wrap_vk_bytes(Sp1Variant variant);

// VerifierRecursionVks (crates/verifier/vk-artifacts/verifier_vks.bin): the root of
// the tree of allowed recursion vk digests and how many there are. Its bytes32 form
// is sp1_verifier::VK_ROOT_BYTES.
InnerDigest sp1_vk_root();
inline constexpr size_t kSp1RecursionVkCount = 186886;

// The tree's height: the leaves padded to a power of two (MerkleTree::commit in
// crates/recursion/circuit/src/basefold/merkle_tree.rs), so every path has 18 siblings.
inline constexpr size_t kSp1VkMerkleDepth = 18;
static_assert((size_t{1} << (kSp1VkMerkleDepth - 1)) < kSp1RecursionVkCount &&
              kSp1RecursionVkCount <= (size_t{1} << kSp1VkMerkleDepth));

// The root a proof of `variant` must name: `override_root` when given, else SP1's
// pinned root. SP1 v6.4's mprotect build pins none (it builds a placeholder tree at
// start-up and turns vk verification off: crates/prover/src/worker/node/light.rs),
// so there an override is required: Rejected("vk root: ...") without one.
InnerDigest expected_vk_root(Sp1Variant variant, const std::optional<InnerDigest>& override_root);

}  // namespace zkgpu::sp1::stage
