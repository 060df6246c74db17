// Poseidon2 permutations, sponge and compressor: known answers from Plonky3 and
// HorizenLabs, and an independent dense-matrix implementation for SP1's KoalaBear
// instance (for which no published known answer exists: SP1's sources pin its
// internal layer by property tests only, see poseidon2_31.hpp).
#include <gtest/gtest.h>

#include <array>
#include <random>
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "math/poseidon2/host31.hpp"
#include "math/poseidon2/poseidon2_bn254.hpp"

namespace zkgpu {
namespace {

using poseidon2::BabyBear16;
using poseidon2::KoalaBear16;
using poseidon2::KoalaBear16Plonky3;
using State = std::array<uint32_t, 16>;

template <class I>
State permuted(State s) {
  poseidon2::permute_canonical<I>(s.data());
  return s;
}

// Input of Plonky3's width-16 tests (sage: set_random_seed(16)).
constexpr State kPlonky3Input = {894848333, 1437655012, 1200606629, 1690012884, 71131202,  1749206695,
                                 1717947831, 120589055, 19776022,   42382981,   1831865506, 724844064,
                                 171220207,  1299207443, 227047920, 1783754913};

// Plonky3/Plonky3 koala-bear/src/poseidon2.rs, test_default_koalabear_poseidon2_width_16.
TEST(Poseidon2Kat, Plonky3KoalaBear16) {
  const State expected = {1934285469, 604889435,  133449501,  1026180808, 1830659359, 176667110,
                          1391183747, 351743874,  1238264085, 1292768839, 2023573270, 1201586780,
                          1360691759, 1230682461, 748270449,  651545025};
  EXPECT_EQ(permuted<KoalaBear16Plonky3>(kPlonky3Input), expected);
}

// Plonky3/Plonky3 baby-bear/src/poseidon2.rs, test_default_babybear_poseidon2_width_16.
TEST(Poseidon2Kat, Plonky3BabyBear16) {
  const State expected = {516096821,  90309867,   1101817252, 1660784290, 360715097,  1789519026,
                          1788910906, 563338433,  319524748,  1741414159, 1650859320, 894311162,
                          1121347488, 1692793758, 1052633829, 1344246938};
  EXPECT_EQ(permuted<BabyBear16>(kPlonky3Input), expected);
}

bn254::U256 u256_from_hex(const char* hex) {
  bn254::U256 v{{0, 0, 0, 0}};
  std::string s(hex + 2);
  for (size_t i = 0; i < s.size(); ++i) {
    const size_t nib = s.size() - 1 - i;  // nibble index from the least significant end
    const char c = s[i];
    const uint64_t d = c <= '9' ? uint64_t(c - '0') : uint64_t(c - 'a' + 10);
    v.limbs[nib / 16] |= d << (4 * (nib % 16));
  }
  return v;
}

// HorizenLabs/poseidon2 plain_implementations/src/poseidon2/poseidon2.rs,
// poseidon2_tests_bn256::kats (input [0, 1, 2]), in the revision whose RC3 table SP1's
// slop/crates/bn254/src/poseidon2_rc.rs copies (earlier revisions of that file carry other
// constant tables and list other outputs, e.g. 0x30610a44... and 0x12df045f...).
TEST(Poseidon2Kat, HorizenLabsBn254Width3) {
  using P = poseidon2::Bn254x3;
  P::F s[3] = {P::F::from_u64(0), P::F::from_u64(1), P::F::from_u64(2)};
  P::permute(s, P::host_constants());
  EXPECT_EQ(s[0].to_canonical(), u256_from_hex("0x0bb61d24daca55eebcb1929a82650f328134334da98ea4f847f760054f4a3033"));
  EXPECT_EQ(s[1].to_canonical(), u256_from_hex("0x303b6f7c86d043bfcbcc80214f26a30277a15d3f74ca654992defe7ff8d03570"));
  EXPECT_EQ(s[2].to_canonical(), u256_from_hex("0x1ed25194542b12eef8617361c3ba7c52e660b145994427cc86296242cf766ec8"));
}

// ---------------------------------------------------------------------------
// An independent, textbook Poseidon2 on canonical values: dense 16x16 matrices
// built from their definitions, plain modular arithmetic in 64 bits.
struct Textbook {
  uint64_t p;
  std::array<std::array<uint64_t, 16>, 16> external{}, internal{};
  unsigned sbox_degree;
  int partial_rounds;
  const uint32_t (*initial)[16];
  const uint32_t* internal_rc;
  const uint32_t (*terminal)[16];

