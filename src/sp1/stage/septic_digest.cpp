#include "sp1/stage/septic_digest.hpp"

#include <cstdint>

#include "sp1/air/septic_curve.hpp"
#include "sp1/errors.hpp"

namespace zkgpu::sp1::stage {

namespace {

using wire::F;

// DIGEST_SUM_START_{X,Y} (septic_digest.rs).
constexpr uint32_t kStartX[7] = {0x1732050, 0x8075688, 0x7729352, 0x7446341, 0x5058723, 0x6694280, 0x5253810};
constexpr uint32_t kStartY[7] = {1095433104, 7540207, 1124564165, 2035506693, 11121645, 102781365, 398772161};

Septic from_words(const uint32_t (&w)[7]) {
  Septic s;
  for (size_t i = 0; i < 7; ++i) s[i] = F::from_canonical(w[i]);
  return s;
}

namespace septic = air::septic;

// SepticCurve::add_incomplete; the exceptional case (equal x) is a rejection here.
SepticPoint add_incomplete(const SepticPoint& p, const SepticPoint& q) {
  if (septic::is_zero(septic::sub(q.x, p.x))) throw Rejected("global cumulative sum: addition hits an exceptional case");
  const septic::Point r = septic::add_incomplete({p.x, p.y}, {q.x, q.y});
  return {r.x, r.y};
}

SepticPoint negate(const SepticPoint& p) { return {p.x, septic::neg(p.y)}; }

}  // namespace

SepticPoint septic_digest_zero() {
  const air::septic::Point zero = air::septic::digest_zero();
  return {zero.x, zero.y};
}

SepticPoint septic_point(std::span<const F> xy) {
  SepticPoint p;
  for (size_t i = 0; i < 7; ++i) {
    p.x[i] = xy[i];
    p.y[i] = xy[7 + i];
  }
  return p;
}

SepticPoint sum_septic_digests(std::span<const SepticPoint> digests) {
  if (digests.empty()) return septic_digest_zero();
  const SepticPoint start{from_words(kStartX), from_words(kStartY)};
  const SepticPoint neg_zero = negate(septic_digest_zero());
  SepticPoint acc = start;
  for (size_t i = 0; i < digests.size(); ++i) {
    acc = add_incomplete(acc, digests[i]);
    if (i + 1 != digests.size()) acc = add_incomplete(acc, neg_zero);
  }
  return add_incomplete(acc, negate(start));
}

}  // namespace zkgpu::sp1::stage
