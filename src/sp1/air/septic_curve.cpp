#include "sp1/air/septic_curve.hpp"

#include <stdexcept>

#include "math/poseidon2/sponge31.hpp"

namespace zkgpu::sp1::air::septic {
namespace {

constexpr size_t D = 7;
constexpr uint32_t kP = Felt::kP;
constexpr uint32_t kSignRange = 63u << 24;  // 63 * 2^24

constexpr uint64_t kReduceBound = uint64_t(kP) << 32;

// s + x with s, x < p * 2^32, kept below p * 2^32.
inline uint64_t accumulate(uint64_t s, uint64_t x) {
  s += x;
  return s >= kReduceBound ? s - kReduceBound : s;
}

inline Felt reduce(uint64_t t) { return Felt::from_raw(Felt::reduce(uint32_t(t >> 32), uint32_t(t))); }

Element from_base(Felt c) {
  Element e{};
  e[0] = c;
  return e;
}

Element pow(Element base, uint64_t e) {
  Element r = from_base(Felt::one());
  while (e) {
    if (e & 1) r = mul(r, base);
    base = square(base);
    e >>= 1;
  }
  return r;
}

// z^(i p) and z^(i p^2) for i < 7: the Frobenius maps a -> a^p and a -> a^(p^2) on
// coefficients (a^p = sum a_i z^(i p) since a_i^p = a_i).
struct FrobeniusTables {
  std::array<Element, D> p1, p2;
  FrobeniusTables() {
    Element z{};
    z[1] = Felt::one();
    const Element zp = pow(z, kP);
    const Element zp2 = pow(zp, kP);
    p1[0] = p2[0] = from_base(Felt::one());
    for (size_t i = 1; i < D; ++i) {
      p1[i] = mul(p1[i - 1], zp);
      p2[i] = mul(p2[i - 1], zp2);
    }
  }
};

const FrobeniusTables& tables() {
  static const FrobeniusTables t;
  return t;
}

// sum_i a_i powers[i], each coefficient one unreduced sum (see mul).
Element apply(const std::array<Element, D>& powers, const Element& a) {
  std::array<uint64_t, D> t{};
  for (size_t i = 0; i < D; ++i)
    for (size_t k = 0; k < D; ++k) t[k] = accumulate(t[k], uint64_t(powers[i][k].v) * a[i].v);
  Element r;
  for (size_t k = 0; k < D; ++k) r[k] = reduce(t[k]);
  return r;
}
Element frobenius(const Element& a) { return apply(tables().p1, a); }
Element double_frobenius(const Element& a) { return apply(tables().p2, a); }

// a^(p + p^2 + ... + p^6); times a it is the norm, an element of F_p.
Element pow_r_minus_1(const Element& a) {
  const Element base = mul(frobenius(a), double_frobenius(a));  // a^(p + p^2)
  const Element base_p2 = double_frobenius(base);                // a^(p^3 + p^4)
  const Element base_p4 = double_frobenius(base_p2);             // a^(p^5 + p^6)
  return mul(mul(base, base_p2), base_p4);
}

// A square root in F_p (Tonelli-Shanks; p - 1 = 127 * 2^24), nullopt for a non-square.
std::optional<Felt> sqrt_base(Felt a) {
  if (a.is_zero()) return a;
  if (a.pow((kP - 1) / 2) != Felt::one()) return std::nullopt;
  constexpr unsigned kS = 24;
  constexpr uint64_t kQ = (kP - 1) >> kS;  // 127
  Felt z = Felt::generator();              // a non-residue (a generator of F_p*)
  Felt c = z.pow(kQ), t = a.pow(kQ), r = a.pow((kQ + 1) / 2);
  unsigned m = kS;
  while (t != Felt::one()) {
    unsigned i = 0;
    for (Felt t2 = t; t2 != Felt::one(); t2 = t2 * t2) ++i;
    Felt b = c;
    for (unsigned k = 0; k + i + 1 < m; ++k) b = b * b;
    m = i;
    c = b * b;
    t = t * c;
    r = r * b;
  }
  return r;
}

}  // namespace

Element add(const Element& a, const Element& b) {
  Element r;
  for (size_t i = 0; i < D; ++i) r[i] = a[i] + b[i];
  return r;
}

Element sub(const Element& a, const Element& b) {
  Element r;
  for (size_t i = 0; i < D; ++i) r[i] = a[i] - b[i];
  return r;
}

Element neg(const Element& a) { return sub(Element{}, a); }

// The product's coefficients t_0..t_12 accumulate as unreduced 64-bit sums of
// Montgomery-form products, each kept below p * 2^32 (any multiple of p * 2^32
// subtracted leaves the Montgomery reduction unchanged), and are reduced once
// each; then z^7 = 3z + 5 folds t_7..t_12 down (z^i = 3 z^(i-6) + 5 z^(i-7); with
// degree at most 12 nothing folds twice). The Global chip's lifts and sums spend
// most of their time here.
namespace {

Element fold_high(const std::array<uint64_t, 2 * D - 1>& t) {
  std::array<Felt, 2 * D - 1> r;
  for (size_t k = 0; k < 2 * D - 1; ++k) r[k] = reduce(t[k]);
  Element out;
  for (size_t k = 0; k < D; ++k) out[k] = r[k];
  for (size_t i = D; i < 2 * D - 1; ++i) {
    const Felt h = r[i], h2 = h + h;
    out[i - D] += h2 + h2 + h;  // 5 h
    out[i - D + 1] += h2 + h;   // 3 h
  }
  return out;
}

}  // namespace

Element mul(const Element& a, const Element& b) {
  std::array<uint64_t, 2 * D - 1> t{};
  for (size_t i = 0; i < D; ++i)
    for (size_t j = 0; j < D; ++j) t[i + j] = accumulate(t[i + j], uint64_t(a[i].v) * b[j].v);
  return fold_high(t);
}

// Each cross product once, doubled: 2 a_i a_j < 2 p^2 < p * 2^32.
Element square(const Element& a) {
  std::array<uint64_t, 2 * D - 1> t{};
  for (size_t i = 0; i < D; ++i) {
    t[2 * i] = accumulate(t[2 * i], uint64_t(a[i].v) * a[i].v);
    for (size_t j = i + 1; j < D; ++j) t[i + j] = accumulate(t[i + j], 2 * (uint64_t(a[i].v) * a[j].v));
  }
  return fold_high(t);
}

Element mul(const Element& a, Felt c) {
  Element r;
  for (size_t i = 0; i < D; ++i) r[i] = a[i] * c;
  return r;
}

bool is_zero(const Element& a) {
  for (const Felt& c : a)
    if (!c.is_zero()) return false;
  return true;
}

Element inverse(const Element& a) {
  if (is_zero(a)) throw std::domain_error("septic inverse of zero");
  const Element r1 = pow_r_minus_1(a);
  const Felt norm = mul(r1, a)[0];
  return mul(r1, norm.inverse());
}

// SP1's method: with N the norm of a, a = (a^((p+1)/2 (p + p^3 + p^5)) a)^2 / N, so
// a root is a^((p+1)/2 (p + p^3 + p^5)) a / sqrt(N); a is a square iff N is.
std::optional<Element> sqrt(const Element& a) {
  if (is_zero(a) || a == from_base(Felt::one())) return a;
  const Felt norm = mul(pow_r_minus_1(a), a)[0];
  const std::optional<Felt> root_norm = sqrt_base(norm);
  if (!root_norm) return std::nullopt;
  const Element half = pow(a, (uint64_t(kP) + 1) / 2);
  Element f = frobenius(half);                     // half^p
  Element result = f;
  f = double_frobenius(f);                         // half^(p^3)
  result = mul(result, f);
  f = double_frobenius(f);                         // half^(p^5)
  result = mul(mul(result, f), a);
  return mul(result, root_norm->inverse());
}

bool is_receive(const Element& y) {
  const uint32_t v = y[6].to_canonical();
  return 1 <= v && v <= kSignRange;
}

bool is_send(const Element& y) {
  const uint32_t v = y[6].to_canonical();
  return kP - kSignRange <= v && v <= kP - 1;
}

bool is_exception(const Element& y) { return !is_receive(y) && !is_send(y); }

Element curve_formula(const Element& x) {
  Element r = add(mul(square(x), x), mul(x, Felt::from_canonical(45)));
  r[3] += Felt::from_canonical(41);
  return r;
}

bool on_curve(const Point& p) { return square(p.y) == curve_formula(p.x); }

Point negate(const Point& p) { return {p.x, neg(p.y)}; }

namespace {
Element from_words(const uint32_t (&w)[7]) {
  Element e;
  for (size_t i = 0; i < 7; ++i) e[i] = Felt::from_canonical(w[i]);
  return e;
}
}  // namespace

Point digest_zero() {
  constexpr uint32_t x[7] = {0x1414213, 0x5623730, 0x9504880, 0x1688724, 0x2096980, 0x7856967, 0x1875376};
  constexpr uint32_t y[7] = {2020310104, 1513506566, 1843922297, 2003644209, 805967281, 1882435203, 1623804682};
  return {from_words(x), from_words(y)};
}

Point witness_dummy() {
  constexpr uint32_t x[7] = {0x2718281 + (1 << 24), 0x8284590, 0x4523536, 0x0287471, 0x3526624, 0x9775724, 0x7093699};
  constexpr uint32_t y[7] = {1250555984, 1592495468, 656721246, 420301347, 2125819749, 819876460, 17687681};
  return {from_words(x), from_words(y)};
}

Point add_incomplete(const Point& p, const Point& q) {
  const Element dx = sub(q.x, p.x);
  if (is_zero(dx)) throw std::domain_error("septic curve: incomplete addition of points with equal x");
  const Element slope = mul(sub(q.y, p.y), inverse(dx));
  const Element x = sub(sub(square(slope), p.x), q.x);
  return {x, sub(mul(slope, sub(p.x, x)), p.y)};
}

MaybePoint add(const MaybePoint& p, const MaybePoint& q) {
  if (!p) return q;
  if (!q) return p;
  Element slope;
  if (p->x != q->x) {
    slope = mul(sub(q->y, p->y), inverse(sub(q->x, p->x)));
  } else if (p->y == q->y) {
    // Tangent: (3x^2 + 45) / 2y.
    const Element num = add(mul(square(p->x), Felt::from_canonical(3)), from_base(Felt::from_canonical(45)));
    slope = mul(num, inverse(mul(p->y, Felt::from_canonical(2))));
  } else {
    return std::nullopt;
  }
  const Element x = sub(sub(square(slope), p->x), q->x);
  const Element y = sub(mul(slope, sub(p->x, x)), p->y);
  return Point{x, y};
}

Lift lift_x(const std::array<Felt, 8>& message) {
  using Perm = poseidon2::KoalaBear16;
  const auto& constants = poseidon2::kHostConstants<Perm>;
  for (unsigned offset = 0; offset < 256; ++offset) {
    Lift lift;
    for (size_t i = 0; i < 8; ++i) lift.input[i] = message[i];
    lift.input[7] += Felt::from_canonical(uint32_t(offset) << 16);
    Felt state[poseidon2::kWidth31];
    for (size_t i = 0; i < 16; ++i) state[i] = lift.input[i];
    poseidon2::permute<Perm>(state, constants);
    for (size_t i = 0; i < 16; ++i) lift.output[i] = state[i];
    Element x;
    for (size_t i = 0; i < D; ++i) x[i] = state[i];
    const std::optional<Element> y = sqrt(curve_formula(x));
    if (!y || is_exception(*y)) continue;
    lift.point = {x, is_send(*y) ? neg(*y) : *y};
    lift.offset = uint8_t(offset);
    return lift;
  }
  throw std::runtime_error("septic lift_x: no curve point after 256 offsets");
}

Point global_interaction_point(const std::array<uint32_t, 8>& message, bool is_receive, uint8_t kind) {
  std::array<Felt, 8> m;
  for (size_t i = 0; i < 8; ++i) m[i] = Felt::from_canonical(message[i]);
  m[0] += Felt::from_canonical(uint32_t(kind) << 24);
  const Point p = lift_x(m).point;
  return is_receive ? p : negate(p);
}

}  // namespace zkgpu::sp1::air::septic
