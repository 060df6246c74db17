// The test powers-of-tau generator: Lagrange values against their definition
// (snarkjs's inverse FFT of the powers of tau), fixed-base products against
// plain double-and-add, and the pairing relations inside a small file.
#include <gtest/gtest.h>

#include <cstring>
#include <utility>

#include "groth16/pairing.hpp"
#include "test_ptau.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::test_ptau {
namespace {

using bn254::Fq;
using bn254::Fr;
using bn254::G1Affine;
using bn254::G1Jacobian;
using bn254::G2Affine;
using bn254::G2Jacobian;

const ToxicWaste kWaste = toxic_waste_from_seed("unit test");

// (1/n) sum_j w^(-ij) v_j: the inverse FFT snarkjs applies in prepare phase2.
std::vector<Fr> naive_inverse_fft(const std::vector<Fr>& v, unsigned log_n) {
  const std::size_t n = v.size();
  const Fr w_inv = bn254::root_of_unity(log_n).inverse();
  const Fr inv_n = Fr::from_u64(n).inverse();
  std::vector<Fr> out(n, Fr::zero());
  for (std::size_t i = 0; i < n; ++i) {
    const Fr step = w_inv.pow(uint64_t(i));
    Fr f = Fr::one();
    for (std::size_t j = 0; j < n; ++j, f = f * step) out[i] = out[i] + f * v[j];
    out[i] = out[i] * inv_n;
  }
  return out;
}

TEST(TestPtau, LagrangeMatchesInverseFftOfPowers) {
  for (unsigned log_n = 0; log_n <= 6; ++log_n) {
    const std::size_t n = std::size_t(1) << log_n;
    std::vector<Fr> powers = geometric(Fr::one(), kWaste.tau, n);
    EXPECT_EQ(lagrange_evaluations(kWaste.tau, log_n), naive_inverse_fft(powers, log_n)) << log_n;
    powers.back() = Fr::zero();
    EXPECT_EQ(lagrange_evaluations(kWaste.tau, log_n, true), naive_inverse_fft(powers, log_n)) << log_n;
  }
}

TEST(TestPtau, LagrangeSumsToOneAndInterpolates) {
  const unsigned log_n = 10;
  const std::size_t n = std::size_t(1) << log_n;
  const auto l = lagrange_evaluations(kWaste.tau, log_n);
  const auto w_pow = geometric(Fr::one(), bn254::root_of_unity(log_n), n);
  Fr sum = Fr::zero(), x = Fr::zero(), x_last = Fr::zero();
  for (std::size_t i = 0; i < n; ++i) {
    sum = sum + l[i];
    x = x + l[i] * w_pow[i];                               // interpolates f(X) = X
    x_last = x_last + l[i] * w_pow[i].pow(uint64_t(n - 1));  // f(X) = X^(n-1)
  }
  EXPECT_EQ(sum, Fr::one());
  EXPECT_EQ(x, kWaste.tau);
  EXPECT_EQ(x_last, kWaste.tau.pow(uint64_t(n - 1)));
}

TEST(TestPtau, TauInTheDomainIsRejected) {
  EXPECT_THROW(lagrange_evaluations(bn254::root_of_unity(4).pow(uint64_t(3)), 4), Error);
  EXPECT_THROW(build_ptau(3, {Fr::one(), kWaste.alpha, kWaste.beta}, 1), Error);
  EXPECT_THROW(build_ptau(0, kWaste, 1), Error);
  EXPECT_THROW(build_ptau(28, kWaste, 1), Error);
}

TEST(TestPtau, FixedBaseProductsMatchDoubleAndAdd) {
  std::vector<Fr> scalars = {Fr::zero(), Fr::one(), Fr::from_u64(4095), Fr::from_u64(4096), -Fr::one()};
  for (unsigned i = 0; i < 20; ++i) scalars.push_back(kWaste.alpha.pow(uint64_t(i + 2)));
  const auto g1 = g1_times(scalars, 3);
  const auto g2 = g2_times(scalars, 2);
  ASSERT_EQ(g1.size(), scalars.size());
  ASSERT_EQ(g2.size(), scalars.size());
  for (std::size_t i = 0; i < scalars.size(); ++i) {
    const auto k = scalars[i].to_canonical();
    EXPECT_EQ(g1[i], bn254::scalar_mul(G1Jacobian::from_affine(bn254::g1_generator()), k).to_affine()) << i;
    EXPECT_EQ(g2[i], bn254::scalar_mul(G2Jacobian::from_affine(bn254::g2_generator()), k).to_affine()) << i;
  }
  EXPECT_TRUE(g1[0].is_infinity());
  EXPECT_EQ(g1[1], bn254::g1_generator());
}

// Reads the sections of a file that build_ptau wrote.
struct Parsed {
  std::vector<std::pair<uint32_t, std::vector<uint8_t>>> sections;
  const std::vector<uint8_t>& section(uint32_t type) const {
    for (const auto& s : sections)
      if (s.first == type) return s.second;
    throw std::runtime_error("missing section");
  }
};

template <class T>
T read_le(const uint8_t* p) {
  T v = 0;
  for (std::size_t i = 0; i < sizeof(T); ++i) v |= T(p[i]) << (8 * i);
  return v;
}

Parsed parse(const std::vector<uint8_t>& f) {
  EXPECT_EQ(std::memcmp(f.data(), "ptau", 4), 0);
  EXPECT_EQ(read_le<uint32_t>(&f[4]), 1u);
  const uint32_t count = read_le<uint32_t>(&f[8]);
  Parsed p;
  std::size_t at = 12;
  for (uint32_t i = 0; i < count; ++i) {
    const uint32_t type = read_le<uint32_t>(&f[at]);
    const uint64_t size = read_le<uint64_t>(&f[at + 4]);
    at += 12;
    p.sections.emplace_back(type, std::vector<uint8_t>(f.begin() + std::ptrdiff_t(at),
                                                       f.begin() + std::ptrdiff_t(at + size)));
    at += size;
  }
  EXPECT_EQ(at, f.size());
  return p;
}

Fq read_fq(const uint8_t* p) {
  bn254::U256 v;
  for (int i = 0; i < 4; ++i) v.limbs[i] = read_le<uint64_t>(p + 8 * i);
  return Fq::from_montgomery(v);
}
G1Affine g1_at(const std::vector<uint8_t>& s, std::size_t i) {
  return {read_fq(&s[64 * i]), read_fq(&s[64 * i + 32])};
}
G2Affine g2_at(const std::vector<uint8_t>& s, std::size_t i) {
  const uint8_t* p = &s[128 * i];
  return {{read_fq(p), read_fq(p + 32)}, {read_fq(p + 64), read_fq(p + 96)}};
}

bool same_ratio(const G1Affine& a1, const G1Affine& b1, const G2Affine& a2, const G2Affine& b2) {
  // e(a1, b2) == e(b1, a2)
  return groth16::pairing(a1, b2) == groth16::pairing(b1, a2);
}

TEST(TestPtau, SmallFileHasTheSnarkjsLayoutAndPairingRelations) {
  const unsigned power = 3;
  const std::size_t n = 8;
  const Parsed f = parse(build_ptau(power, kWaste, 2));
  std::vector<uint32_t> types;
  for (const auto& s : f.sections) types.push_back(s.first);
  EXPECT_EQ(types, (std::vector<uint32_t>{1, 2, 3, 4, 5, 6, 7, 12, 13, 14, 15}));

  const auto& header = f.section(1);
  ASSERT_EQ(header.size(), 44u);
  EXPECT_EQ(read_le<uint32_t>(&header[0]), 32u);
  EXPECT_EQ(read_le<uint64_t>(&header[4]), bn254::FqParams::modulus().limbs[0]);
  EXPECT_EQ(read_le<uint32_t>(&header[36]), power);
  EXPECT_EQ(read_le<uint32_t>(&header[40]), power);

  const auto &tau1 = f.section(2), &tau2 = f.section(3), &alpha1 = f.section(4), &beta1 = f.section(5);
  ASSERT_EQ(tau1.size(), (2 * n - 1) * 64);
  ASSERT_EQ(tau2.size(), n * 128);
  ASSERT_EQ(alpha1.size(), n * 64);
  ASSERT_EQ(beta1.size(), n * 64);
  ASSERT_EQ(f.section(6).size(), 128u);
  EXPECT_EQ(f.section(7), (std::vector<uint8_t>{0, 0, 0, 0}));
  ASSERT_EQ(f.section(12).size(), ((std::size_t(2) << (power + 1)) - 1) * 64);
  ASSERT_EQ(f.section(13).size(), ((2 * n) - 1) * 128);
  ASSERT_EQ(f.section(14).size(), ((2 * n) - 1) * 64);
  ASSERT_EQ(f.section(15).size(), ((2 * n) - 1) * 64);

  const G1Affine g1 = bn254::g1_generator();
  const G2Affine g2 = bn254::g2_generator();
  EXPECT_EQ(g1_at(tau1, 0), g1);
  EXPECT_EQ(g2_at(tau2, 0), g2);
  const G2Affine tau_g2 = g2_at(tau2, 1);
  // Consecutive powers share the ratio tau, in both groups and in the alpha/beta sections.
  EXPECT_TRUE(same_ratio(g1_at(tau1, 5), g1_at(tau1, 6), g2, tau_g2));
  EXPECT_TRUE(same_ratio(g1_at(tau1, 2 * n - 3), g1_at(tau1, 2 * n - 2), g2, tau_g2));
  EXPECT_TRUE(same_ratio(g1, g1_at(tau1, 4), g2, g2_at(tau2, 4)));
  EXPECT_TRUE(same_ratio(g1_at(alpha1, 2), g1_at(alpha1, 3), g2, tau_g2));
  EXPECT_TRUE(same_ratio(g1_at(beta1, 6), g1_at(beta1, 7), g2, tau_g2));
  EXPECT_TRUE(same_ratio(g1, g1_at(beta1, 0), g2, g2_at(f.section(6), 0)));
  EXPECT_FALSE(same_ratio(g1, g1_at(alpha1, 0), g2, g2_at(f.section(6), 0)));  // alpha != beta

  // Lagrange block of the 2^p domain: sum_i L_i(tau) G = G and sum_i w^i L_i(tau) G = tau G.
  for (unsigned p = 0; p <= power; ++p) {
    const std::size_t off = (std::size_t(1) << p) - 1;
    const Fr w = bn254::root_of_unity(p);
    G1Jacobian sum1 = G1Jacobian::infinity(), x1 = G1Jacobian::infinity();
    G2Jacobian sum2 = G2Jacobian::infinity();
    G1Jacobian alpha_sum = G1Jacobian::infinity();
    for (std::size_t i = 0; i < (std::size_t(1) << p); ++i) {
      const G1Affine l = g1_at(f.section(12), off + i);
      sum1 = sum1.add_mixed(l);
      x1 = x1 + bn254::scalar_mul(G1Jacobian::from_affine(l), w.pow(uint64_t(i)).to_canonical());
      sum2 = sum2.add_mixed(g2_at(f.section(13), off + i));
      alpha_sum = alpha_sum.add_mixed(g1_at(f.section(14), off + i));
    }
    EXPECT_EQ(sum1.to_affine(), g1) << p;
    if (p > 0) {  // f(X) = X cannot be interpolated on one point
      EXPECT_EQ(x1.to_affine(), g1_at(tau1, 1)) << p;
    }
    EXPECT_EQ(sum2.to_affine(), g2) << p;
    EXPECT_EQ(alpha_sum.to_affine(), g1_at(alpha1, 0)) << p;
  }
}

}  // namespace
}  // namespace zkgpu::test_ptau
