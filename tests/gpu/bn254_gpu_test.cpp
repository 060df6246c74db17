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

// One decomposition of the scalars serves MSMs over different bases and both groups.
TEST_F(Bn254Gpu, MsmDecompositionReused) {
  std::mt19937_64 rng(104);
  const size_t n = 4099;
  auto g1a = random_points(rng, g1_generator(), n), g1b = random_points(rng, g1_generator(), n);
  auto g2 = random_points(rng, g2_generator(), n);
  auto scalars = random_scalars(rng, n);
  add_edge_cases(g1a, scalars);
  cuda::DeviceBuffer<G1Affine> d_a(n, stream_), d_b(n, stream_);
  cuda::DeviceBuffer<G2Affine> d_g2(n, stream_);
  cuda::DeviceBuffer<FrRaw> d_scalars(n, stream_);
  d_a.upload(g1a);
  d_b.upload(g1b);
  d_g2.upload(g2);
  d_scalars.upload(scalars);
  const cuda::msm::Decomposition digits(d_scalars.data(), n, stream_, 9);
  EXPECT_EQ(digits.size(), n);
  EXPECT_EQ(cuda::msm::msm<Fq>(d_a.data(), digits, stream_).to_affine(), cpu_.msm_g1(g1a, scalars).to_affine());
  EXPECT_EQ(cuda::msm::msm<Fq>(d_b.data(), digits, stream_).to_affine(), cpu_.msm_g1(g1b, scalars).to_affine());
  EXPECT_EQ(cuda::msm::msm<Fq2>(d_g2.data(), digits, stream_).to_affine(), cpu_.msm_g2(g2, scalars).to_affine());
}

// Groth16's A, B1, B2: shared scalars, concurrent MSMs, the values of separate calls.
TEST_F(Bn254Gpu, MsmSharedScalarsMatchesCpu) {
  std::mt19937_64 rng(105);
  for (size_t n : {size_t(1), size_t(77), size_t(1) << 15}) {
    auto g1a = random_points(rng, g1_generator(), n + 5), g1b = random_points(rng, g1_generator(), n);
    auto g2 = random_points(rng, g2_generator(), n);
    auto scalars = random_scalars(rng, n);
    add_edge_cases(g1b, scalars);
    const auto ra = gpu_->upload_g1(g1a), rb = gpu_->upload_g1(g1b);
    const auto r2 = gpu_->upload_g2(g2);
    const ResidentBases* g1_sets[] = {ra.get(), rb.get()};
    const ResidentBases* g2_sets[] = {r2.get()};
    G1Jacobian g1_out[2];
    G2Jacobian g2_out[1];
    gpu_->msm_shared_scalars(g1_sets, g2_sets, scalars, g1_out, g2_out);
    EXPECT_EQ(g1_out[0].to_affine(), cpu_.msm_g1(std::span(g1a).first(n), scalars).to_affine()) << "n=" << n;
    EXPECT_EQ(g1_out[1].to_affine(), cpu_.msm_g1(g1b, scalars).to_affine()) << "n=" << n;
    EXPECT_EQ(g2_out[0].to_affine(), cpu_.msm_g2(g2, scalars).to_affine()) << "n=" << n;
  }
  // Bad input: more scalars than bases, a scalar >= r, an output count that differs.
  auto bases = random_points(rng, g1_generator(), 10);
  const auto resident = gpu_->upload_g1(bases);
  const ResidentBases* sets[] = {resident.get()};
  G1Jacobian out[1], too_many[2];
  auto scalars = random_scalars(rng, 11);
  EXPECT_THROW(gpu_->msm_shared_scalars(sets, {}, scalars, out, {}), Error);
  scalars.resize(10);
  EXPECT_THROW(gpu_->msm_shared_scalars(sets, {}, scalars, too_many, {}), Error);
  scalars[3] = FrParams::modulus();
  EXPECT_THROW(gpu_->msm_shared_scalars(sets, {}, scalars, out, {}), Error);
  // Nothing to sum: infinity.
  gpu_->msm_shared_scalars(sets, {}, std::span<const FrRaw>(), out, {});
  EXPECT_TRUE(out[0].is_infinity());
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

// The device's 32-bit-word field code at the values where carries and the
// final subtraction matter: 0, 1, 2, r - 1, r - 2, 2^k, all pairs.
TEST_F(Bn254Gpu, FrArithEdgePairs) {
  std::vector<FrRaw> edges = {FrRaw{{0, 0, 0, 0}}, FrRaw{{1, 0, 0, 0}}, FrRaw{{2, 0, 0, 0}}, r_minus(1), r_minus(2),
                              FrRaw{{0, 1, 0, 0}}, FrRaw{{0, 0, 0, uint64_t(1) << 61}},
                              FrRaw{{~uint64_t(0), ~uint64_t(0), ~uint64_t(0), 0}}, FrRaw{{0xffffffff, 0, 0, 0}}};
  std::vector<FrRaw> a, b;
  for (const auto& x : edges)
    for (const auto& y : edges) {
      a.push_back(x);
      b.push_back(y);
    }
  for (ArithOp op : {ArithOp::add, ArithOp::sub, ArithOp::mul}) {
    std::vector<FrRaw> x(a.size()), y(a.size());
    cpu_.fr_arith(op, a, b, x);
    gpu_->fr_arith(op, a, b, y);
    EXPECT_TRUE(x == y) << int(op);
  }
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