  uint64_t pow(uint64_t b, uint64_t e) const {
    uint64_t r = 1;
    for (b %= p; e; e >>= 1, b = b * b % p)
      if (e & 1) r = r * b % p;
    return r;
  }
  void matmul(const std::array<std::array<uint64_t, 16>, 16>& m, State& s) const {
    State out{};
    for (int i = 0; i < 16; ++i) {
      uint64_t acc = 0;
      for (int j = 0; j < 16; ++j) acc = (acc + m[i][j] * s[j]) % p;
      out[i] = uint32_t(acc);
    }
    s = out;
  }
  State permute(State s) const {
    matmul(external, s);
    for (int r = 0; r < 4; ++r) {
      for (int i = 0; i < 16; ++i) s[i] = uint32_t(pow(s[i] + uint64_t(initial[r][i]), sbox_degree));
      matmul(external, s);
    }
    for (int r = 0; r < partial_rounds; ++r) {
      s[0] = uint32_t(pow(s[0] + uint64_t(internal_rc[r]), sbox_degree));
      matmul(internal, s);
    }
    for (int r = 0; r < 4; ++r) {
      for (int i = 0; i < 16; ++i) s[i] = uint32_t(pow(s[i] + uint64_t(terminal[r][i]), sbox_degree));
      matmul(external, s);
    }
    return s;
  }

