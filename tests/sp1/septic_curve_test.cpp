// SP1's septic extension and curve (sp1/air/septic_curve.hpp): the lazily reduced
// product and square against the schoolbook product reduced term by term, the
// inverse and square root by their defining equations, and a lifted point on the
// curve, on random elements and edge coefficients (0, 1, p - 1).
#include <gtest/gtest.h>

#include <random>

#include "sp1/air/septic_curve.hpp"

namespace {

using namespace zkgpu::sp1::air;
using septic::Element;

constexpr uint32_t kP = Felt::kP;

// The product term by term: every partial product reduced, z^7 = 3z + 5 applied
// from the top.
Element schoolbook(const Element& a, const Element& b) {
  std::array<Felt, 13> t{};
  for (size_t i = 0; i < 7; ++i)
    for (size_t j = 0; j < 7; ++j) t[i + j] += a[i] * b[j];
  for (size_t i = 12; i >= 7; --i) {
    t[i - 7] += t[i] * Felt::from_canonical(5);
    t[i - 6] += t[i] * Felt::from_canonical(3);
  }
  Element r;
  for (size_t i = 0; i < 7; ++i) r[i] = t[i];
  return r;
}

std::vector<Element> samples() {
  std::mt19937_64 rng(0x5e971c);
  std::vector<Element> out;
  for (uint32_t edge : {0u, 1u, kP - 1}) {
    Element all;
    all.fill(Felt::from_canonical(edge));
    out.push_back(all);
    Element single{};
    single[6] = Felt::from_canonical(edge);
    out.push_back(single);
  }
  for (int n = 0; n < 200; ++n) {
    Element e;
    for (Felt& c : e) c = Felt::from_canonical(uint32_t(rng() % kP));
    out.push_back(e);
  }
  return out;
}

TEST(SepticExtension, ProductAndSquareEqualTheSchoolbookProduct) {
  const auto xs = samples();
  for (size_t i = 0; i < xs.size(); ++i) {
    const Element& b = xs[(i * 7 + 3) % xs.size()];
    EXPECT_EQ(septic::mul(xs[i], b), schoolbook(xs[i], b)) << "sample " << i;
    EXPECT_EQ(septic::square(xs[i]), schoolbook(xs[i], xs[i])) << "sample " << i;
  }
}

TEST(SepticExtension, InverseAndSquareRootSatisfyTheirEquations) {
  const Element one = [] {
    Element e{};
    e[0] = Felt::one();
    return e;
  }();
  size_t squares = 0;
  for (const Element& a : samples()) {
    if (septic::is_zero(a)) continue;
    EXPECT_EQ(septic::mul(a, septic::inverse(a)), one);
    const Element s = septic::square(a);
    const auto root = septic::sqrt(s);
    ASSERT_TRUE(root.has_value());
    EXPECT_EQ(septic::square(*root), s);
    if (const auto r = septic::sqrt(a)) {
      EXPECT_EQ(septic::square(*r), a);
      ++squares;
    }
  }
  EXPECT_GT(squares, 50u);  // about half of the random elements are squares
}

TEST(SepticCurve, LiftedPointsLieOnTheCurveAndSumCancels) {
  const septic::Point p = septic::global_interaction_point({1, 2, 3, 4, 5, 6, 7, 8}, true, 3);
  const septic::Point q = septic::global_interaction_point({1, 2, 3, 4, 5, 6, 7, 8}, false, 3);
  EXPECT_TRUE(septic::on_curve(p));
  EXPECT_EQ(q, septic::negate(p));
  EXPECT_FALSE(septic::add(septic::MaybePoint{p}, septic::MaybePoint{q}).has_value());
}

}  // namespace
