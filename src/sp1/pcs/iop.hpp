// What the PCS verifier needs of a configuration (SP1's IopCtx): its digest, its
// challenger, and the hasher and compressor of its Merkle trees.
//   inner  PaddingFreeSponge<KoalaPerm, 16, 8, 8> and TruncatedPermutation<KoalaPerm,
//          2, 8, 16> (slop/crates/koala-bear/src/koala_bear_poseidon2.rs);
//   outer  MultiField32PaddingFreeSponge<KoalaBear, Bn254Fr, OuterPerm, 3, 16, 1>: the
//          input in blocks of 16, each block packed 8 per scalar into state[0],
//          state[1] (overwriting), then permuted; the digest is state[0]. The
//          compressor permutes [left, right, 0] and keeps state[0]
//          (slop/crates/bn254/src/lib.rs; the same rules as FieldHasherVariable for
//          SP1OuterGlobalContext in crates/recursion/circuit/src/hash.rs).
// Empty input hashes to the zero digest in both (no permutation runs).
#pragma once

#include <span>

#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"
#include "sp1/wire/config.hpp"

namespace zkgpu::sp1::pcs {

template <class C>
struct Iop;

template <>
struct Iop<wire::InnerConfig> {
  using Digest = wire::InnerDigest;
  using Challenger = transcript::DuplexChallenger;
  static Digest hash(std::span<const F> values);
  static Digest compress(const Digest& left, const Digest& right);
};

template <>
struct Iop<wire::OuterConfig> {
  using Digest = wire::OuterDigest;
  using Challenger = transcript::MultiFieldChallenger;
  static Digest hash(std::span<const F> values);
  static Digest compress(const Digest& left, const Digest& right);
};

}  // namespace zkgpu::sp1::pcs
