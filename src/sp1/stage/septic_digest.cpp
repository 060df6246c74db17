#include "sp1/stage/septic_digest.hpp"

#include <cstdint>

#include "sp1/errors.hpp"

namespace zkgpu::sp1::stage {

namespace {

using wire::F;

// CURVE_CUMULATIVE_SUM_START_{X,Y} and DIGEST_SUM_START_{X,Y} (septic_digest.rs).
constexpr uint32_t kZeroX[7] = {0x1414213, 0x5623730, 0x9504880, 0x1688724, 0x2096980, 0x7856967, 0x1875376};
constexpr uint32_t kZeroY[7] = {2020310104, 1513506566, 1843922297, 2003644209, 805967281, 1882435203, 1623804682};
constexpr uint32_t kStartX[7] = {0x1732050, 0x8075688, 0x7729352, 0x7446341, 0x5058723, 0x6694280, 0x5253810};
constexpr uint32_t kStartY[7] = {1095433104, 7540207, 1124564165, 2035506693, 11121645, 102781365, 398772161};

Septic from_words(const uint32_t (&w)[7]) {
  Septic s;
  for (size_t i = 0; i < 7; ++i) s[i] = F::from_canonical(w[i]);
  return s;
}

Septic sub(const Septic& a, const Septic& b) {
  Septic r;
  for (size_t i = 0; i < 7; ++i) r[i] = a[i] - b[i];
  return r;
}
Septic neg(const Septic& a) { return sub(Septic{}, a); }

// z^7 = 3z + 5.
Septic mul(const Septic& a, const Septic& b) {
  F t[13] = {};
  for (size_t i = 0; i < 7; ++i)
    for (size_t j = 0; j < 7; ++j) t[i + j] = t[i + j] + a[i] * b[j];
  const F three = F::from_canonical(3), five = F::from_canonical(5);
  for (size_t i = 12; i >= 7; --i) {
    t[i - 7] = t[i - 7] + t[i] * five;
    t[i - 6] = t[i - 6] + t[i] * three;
  }
  Septic r;
  for (size_t i = 0; i < 7; ++i) r[i] = t[i];
  return r;
}

// a^(p^7 - 2) = a^-1 (the exponent as 8 32-bit limbs, computed once).
Septic inverse(const Septic& a) {
  bool zero = true;
  for (const F& c : a) zero = zero && c.is_zero();
  if (zero) throw Rejected("global cumulative sum: addition hits an exceptional case");
  static const std::array<uint32_t, 8> exponent = [] {
    std::array<uint32_t, 8> e{1, 0, 0, 0, 0, 0, 0, 0};
    for (int k = 0; k < 7; ++k) {
      uint64_t carry = 0;
      for (auto& limb : e) {
        const uint64_t v = uint64_t(limb) * F::kP + carry;
        limb = uint32_t(v);
        carry = v >> 32;
      }
    }
    e[0] -= 2;  // p^7 is odd and > 2: no borrow
    return e;
  }();
  Septic result{};
  result[0] = F::one();
  for (int limb = 7; limb >= 0; --limb)
    for (int bit = 31; bit >= 0; --bit) {
      result = mul(result, result);
      if ((exponent[limb] >> bit) & 1) result = mul(result, a);
    }
  return result;
}

// SepticCurve::add_incomplete.
SepticPoint add_incomplete(const SepticPoint& p, const SepticPoint& q) {
  const Septic slope = mul(sub(q.y, p.y), inverse(sub(q.x, p.x)));
  const Septic x = sub(sub(mul(slope, slope), p.x), q.x);
  const Septic y = sub(mul(slope, sub(p.x, x)), p.y);
  return {x, y};
}

SepticPoint negate(const SepticPoint& p) { return {p.x, neg(p.y)}; }

}  // namespace

SepticPoint septic_digest_zero() { return {from_words(kZeroX), from_words(kZeroY)}; }

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
