// Multilinear helpers and the sumcheck check, against definitions and an honest
// sumcheck prover written here.
#include <gtest/gtest.h>

#include <random>
#include <vector>

#include "sp1/multilinear/eq.hpp"
#include "sp1/multilinear/sumcheck.hpp"
#include "sp1/multilinear/univariate.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"

namespace {

using namespace zkgpu;
using namespace zkgpu::sp1::multilinear;
using sp1::EF;
using sp1::F;
using sp1::Rejected;

struct Rng {
  std::mt19937_64 gen{12345};
  F base() { return F::from_canonical(uint32_t(gen() % F::kP)); }
  EF ext() { return EF{{base(), base(), base(), base()}}; }
  std::vector<EF> exts(size_t n) {
    std::vector<EF> v(n);
    for (EF& x : v) x = ext();
    return v;
  }
};

TEST(Multilinear, PartialLagrangeIsEqAtEveryVertexBigEndian) {
  Rng rng;
  const std::vector<EF> p = rng.exts(4);
  const std::vector<EF> eq = partial_lagrange<EF>(p);
  ASSERT_EQ(eq.size(), 16u);
  for (uint64_t i = 0; i < 16; ++i) {
    const std::vector<EF> b = point_from_usize<EF>(i, 4);
    EXPECT_EQ(eq[i], eq_eval<EF>(b, p)) << i;
  }
  // Index 1 is the vertex (0, 0, 0, 1): the last coordinate is the least significant bit.
  EXPECT_EQ(eq[1], (EF::one() - p[0]) * (EF::one() - p[1]) * (EF::one() - p[2]) * p[3]);
}

TEST(Multilinear, MleEvalInterpolatesTheVertices) {
  Rng rng;
  const std::vector<EF> values = rng.exts(8);
  for (uint64_t i = 0; i < 8; ++i) EXPECT_EQ(mle_eval<EF>(values, point_from_usize<EF>(i, 3)), values[i]);
  // Linear in each coordinate: f(t) = (1 - t) f(0) + t f(1) on the first coordinate.
  std::vector<EF> p = rng.exts(3);
  const EF t = p[0];
  p[0] = EF::zero();
  const EF f0 = mle_eval<EF>(values, p);
  p[0] = EF::one();
  const EF f1 = mle_eval<EF>(values, p);
  p[0] = t;
  EXPECT_EQ(mle_eval<EF>(values, p), (EF::one() - t) * f0 + t * f1);
}

TEST(Multilinear, MleEvalPadsWithZerosAndRejectsOverflow) {
  Rng rng;
  std::vector<EF> values = rng.exts(5);
  const std::vector<EF> p = rng.exts(3);
  const EF short_eval = mle_eval<EF>(values, p);
  values.resize(8, EF::zero());
  EXPECT_EQ(short_eval, mle_eval<EF>(values, p));
  values.push_back(EF::one());
  EXPECT_THROW(mle_eval<EF>(values, p), std::invalid_argument);
}

TEST(Multilinear, FullGeqAtVerticesComparesIntegers) {
  for (uint64_t x = 0; x < 16; ++x)
    for (uint64_t y = 0; y < 16; ++y) {
      const F g = full_geq<F>(point_from_usize<F>(x, 4), point_from_usize<F>(y, 4));
      EXPECT_EQ(g, y >= x ? F::one() : F::zero()) << x << " " << y;
    }
}

TEST(Multilinear, FullGeqIsMultilinearInThePoint) {
  Rng rng;
  const std::vector<F> threshold = point_from_usize<F>(5, 3);
  std::vector<EF> thr(3);
  for (int i = 0; i < 3; ++i) thr[i] = sp1::ext(threshold[i]);
  std::vector<EF> vertex_values(8);
  for (uint64_t y = 0; y < 8; ++y) vertex_values[y] = y >= 5 ? EF::one() : EF::zero();
  const std::vector<EF> p = rng.exts(3);
  EXPECT_EQ(full_geq<EF>(thr, p), mle_eval<EF>(vertex_values, p));
}

TEST(Univariate, HornerAndSumOverZeroOne) {
  const std::vector<F> c = {F::from_canonical(3), F::from_canonical(5), F::from_canonical(7)};
  EXPECT_EQ(eval_univariate<F>(c, F::from_canonical(2)), F::from_canonical(3 + 10 + 28));
  EXPECT_EQ(eval_zero_plus_one<F>(c), F::from_canonical(3 + 3 + 5 + 7));
  EXPECT_EQ(eval_zero_plus_one<F>(std::span<const F>{}), F::zero());
}

// ---------------------------------------------------------------------------
// An honest prover for sum_x a(x) b(x) in SP1's order: the last coordinate (least
// significant bit) is bound first, each round polynomial has degree 2.

template <class Challenger>
PartialSumcheckProof prove_product(std::vector<EF> a, std::vector<EF> b, Challenger& ch) {
  PartialSumcheckProof proof;
  EF sum = EF::zero();
  for (size_t i = 0; i < a.size(); ++i) sum = sum + a[i] * b[i];
  proof.claimed_sum = sum;
  std::vector<EF> challenges;
  const EF two = EF::one() + EF::one();
  const EF inv2 = two.inverse();
  while (a.size() > 1) {
    EF e0 = EF::zero(), e1 = EF::zero(), e2 = EF::zero();
    for (size_t i = 0; i < a.size() / 2; ++i) {
      const EF a0 = a[2 * i], a1 = a[2 * i + 1], b0 = b[2 * i], b1 = b[2 * i + 1];
      e0 = e0 + a0 * b0;
      e1 = e1 + a1 * b1;
      e2 = e2 + (a1 + a1 - a0) * (b1 + b1 - b0);
    }
    // Coefficients of the quadratic through (0, e0), (1, e1), (2, e2).
    const EF c2 = (e2 - e1 - e1 + e0) * inv2;
    const EF c1 = e1 - e0 - c2;
    proof.univariate_polys.push_back({e0, c1, c2});
    ch.observe_ext_slice(proof.univariate_polys.back());
    const EF alpha = ch.sample_ext();
    challenges.push_back(alpha);
    for (size_t i = 0; i < a.size() / 2; ++i) {
      a[i] = a[2 * i] + alpha * (a[2 * i + 1] - a[2 * i]);
      b[i] = b[2 * i] + alpha * (b[2 * i + 1] - b[2 * i]);
    }
    a.resize(a.size() / 2);
    b.resize(b.size() / 2);
  }
  proof.point.assign(challenges.rbegin(), challenges.rend());
  proof.eval = a[0] * b[0];
  return proof;
}

template <class Challenger>
void check_honest_and_tampered() {
  Rng rng;
  const size_t n = 5;
  const std::vector<EF> a = rng.exts(size_t(1) << n), b = rng.exts(size_t(1) << n);
  Challenger pc;
  const PartialSumcheckProof proof = prove_product(a, b, pc);
  // The final claim is the product of the two MLEs at the point.
  EXPECT_EQ(proof.eval, mle_eval<EF>(a, proof.point) * mle_eval<EF>(b, proof.point));
  {
    Challenger vc;
    EXPECT_NO_THROW(verify_partial_sumcheck(proof, vc, n, 2, "test"));
    // Both transcripts end in the same state.
    EXPECT_EQ(vc.sample(), pc.sample());
  }
  for (size_t r = 0; r < n; ++r)
    for (size_t k = 0; k < 3; ++k) {
      PartialSumcheckProof bad = proof;
      bad.univariate_polys[r][k] = bad.univariate_polys[r][k] + EF::one();
      Challenger vc;
      EXPECT_THROW(verify_partial_sumcheck(bad, vc, n, 2, "test"), Rejected) << r << " " << k;
    }
  const auto expect_reject = [&](PartialSumcheckProof bad, size_t vars, size_t degree, const char* what) {
    Challenger vc;
    try {
      verify_partial_sumcheck(bad, vc, vars, degree, "test");
      ADD_FAILURE() << what << ": accepted";
    } catch (const Rejected& e) {
      EXPECT_NE(std::string(e.what()).find("test: sumcheck"), std::string::npos) << e.what();
    }
  };
  PartialSumcheckProof bad = proof;
  bad.claimed_sum = bad.claimed_sum + EF::one();
  expect_reject(bad, n, 2, "claimed sum");
  bad = proof;
  bad.eval = bad.eval + EF::one();
  expect_reject(bad, n, 2, "eval");
  bad = proof;
  bad.point[0] = bad.point[0] + EF::one();
  expect_reject(bad, n, 2, "point");
  expect_reject(proof, n + 1, 2, "variables");
  expect_reject(proof, n, 3, "degree");
  bad = proof;
  bad.univariate_polys.pop_back();
  bad.point.pop_back();
  expect_reject(bad, n - 1, 2, "short proof with matching expectation still fails its final check");
}

TEST(Sumcheck, HonestProofVerifiesAndEveryTamperIsRejectedInner) {
  check_honest_and_tampered<sp1::transcript::DuplexChallenger>();
}
TEST(Sumcheck, HonestProofVerifiesAndEveryTamperIsRejectedOuter) {
  check_honest_and_tampered<sp1::transcript::MultiFieldChallenger>();
}

}  // namespace
