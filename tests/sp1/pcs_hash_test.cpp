// The Merkle hashers and compressors of both configurations, rule by rule against
// the raw permutations (their composition is checked on SP1's real commitments in
// pcs_fixture_test.cpp).
#include <gtest/gtest.h>

#include <array>
#include <vector>

#include "math/poseidon2/poseidon2_31.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"
#include "sp1/pcs/iop.hpp"
#include "sp1/pcs/merkle.hpp"

namespace zkgpu::sp1::pcs {
namespace {

using Inner = Iop<wire::InnerConfig>;
using Outer = Iop<wire::OuterConfig>;
using Fr = bn254::Fr;

std::vector<F> values(size_t n) {
  std::vector<F> v(n);
  for (size_t i = 0; i < n; ++i) v[i] = F::from_canonical(uint32_t(1000 + 37 * i));
  return v;
}

std::array<F, 16> kb_permute(std::array<F, 16> s) {
  using P = poseidon2::KoalaBear16;
  F a[16];
  std::copy(s.begin(), s.end(), a);
  poseidon2::permute<P>(a, poseidon2::kHostConstants<P>);
  std::copy(a, a + 16, s.begin());
  return s;
}

std::array<Fr, 3> bn_permute(std::array<Fr, 3> s) {
  using P = poseidon2::Bn254x3;
  Fr a[3] = {s[0], s[1], s[2]};
  P::permute(a, P::host_constants());
  return {a[0], a[1], a[2]};
}

TEST(InnerHasher, OverwritesEightAtATimeAndKeepsTheRest) {
  EXPECT_EQ(Inner::hash({}), wire::InnerDigest{});  // no input, no permutation
  const std::vector<F> v = values(11);
  std::array<F, 16> s{};
  std::copy_n(v.begin(), 8, s.begin());
  s = kb_permute(s);
  std::copy_n(v.begin() + 8, 3, s.begin());  // a short last block overwrites only its own places
  s = kb_permute(s);
  wire::InnerDigest expect;
  std::copy_n(s.begin(), 8, expect.begin());
  EXPECT_EQ(Inner::hash(v), expect);
}

TEST(InnerCompressor, PermutesLeftThenRightAndTruncates) {
  const std::vector<F> v = values(16);
  wire::InnerDigest l, r, expect;
  std::copy_n(v.begin(), 8, l.begin());
  std::copy_n(v.begin() + 8, 8, r.begin());
  std::array<F, 16> s;
  std::copy(v.begin(), v.end(), s.begin());
  s = kb_permute(s);
  std::copy_n(s.begin(), 8, expect.begin());
  EXPECT_EQ(Inner::compress(l, r), expect);
  EXPECT_NE(Inner::compress(r, l), expect);
}

TEST(OuterHasher, PacksBlocksOfSixteenIntoTwoScalars) {
  EXPECT_EQ(Outer::hash({}), wire::OuterDigest{Fr::zero()});
  const std::vector<F> v = values(19);
  const std::span<const F> all(v);
  std::array<Fr, 3> s = {transcript::pack_koalabear(all.subspan(0, 8)), transcript::pack_koalabear(all.subspan(8, 8)),
                         Fr::zero()};
  s = bn_permute(s);
  s[0] = transcript::pack_koalabear(all.subspan(16, 3));  // the last block fills state[0] only
  s = bn_permute(s);
  EXPECT_EQ(Outer::hash(v), wire::OuterDigest{s[0]});
}

TEST(OuterCompressor, PermutesLeftRightZeroAndKeepsTheFirst) {
  const Fr a = Fr::from_u64(5), b = Fr::from_u64(7);
  EXPECT_EQ(Outer::compress({a}, {b}), wire::OuterDigest{bn_permute({a, b, Fr::zero()})[0]});
}

TEST(TensorCommitment, CompressesTheRootWithTheHashedShape) {
  const wire::InnerDigest root = Inner::hash(values(5));
  const F shape[2] = {F::from_canonical(20), F::from_canonical(33)};
  EXPECT_EQ(tensor_commitment<wire::InnerConfig>(root, 20, 33), Inner::compress(root, Inner::hash(shape)));
}

}  // namespace
}  // namespace zkgpu::sp1::pcs
