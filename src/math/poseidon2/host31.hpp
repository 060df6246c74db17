#pragma once
// Host-side entry points of the 31-bit Poseidon2 instances on canonical values:
// field dispatch, argument checks, and the hash / compress / tensor-commitment
// helpers that the CPU backend, the CUDA backend's host side and the verifier share.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "backends/stark_ops.hpp"
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

inline uint32_t modulus(Field31 f) {
  return with_instance(f, [](auto i) { return decltype(i)::F::kP; });
}

// Throws Error(invalid_argument) on the first value >= p.
inline void check_canonical(Field31 f, std::span<const uint32_t> values, const char* what) {
  const uint32_t p = modulus(f);
  for (size_t i = 0; i < values.size(); ++i)
    if (values[i] >= p)
      throw Error(ErrorCode::invalid_argument, std::string(what) + ": value " + std::to_string(values[i]) +
                                                   " at index " + std::to_string(i) + " is not below p = " +
                                                   std::to_string(p));
}

// Arguments of StarkOps::poseidon2: width 16 only, whole states, canonical values.
inline void check_poseidon2_args(Field31 f, unsigned width, std::span<const uint32_t> states) {
  modulus(f);  // rejects unknown field ids
  if (width == 24)
    throw Error(ErrorCode::invalid_argument,
                "poseidon2: width 24 is not supported (SP1 v6 defines only the width-16 KoalaBear "
                "permutation; BabyBear is provided at width 16)");
  if (width != unsigned(kWidth31))
    throw Error(ErrorCode::invalid_argument,
                "poseidon2: width " + std::to_string(width) + " is not supported for 31-bit fields (use 16)");
  if (states.size() % width != 0)
    throw Error(ErrorCode::invalid_argument, "poseidon2: " + std::to_string(states.size()) +
                                                 " values do not form whole states of width 16");
  check_canonical(f, states, "poseidon2");
}

// Shape of a tensor commitment: equal power-of-two heights, some columns.
struct TensorShape {
  size_t height = 0;
  unsigned log_height = 0;
  size_t width = 0;  // total over all matrices
};

// Checks the matrices of a commitment (shape and canonical values).
inline TensorShape check_commit_args(Field31 f, std::span<const ConstMatrixView> matrices) {
  modulus(f);
  if (matrices.empty()) throw Error(ErrorCode::invalid_argument, "merkle commit: no matrices");
  TensorShape s;
  s.height = matrices[0].rows;
  if (s.height == 0 || (s.height & (s.height - 1)) != 0)
    throw Error(ErrorCode::invalid_argument,
                "merkle commit: height " + std::to_string(s.height) + " is not a power of two");
  while ((size_t(1) << s.log_height) < s.height) ++s.log_height;
  for (size_t m = 0; m < matrices.size(); ++m) {
    const ConstMatrixView& v = matrices[m];
    if (v.rows != s.height)
      throw Error(ErrorCode::invalid_argument, "merkle commit: matrix " + std::to_string(m) + " has " +
                                                   std::to_string(v.rows) + " rows, matrix 0 has " +
                                                   std::to_string(s.height));
    if (v.cols && !v.data)
      throw Error(ErrorCode::invalid_argument, "merkle commit: matrix " + std::to_string(m) + " has no data");
    s.width += v.cols;
    check_canonical(f, std::span<const uint32_t>(v.data, v.rows * v.cols), "merkle commit");
  }
  if (s.width == 0) throw Error(ErrorCode::invalid_argument, "merkle commit: the matrices have no columns");
  // The shape is hashed as field elements (tcs.rs rejects widths >= p as BaseFieldOverflow).
  if (s.width >= modulus(f))
    throw Error(ErrorCode::invalid_argument, "merkle commit: total width " + std::to_string(s.width) + " is not below p");
  return s;
}

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
