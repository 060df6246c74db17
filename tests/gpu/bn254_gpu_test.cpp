// CUDA BN254 (MSM G1/G2, Fr NTT, Fr arithmetic) against the CPU reference,
// bit for bit after normalisation to affine. Skips without a CUDA device.
#include <gtest/gtest.h>

#include <random>

#include "../unit/bn254_test_util.hpp"
#include "math/bn254/msm_cpu.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/msm/msm.hpp"
#include "tests/gpu/bn254_gpu_fixture.hpp"

namespace zkgpu {
namespace {

using namespace bn254;
using namespace bn254_test;

class Bn254Gpu : public gpu_test::Bn254GpuFixture {};

template <class F>
void add_edge_cases(std::vector<Affine<F>>& bases, std::vector<FrRaw>& scalars) {
  const size_t n = bases.size();
  if (n >= 3) {
    scalars[0] = FrRaw{{0, 0, 0, 0}};
    scalars[1] = r_minus(1);
    bases[2] = bases[1];
  }
  if (n >= 64) {
    bases[5] = Affine<F>::infinity();
    bases[6] = -bases[7];
    scalars[6] = scalars[7];
    for (size_t i = 10; i < 20; ++i) bases[i] = bases[9];
    for (size_t i = 20; i < 30; ++i) scalars[i] = FrRaw{{1, 0, 0, 0}};
    scalars[30] = r_minus(2);
  }
}

TEST_F(Bn254Gpu, MsmG1MatchesCpu) {
  std::mt19937_64 rng(100);
  for (size_t n : {size_t(1), size_t(2), size_t(3), size_t(100), size_t(1) << 10, size_t(1) << 13,
                   size_t(1) << 16, (size_t(1) << 16) + 17}) {
    auto bases = random_points(rng, g1_generator(), n);
    auto scalars = random_scalars(rng, n);
    add_edge_cases(bases, scalars);
    const auto expect = cpu_.msm_g1(bases, scalars).to_affine();
    EXPECT_EQ(gpu_->msm_g1(bases, scalars).to_affine(), expect) << "n=" << n;
  }
}

TEST_F(Bn254Gpu, MsmG2MatchesCpu) {
  std::mt19937_64 rng(101);
  for (size_t n : {size_t(1), size_t(3), size_t(100), size_t(1) << 10, size_t(1) << 14}) {
    auto bases = random_points(rng, g2_generator(), n);
    auto scalars = random_scalars(rng, n);
    add_edge_cases(bases, scalars);
    const auto expect = cpu_.msm_g2(bases, scalars).to_affine();
    EXPECT_EQ(gpu_->msm_g2(bases, scalars).to_affine(), expect) << "n=" << n;
  }
}

// Every window size, and skewed scalars that pile most points into one bucket
// (several reduction levels).
TEST_F(Bn254Gpu, MsmWindowSizesAndSkewedBuckets) {
  std::mt19937_64 rng(102);
  const size_t n = 5000;
  auto bases = random_points(rng, g1_generator(), n);
  auto scalars = random_scalars(rng, n);
  add_edge_cases(bases, scalars);
  std::vector<FrRaw> ones(n, FrRaw{{1, 0, 0, 0}});
  for (size_t i = 0; i < n; i += 7) ones[i] = scalars[i];
  cuda::DeviceBuffer<G1Affine> d_bases(n, stream_);
  cuda::DeviceBuffer<FrRaw> d_scalars(n, stream_), d_ones(n, stream_);
  d_bases.upload(bases);
  d_scalars.upload(scalars);
  d_ones.upload(ones);
  const auto expect = bn254_cpu::msm_pippenger<Fq>(bases, scalars, 0).to_affine();
  const auto expect_ones = bn254_cpu::msm_pippenger<Fq>(bases, ones, 0).to_affine();
  for (unsigned c = 4; c <= 18; ++c) {
    EXPECT_EQ(cuda::msm::msm<Fq>(d_bases.data(), d_scalars.data(), n, stream_, c).to_affine(), expect) << "c=" << c;
    EXPECT_EQ(cuda::msm::msm<Fq>(d_bases.data(), d_ones.data(), n, stream_, c).to_affine(), expect_ones)
        << "c=" << c;
  }
  // All 2^17 points in one bucket: 4 reduction levels.
  const size_t big = size_t(1) << 17;
  auto many = random_points(rng, g1_generator(), big);
  std::vector<FrRaw> all_ones(big, FrRaw{{1, 0, 0, 0}});
  EXPECT_EQ(gpu_->msm_g1(many, all_ones).to_affine(), cpu_.msm_g1(many, all_ones).to_affine());
  std::vector<FrRaw> zeros(big, FrRaw{{0, 0, 0, 0}});
  EXPECT_TRUE(gpu_->msm_g1(many, zeros).is_infinity());
}

TEST_F(Bn254Gpu, MsmResidentBases) {
  std::mt19937_64 rng(103);
  auto bases = random_points(rng, g1_generator(), 3000);
  auto scalars = random_scalars(rng, 3000);
  auto resident = gpu_->upload_g1(bases);
  EXPECT_EQ(resident->bytes(), 3000 * sizeof(G1Affine));
  EXPECT_EQ(gpu_->msm_g1(*resident, scalars).to_affine(), cpu_.msm_g1(bases, scalars).to_affine());
  EXPECT_EQ(gpu_->msm_g1(*resident, std::span(scalars).first(1000)).to_affine(),
            cpu_.msm_g1(std::span(bases).first(1000), std::span(scalars).first(1000)).to_affine());
  EXPECT_THROW(gpu_->msm_g2(*resident, scalars), Error);
  scalars[9] = FrParams::modulus();
  EXPECT_THROW(gpu_->msm_g1(*resident, scalars), Error);
}

TEST_F(Bn254Gpu, NttMatchesCpu) {
  std::mt19937_64 rng(104);
  for (unsigned log_n : {0u, 1u, 2u, 3u, 5u, 9u, 10u, 11u, 12u, 16u, 20u}) {
    std::vector<Fr> in(size_t(1) << log_n);
    for (auto& x : in) x = random_fr(rng);
    in[0] = -Fr::one();
    for (bool inverse : {false, true}) {
      for (bool coset : {false, true}) {
        auto a = in, b = in;
        cpu_.ntt_fr(a, inverse, coset);
        gpu_->ntt_fr(b, inverse, coset);
        EXPECT_TRUE(a == b) << "log_n=" << log_n << " inverse=" << inverse << " coset=" << coset;
      }
    }
    auto c = in;
    gpu_->ntt_fr(c, false, true);
    gpu_->ntt_fr(c, true, true);
    EXPECT_TRUE(c == in);
  }
  std::vector<Fr> bad(6);
  EXPECT_THROW(gpu_->ntt_fr(bad, false, false), Error);
}

// The fused H-step transform against the CPU's two separate transforms.
TEST_F(Bn254Gpu, NttToCosetMatchesCpu) {
  std::mt19937_64 rng(106);
  for (unsigned log_n : {0u, 1u, 4u, 10u, 15u, 21u}) {
    std::vector<Fr> in(size_t(1) << log_n);
    for (auto& x : in) x = random_fr(rng);
    auto a = in, b = in;
    cpu_.ntt_fr(a, true, false);
    cpu_.ntt_fr(a, false, true);
    gpu_->ntt_fr_to_coset(b);
    EXPECT_TRUE(a == b) << "log_n=" << log_n;
  }
  std::vector<Fr> bad(12);
  EXPECT_THROW(gpu_->ntt_fr_to_coset(bad), Error);
}

// Transfers above the staging chunk size (several chunks, a partial last one).
TEST_F(Bn254Gpu, LargeTransfersMatchCpu) {
  std::mt19937_64 rng(107);
  const size_t n = 1300001;  // 41.6 MB per operand
  auto a = random_scalars(rng, n), b = random_scalars(rng, n);
  a[n - 1] = r_minus(1);
  std::vector<FrRaw> x(n), y(n);
  cpu_.fr_arith(ArithOp::mul, a, b, x);
  gpu_->fr_arith(ArithOp::mul, a, b, y);
  EXPECT_TRUE(x == y);
}

TEST_F(Bn254Gpu, FrArithMatchesCpu) {
  std::mt19937_64 rng(105);
  auto a = random_scalars(rng, 10000), b = random_scalars(rng, 10000);
  a[0] = r_minus(1);
  b[0] = r_minus(1);
  b[1] = FrRaw{{0, 0, 0, 0}};
  for (ArithOp op : {ArithOp::add, ArithOp::sub, ArithOp::mul, ArithOp::inv}) {
    std::vector<FrRaw> x(a.size()), y(a.size());
    cpu_.fr_arith(op, a, b, x);
    gpu_->fr_arith(op, a, b, y);
    EXPECT_TRUE(x == y) << int(op);
  }
  a[3] = FrRaw{{0, 0, 0, 0}};
  std::vector<FrRaw> out(a.size());
  EXPECT_THROW(gpu_->fr_arith(ArithOp::inv, a, b, out), Error);
}

}  // namespace
}  // namespace zkgpu
