#pragma once
// Host-side entry points of the 31-bit Poseidon2 instances on canonical values:
// field dispatch and the hash / compress / tensor-commitment helpers that the CPU
// backend, the CUDA backend's host side and the verifiers share.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "math/field_id.hpp"
#include "math/merkle/opening.hpp"
#include "math/poseidon2/sponge31.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::poseidon2 {

// Calls fn(I{}) with I the Poseidon2 instance used for field f: SP1's KoalaBear
// permutation, Plonky3's BabyBear permutation.
template <class Fn>
decltype(auto) with_instance(Field31 f, Fn&& fn) {
  switch (f) {
    case Field31::koalabear: return fn(KoalaBear16{});
    case Field31::babybear: return fn(BabyBear16{});
  }
  throw Error(ErrorCode::invalid_argument, "unknown 31-bit field id " + std::to_string(unsigned(f)));
}

inline uint32_t modulus(Field31 f) { return traits(f).modulus31; }

template <class I>
void to_monty(std::span<const uint32_t> in, typename I::F* out) {
  for (size_t i = 0; i < in.size(); ++i) out[i] = I::F::from_canonical(in[i]);
}

template <class I>
Digest31 to_digest(const typename I::F (&d)[kDigest31]) {
  Digest31 out;
  for (int i = 0; i < kDigest31; ++i) out[i] = d[i].to_canonical();
  return out;
}

template <class I>
void from_digest(const Digest31& d, typename I::F (&out)[kDigest31]) {
  for (int i = 0; i < kDigest31; ++i) out[i] = I::F::from_canonical(d[i]);
}

// Permutes one canonical state in place.
template <class I>
void permute_canonical(uint32_t* state) {
  typename I::F s[kWidth31];
  for (int i = 0; i < kWidth31; ++i) s[i] = I::F::from_canonical(state[i]);
  permute<I>(s, kHostConstants<I>);
  for (int i = 0; i < kWidth31; ++i) state[i] = s[i].to_canonical();
}

// PaddingFreeSponge hash of canonical values.
template <class I>
Digest31 hash_canonical(std::span<const uint32_t> values) {
  Sponge31<I> sponge;
  for (uint32_t v : values) sponge.absorb(I::F::from_canonical(v), kHostConstants<I>);
  typename I::F d[kDigest31];
  sponge.finish(d, kHostConstants<I>);
  return to_digest<I>(d);
}

// TruncatedPermutation compression of two canonical digests.
template <class I>
Digest31 compress_canonical(const Digest31& left, const Digest31& right) {
  typename I::F l[kDigest31], r[kDigest31], out[kDigest31];
  from_digest<I>(left, l);
  from_digest<I>(right, r);
  compress<I>(l, r, out, kHostConstants<I>);
  return to_digest<I>(out);
}

// SP1's tensor commitment: compress(root, hash([log_height, width]))
// (succinctlabs/sp1 slop/crates/merkle-tree/src/tcs.rs, verify_tensor_openings).
template <class I>
Digest31 tensor_commitment(const Digest31& root, unsigned log_height, size_t width) {
  const uint32_t shape[2] = {uint32_t(log_height), uint32_t(width)};
  return compress_canonical<I>(root, hash_canonical<I>(shape));
}

}  // namespace zkgpu::poseidon2
