// SP1's two challengers, checked rule by rule against the raw permutations.
#include <gtest/gtest.h>

#include <array>
#include <random>

#include "math/poseidon2/poseidon2_31.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"

namespace {

using namespace zkgpu;
using sp1::EF;
using sp1::F;
using sp1::transcript::DuplexChallenger;
using sp1::transcript::MultiFieldChallenger;

using KbState = std::array<F, 16>;

KbState kb_permute(KbState s) {
  using P = poseidon2::KoalaBear16;
  F a[16];
  for (int i = 0; i < 16; ++i) a[i] = s[i];
  poseidon2::permute<P>(a, poseidon2::kHostConstants<P>);
  for (int i = 0; i < 16; ++i) s[i] = a[i];
  return s;
}

F f(uint32_t v) { return F::from_canonical(v); }

TEST(DuplexChallenger, EightObservationsOverwriteTheRateAndPermute) {
  DuplexChallenger c;
  KbState expect{};
  for (uint32_t i = 0; i < 8; ++i) {
    c.observe(f(100 + i));
    expect[i] = f(100 + i);
  }
  expect = kb_permute(expect);
  EXPECT_EQ(c.state(), expect);
  // Samples come from the end of the rate part: state[7], state[6], ...
  for (int i = 7; i >= 0; --i) EXPECT_EQ(c.sample(), expect[i]) << i;
  // Outputs exhausted: the next sample permutes the state again with no input.
  const KbState again = kb_permute(expect);
  EXPECT_EQ(c.sample(), again[7]);
  EXPECT_EQ(c.state(), again);
}

TEST(DuplexChallenger, PartialInputOverwritesOnlyItsPositions) {
  DuplexChallenger c;
  for (uint32_t i = 0; i < 8; ++i) c.observe(f(i));
  KbState s{};
  for (uint32_t i = 0; i < 8; ++i) s[i] = f(i);
  s = kb_permute(s);
  c.observe(f(7777));
  c.observe(f(8888));
  s[0] = f(7777);
  s[1] = f(8888);
  s = kb_permute(s);
  EXPECT_EQ(c.sample(), s[7]);
  EXPECT_EQ(c.sample(), s[6]);
  // An observation discards the remaining outputs.
  c.observe(f(1));
  s[0] = f(1);
  s = kb_permute(s);
  EXPECT_EQ(c.sample(), s[7]);
}

TEST(DuplexChallenger, ExtensionElementsAreFourSamplesLowCoefficientFirst) {
  DuplexChallenger a, b;
  a.observe_ext(EF{{f(1), f(2), f(3), f(4)}});
  for (uint32_t v : {1u, 2u, 3u, 4u}) b.observe(f(v));
  const EF e = a.sample_ext();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(e.c[i], b.sample()) << i;
}

TEST(DuplexChallenger, VariableLengthSlicesArePrefixedByTheirLength) {
  DuplexChallenger a, b;
  const std::array<F, 3> xs = {f(5), f(6), f(7)};
  a.observe_variable_length_slice(xs);
  b.observe(f(3));
  for (F x : xs) b.observe(x);
  EXPECT_EQ(a.sample(), b.sample());
}

TEST(DuplexChallenger, SampleBitsMasksTheCanonicalValue) {
  DuplexChallenger a, b;
  a.observe(f(42));
  b.observe(f(42));
  const uint32_t full = a.sample().to_canonical();
  EXPECT_EQ(b.sample_bits(10), full & 0x3ff);
}

TEST(DuplexChallenger, GrindingWitnessIsCheckedAfterObservingIt) {
  DuplexChallenger base;
  base.observe(f(9));
  // Search the first witness whose check passes for 8 bits, as a prover would.
  uint32_t found = 0;
  for (uint32_t w = 0; w < 100000; ++w) {
    DuplexChallenger c = base;
    if (c.check_witness(8, f(w))) {
      found = w;
      break;
    }
  }
  DuplexChallenger c = base;
  c.observe(f(found));
  EXPECT_EQ(c.sample().to_canonical() & 0xff, 0u);
  // Witnesses before it fail.
  for (uint32_t w = 0; w < found; ++w) {
    DuplexChallenger d = base;
    EXPECT_FALSE(d.check_witness(8, f(w)));
  }
}

// ---------------------------------------------------------------------------

using Fr = bn254::Fr;

std::array<Fr, 3> bn_permute(std::array<Fr, 3> s) {
  using P = poseidon2::Bn254x3;
  Fr a[3] = {s[0], s[1], s[2]};
  P::permute(a, P::host_constants());
  return {a[0], a[1], a[2]};
}

TEST(Bn254Packing, PackIsBase2To31LittleEndian) {
  // 1 + 2 * 2^31 + (p - 2) * 2^62: the third digit straddles the first two limbs.
  const std::array<F, 3> xs = {f(1), f(2), f(F::kP - 2)};
  const bn254::U256 v = sp1::transcript::pack_koalabear(xs).to_canonical();
  EXPECT_EQ(v.limbs[0], 0xC000000100000001ull);  // (0x7effffff & 3) << 62 | 2^32 | 1
  EXPECT_EQ(v.limbs[1], 0x1fbfffffull);          // 0x7effffff >> 2
  EXPECT_EQ(v.limbs[2], 0u);
  // Eight maximal digits fill 248 bits exactly.
  std::array<F, 8> maxed;
  maxed.fill(f(F::kP - 1));
  const bn254::U256 m = sp1::transcript::pack_koalabear(maxed).to_canonical();
  EXPECT_EQ(m.limbs[3] >> 56, 0u);
  EXPECT_NE(m.limbs[3] >> 55, 0u);
}

TEST(Bn254Packing, UnpackReducesEach64BitLimb) {
  const bn254::U256 v{{0xffffffffffffffffull, 5, uint64_t(F::kP), 0x0123456789abcdefull}};
  const auto out = sp1::transcript::unpack_koalabear(Fr::from_canonical(v));
  EXPECT_EQ(out[0].to_canonical(), uint32_t(0xffffffffffffffffull % F::kP));
  EXPECT_EQ(out[1].to_canonical(), 5u);
  EXPECT_EQ(out[2].to_canonical(), 0u);
  EXPECT_EQ(out[3].to_canonical(), uint32_t(0x0123456789abcdefull % F::kP));
}

TEST(MultiFieldChallenger, SixteenObservationsFillTwoScalarsAndPermute) {
  using sp1::transcript::pack_koalabear;
  using sp1::transcript::unpack_koalabear;
  MultiFieldChallenger c;
  std::array<F, 16> in;
  for (uint32_t i = 0; i < 16; ++i) in[i] = f(1000 * i + 7);
  for (F x : in) c.observe(x);
  std::array<Fr, 3> s = {pack_koalabear(std::span<const F>(in.data(), 8)),
                         pack_koalabear(std::span<const F>(in.data() + 8, 8)), Fr::zero()};
  s = bn_permute(s);
  EXPECT_EQ(c.state()[0], s[0]);
  EXPECT_EQ(c.state()[2], s[2]);
  // Outputs: limbs of s[0] then s[1], taken from the end.
  const auto l0 = unpack_koalabear(s[0]);
  const auto l1 = unpack_koalabear(s[1]);
  for (int i = 3; i >= 0; --i) EXPECT_EQ(c.sample(), l1[i]);
  for (int i = 3; i >= 0; --i) EXPECT_EQ(c.sample(), l0[i]);
  s = bn_permute(s);
  EXPECT_EQ(c.sample(), unpack_koalabear(s[1])[3]);
}

TEST(MultiFieldChallenger, PartialInputPacksOnlyTheChunksItHas) {
  using sp1::transcript::pack_koalabear;
  using sp1::transcript::unpack_koalabear;
  MultiFieldChallenger c;
  const std::array<F, 3> in = {f(3), f(4), f(5)};
  for (F x : in) c.observe(x);
  std::array<Fr, 3> s = {pack_koalabear(in), Fr::zero(), Fr::zero()};
  s = bn_permute(s);
  EXPECT_EQ(c.sample(), unpack_koalabear(s[1])[3]);
  // Nine inputs: state[0] gets eight, state[1] one; state[2] keeps its value.
  std::array<F, 9> nine;
  for (uint32_t i = 0; i < 9; ++i) nine[i] = f(50 + i);
  for (F x : nine) c.observe(x);
  s[0] = pack_koalabear(std::span<const F>(nine.data(), 8));
  s[1] = pack_koalabear(std::span<const F>(nine.data() + 8, 1));
  s = bn_permute(s);
  EXPECT_EQ(c.sample(), unpack_koalabear(s[1])[3]);
}

TEST(MultiFieldChallenger, DigestIsObservedAsItsFourLimbs) {
  const Fr d = Fr::from_canonical(bn254::U256{{11, 22, 33, 44}});
  MultiFieldChallenger a, b;
  a.observe_digest({d});
  for (uint32_t v : {11u, 22u, 33u, 44u}) b.observe(f(v));
  EXPECT_EQ(a.sample(), b.sample());
  EXPECT_EQ(a.state(), b.state());
}

}  // namespace