  // external = circ(2 M4, M4, M4, M4) with M4 from the Poseidon2 paper / Plonky3 MDSMat4.
  static Textbook koalabear(const std::array<int64_t, 16>& diag_numerators, uint64_t scale) {
    Textbook t;
    t.p = poseidon2::KoalaBear16::F::kP;
    t.sbox_degree = 3;
    t.partial_rounds = 20;
    t.initial = poseidon2::constants::koalabear16_initial;
    t.internal_rc = poseidon2::constants::koalabear16_internal;
    t.terminal = poseidon2::constants::koalabear16_terminal;
    const int m4[4][4] = {{2, 3, 1, 1}, {1, 2, 3, 1}, {1, 1, 2, 3}, {3, 1, 1, 2}};
    for (int i = 0; i < 16; ++i)
      for (int j = 0; j < 16; ++j) t.external[i][j] = uint64_t(m4[i % 4][j % 4] * (i / 4 == j / 4 ? 2 : 1));
    for (int i = 0; i < 16; ++i)
      for (int j = 0; j < 16; ++j) {
        const int64_t entry = 1 + (i == j ? diag_numerators[i] : 0);
        const uint64_t e = uint64_t((entry % int64_t(t.p) + int64_t(t.p)) % int64_t(t.p));
        t.internal[i][j] = e * scale % t.p;
      }
    return t;
  }
};

// SP1's internal matrix: R^-1 (J + diag(-2, 2^0, ..., 2^13, 2^15)), R = 2^32.
Textbook sp1_textbook() {
  std::array<int64_t, 16> d{-2};
  for (int i = 1; i < 15; ++i) d[i] = int64_t(1) << (i - 1);
  d[15] = int64_t(1) << 15;
  const uint64_t p = KoalaBear16::F::kP;
  Textbook probe;
  probe.p = p;
  const uint64_t r_inv = probe.pow((uint64_t(1) << 32) % p, p - 2);
  return Textbook::koalabear(d, r_inv);
}

std::vector<State> probe_states(uint32_t p, int random_count) {
  std::vector<State> v;
  v.push_back(State{});
  State ones;
  ones.fill(1);
  v.push_back(ones);
  State top;
  top.fill(p - 1);
  v.push_back(top);
  State lane0{};  // s[0] large, the rest small: lane 0's (sum - 2 s0) would underflow unsigned
  lane0[0] = p - 1;
  lane0[1] = 1;
  v.push_back(lane0);
  for (int lane = 0; lane < 16; ++lane) {
    State unit{};
    unit[lane] = 1;
    v.push_back(unit);
    unit[lane] = p - 1;
    v.push_back(unit);
  }
  std::mt19937 rng(7);
  std::uniform_int_distribution<uint32_t> dist(0, p - 1);
  for (int k = 0; k < random_count; ++k) {
    State s;
    for (auto& x : s) x = dist(rng);
    v.push_back(s);
  }
  return v;
}

// The textbook reference reproduces Plonky3's known answer when given upstream's diagonal,
// so it is trustworthy for the SP1 instance too.
TEST(Poseidon2Textbook, ReproducesPlonky3KoalaBearKnownAnswer) {
  const uint64_t p = KoalaBear16::F::kP;
  Textbook probe;
  probe.p = p;
  const uint64_t inv2 = (p + 1) / 2;
  auto frac = [&](int64_t sign, uint64_t num, unsigned log_den) {
    const uint64_t v = num * probe.pow(inv2, log_den) % p;
    return sign < 0 ? int64_t((p - v) % p) : int64_t(v);
  };
  // V = [-2, 1, 2, 1/2, 3, 4, -1/2, -3, -4, 1/2^8, 1/8, 1/2^24, -1/2^8, -1/8, -1/16, -1/2^24]
  const std::array<int64_t, 16> v = {-2,           1,           2,           frac(1, 1, 1),
                                     3,            4,           frac(-1, 1, 1), -3,
                                     -4,           frac(1, 1, 8), frac(1, 1, 3), frac(1, 1, 24),
                                     frac(-1, 1, 8), frac(-1, 1, 3), frac(-1, 1, 4), frac(-1, 1, 24)};
  const Textbook t = Textbook::koalabear(v, 1);
  EXPECT_EQ(t.permute(kPlonky3Input), permuted<KoalaBear16Plonky3>(kPlonky3Input));
  EXPECT_EQ(t.permute(kPlonky3Input)[0], 1934285469u);
}

TEST(Poseidon2Sp1KoalaBear, InternalLayerMatchesDenseMatrix) {
  const Textbook t = sp1_textbook();
  using F = KoalaBear16::F;
  for (const State& in : probe_states(F::kP, 200)) {
    F s[16];
    for (int i = 0; i < 16; ++i) s[i] = F::from_canonical(in[i]);
    KoalaBear16::internal_layer(s);
    State got, want = in;
    for (int i = 0; i < 16; ++i) got[i] = s[i].to_canonical();
    t.matmul(t.internal, want);
    ASSERT_EQ(got, want);
  }
}

TEST(Poseidon2Sp1KoalaBear, ExternalLayerMatchesDenseMatrix) {
  const Textbook t = sp1_textbook();
  using F = KoalaBear16::F;
  for (const State& in : probe_states(F::kP, 200)) {
    F s[16];
    for (int i = 0; i < 16; ++i) s[i] = F::from_canonical(in[i]);
    poseidon2::external_layer(s);
    State got, want = in;
    for (int i = 0; i < 16; ++i) got[i] = s[i].to_canonical();
    t.matmul(t.external, want);
    ASSERT_EQ(got, want);
  }
}

TEST(Poseidon2Sp1KoalaBear, PermutationMatchesTextbook) {
  const Textbook t = sp1_textbook();
  for (const State& in : probe_states(KoalaBear16::F::kP, 50)) ASSERT_EQ(permuted<KoalaBear16>(in), t.permute(in));
}

// The AVX-512 path against the portable code, on edge and random states (the
// test above already checks whichever path permute takes here against the
// textbook).
TEST(Poseidon2Sp1KoalaBear, Avx512PathEqualsPortableCode) {
  if (!poseidon2::have_avx512_koalabear16()) GTEST_SKIP() << "this CPU has no AVX-512F";
  using F = KoalaBear16::F;
  for (const State& in : probe_states(F::kP, 2000)) {
    F portable[16], vector[16];
    for (int i = 0; i < 16; ++i) portable[i] = vector[i] = F::from_canonical(in[size_t(i)]);
    poseidon2::permute_portable<KoalaBear16>(portable, poseidon2::kHostConstants<KoalaBear16>);
    poseidon2::permute_koalabear16_avx512(vector, poseidon2::kHostConstants<KoalaBear16>);
    for (int i = 0; i < 16; ++i) ASSERT_EQ(vector[i].v, portable[i].v) << "lane " << i;
  }
}

TEST(Poseidon2Sp1KoalaBear, DiffersFromUpstreamInstance) {
  EXPECT_NE(permuted<KoalaBear16>(kPlonky3Input), permuted<KoalaBear16Plonky3>(kPlonky3Input));
}

// ---------------------------------------------------------------------------
// Sponge (overwrite mode, no padding) and compressor, against direct permutations.
TEST(Poseidon2Sponge, MatchesPaddingFreeSpongeDefinition) {
  using I = KoalaBear16;
  EXPECT_EQ(poseidon2::hash_canonical<I>({}), Digest31{});  // no chunk, no permutation
  std::vector<uint32_t> in(19);
  for (size_t i = 0; i < in.size(); ++i) in[i] = uint32_t(1000 + 7 * i);
  for (size_t len : {1u, 7u, 8u, 9u, 16u, 19u}) {
    State s{};
    for (size_t c = 0; c < len; c += 8) {
      for (size_t j = c; j < std::min(len, c + 8); ++j) s[j - c] = in[j];  // overwrite, rest kept
      s = permuted<I>(s);
    }
    Digest31 want;
    std::copy(s.begin(), s.begin() + 8, want.begin());
    EXPECT_EQ(poseidon2::hash_canonical<I>(std::span<const uint32_t>(in.data(), len)), want) << "len " << len;
  }
}

TEST(Poseidon2Sponge, CompressIsTruncatedPermutation) {
  using I = BabyBear16;
  Digest31 l, r;
  for (int i = 0; i < 8; ++i) {
    l[i] = uint32_t(i * 11 + 3);
    r[i] = I::F::kP - 1 - uint32_t(i);
  }
  State s;
  std::copy(l.begin(), l.end(), s.begin());
  std::copy(r.begin(), r.end(), s.begin() + 8);
  s = permuted<I>(s);
  Digest31 want;
  std::copy(s.begin(), s.begin() + 8, want.begin());
  EXPECT_EQ(poseidon2::compress_canonical<I>(l, r), want);
}

// ---------------------------------------------------------------------------
// CpuStarkOps::poseidon2: batch and argument checks.
TEST(Poseidon2CpuOps, BatchMatchesSingleStates) {
  CpuStarkOps ops(2);
  for (Field31 f : {Field31::koalabear, Field31::babybear}) {
    const uint32_t p = poseidon2::modulus(f);
    std::vector<State> states = probe_states(p, 37);
    std::vector<uint32_t> flat;
    for (const State& s : states) flat.insert(flat.end(), s.begin(), s.end());
    ops.poseidon2(f, 16, flat);
    for (size_t k = 0; k < states.size(); ++k) {
      const State want = f == Field31::koalabear ? permuted<KoalaBear16>(states[k]) : permuted<BabyBear16>(states[k]);
      ASSERT_TRUE(std::equal(want.begin(), want.end(), flat.begin() + 16 * k)) << "state " << k;
    }
  }
}

TEST(Poseidon2CpuOps, RejectsBadArguments) {
  CpuStarkOps ops(1);
  std::vector<uint32_t> v(48, 5);
  auto code = [&](auto&& fn) {
    try {
      fn();
    } catch (const Error& e) {
      return e.code();
    }
    return ErrorCode::ok;
  };
  EXPECT_EQ(code([&] { ops.poseidon2(Field31::koalabear, 24, v); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.poseidon2(Field31::koalabear, 3, v); }), ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.poseidon2(Field31::koalabear, 16, std::span<uint32_t>(v.data(), 20)); }),
            ErrorCode::invalid_argument);
  EXPECT_EQ(code([&] { ops.poseidon2(Field31(9), 16, v); }), ErrorCode::invalid_argument);
  v[17] = KoalaBear16::F::kP;
  EXPECT_EQ(code([&] { ops.poseidon2(Field31::koalabear, 16, v); }), ErrorCode::invalid_argument);
  EXPECT_EQ(v[0], 5u);  // nothing was permuted before the check failed
  v[17] = BabyBear16::F::kP - 1;  // the largest BabyBear value is accepted, p itself is not
  EXPECT_EQ(code([&] { ops.poseidon2(Field31::babybear, 16, v); }), ErrorCode::ok);
  v[17] = BabyBear16::F::kP;
  EXPECT_EQ(code([&] { ops.poseidon2(Field31::babybear, 16, v); }), ErrorCode::invalid_argument);
}

}  // namespace
}  // namespace zkgpu
