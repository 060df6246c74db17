#pragma once
// The hasher and compressor built on the 31-bit Poseidon2 permutations, host and
// device, as SP1 v6 configures them (succinctlabs/sp1
// slop/crates/koala-bear/src/koala_bear_poseidon2.rs, KoalaBearDegree4Duplex):
//   Hasher     = PaddingFreeSponge<perm, WIDTH 16, RATE 8, OUT 8>: overwrite mode; the
//                input is split into chunks of 8, each chunk overwrites the first
//                elements of the state (a short last chunk only its own positions), then
//                the state is permuted; the digest is the first 8 elements. No padding:
//                an empty input hashes to zeros (Plonky3 symmetric/src/sponge.rs).
//   Compressor = TruncatedPermutation<perm, N 2, CHUNK 8, WIDTH 16>: permute [left || right]
//                and keep the first 8 elements (Plonky3 symmetric/src/compression.rs).
#include "math/hd.hpp"
#include "math/poseidon2/poseidon2_31.hpp"

namespace zkgpu::poseidon2 {

// Streaming form of PaddingFreeSponge: absorb one element at a time.
template <class I>
struct Sponge31 {
  using F = typename I::F;
  F state[kWidth31];
  int pos = 0;

  ZK_HD Sponge31() {
ZK_P2_UNROLL
    for (int i = 0; i < kWidth31; ++i) state[i] = F::zero();
  }

  ZK_HD void absorb(F x, const typename I::Constants& rc) {
    state[pos++] = x;
    if (pos == kRate31) {
      permute<I>(state, rc);
      pos = 0;
    }
  }

  // Writes the digest; the sponge must not be used afterwards.
  ZK_HD void finish(F (&out)[kDigest31], const typename I::Constants& rc) {
    if (pos != 0) permute<I>(state, rc);
ZK_P2_UNROLL
    for (int i = 0; i < kDigest31; ++i) out[i] = state[i];
  }
};

// TruncatedPermutation: out = first 8 elements of permute([left || right]).
template <class I>
ZK_HD void compress(const typename I::F (&left)[kDigest31], const typename I::F (&right)[kDigest31],
                    typename I::F (&out)[kDigest31], const typename I::Constants& rc) {
  typename I::F s[kWidth31];
ZK_P2_UNROLL
  for (int i = 0; i < kDigest31; ++i) {
    s[i] = left[i];
    s[kDigest31 + i] = right[i];
  }
  permute<I>(s, rc);
ZK_P2_UNROLL
  for (int i = 0; i < kDigest31; ++i) out[i] = s[i];
}

}  // namespace zkgpu::poseidon2
