// Digests the tests expect, as literals (never read back from the artifact under
// test): SP1's own pinned vk root, and what SP1's test fixtures were made under.
// SP1's wrapped_proof.bin fixtures (crates/prover/build.rs set_wrap_vk_and_wrapped_proof,
// the fibonacci program) come from a prover with another recursion vk set than the
// pinned one, so their checks pass the root they name explicitly.
#pragma once

namespace zkgpu::sp1::test {

// sp1_verifier::VK_ROOT_BYTES (crates/verifier/src/lib.rs), the bytes32 form of the
// root stored in crates/verifier/vk-artifacts/verifier_vks.bin.
inline constexpr const char* kSp1VkRootBytes32 = "0x002f850ee998974d6cc00e50cd0814b098c05bfade466d28573240d057f25352";

// proofs/wrapped_proof.bin (default build).
inline constexpr const char* kWrapFixtureVkRoot = "0x00995aa7753b437dfe98b936e602e002155914af1922d96e1af288578adc2251";
inline constexpr const char* kWrapFixtureProgram = "0x0096968fe6e626a0c6295b1d0abecf2356c2288f559c011bf2e9c6fb0d53ce5b";

// proofs/wrapped_proof_mprotect.bin (SP1's crates/prover/wrapped_proof_mprotect.bin).
inline constexpr const char* kMprotectWrapFixtureVkRoot =
    "0x009c43b1f14f723381b3a924905cd3075cfbe1ea97e5bf581da85dce57374bab";
inline constexpr const char* kMprotectWrapFixtureProgram =
    "0x00ce1d64f6c7bf891f841cc80ed68d69807c082d01a2e740968fc0bd05e4a1d3";

}  // namespace zkgpu::sp1::test
