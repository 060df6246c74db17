#include "groth16/pairing.hpp"

#include <array>
#include <vector>

namespace zkgpu::groth16 {

using bn254::G1Affine;
using bn254::G2Affine;
using bn254::U256;

Fq2 mul_by_xi(const Fq2& a) {
  // (a0 + a1 u)(9 + u) = (9 a0 - a1) + (a0 + 9 a1) u
  const Fq2 a8 = a.dbl().dbl().dbl();
  const Fq2 a9 = a8 + a;
  return {a9.c0 - a.c1, a9.c1 + a.c0};
}

Fq6 operator*(const Fq6& a, const Fq6& b) {
  // Karatsuba over the cubic extension (v^3 = xi): 6 Fq2 products.
  const Fq2 t0 = a.c0 * b.c0;
  const Fq2 t1 = a.c1 * b.c1;
  const Fq2 t2 = a.c2 * b.c2;
  const Fq2 c0 = mul_by_xi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2) + t0;
  const Fq2 c1 = (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + mul_by_xi(t2);
  const Fq2 c2 = (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1;
  return {c0, c1, c2};
}

Fq6 Fq6::mul_by_v() const { return {mul_by_xi(c2), c0, c1}; }

Fq6 Fq6::inverse() const {
  const Fq2 a = c0.sqr() - mul_by_xi(c1 * c2);
  const Fq2 b = mul_by_xi(c2.sqr()) - c0 * c1;
  const Fq2 c = c1.sqr() - c0 * c2;
  const Fq2 norm = c0 * a + mul_by_xi(c2 * b + c1 * c);
  const Fq2 ni = norm.inverse();
  return {a * ni, b * ni, c * ni};
}

Fq12 operator*(const Fq12& a, const Fq12& b) {
  // (a0 + a1 w)(b0 + b1 w) with w^2 = v, Karatsuba: 3 Fq6 products.
  const Fq6 t0 = a.c0 * b.c0;
  const Fq6 t1 = a.c1 * b.c1;
  return {t0 + t1.mul_by_v(), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fq12 Fq12::sqr() const {
  // Complex squaring: (c0 + c1 w)^2 = c0^2 + c1^2 v + 2 c0 c1 w, with
  // c0^2 + c1^2 v = (c0 + c1)(c0 + c1 v) - c0 c1 - c0 c1 v: 2 Fq6 products.
  const Fq6 t = c0 * c1;
  return {(c0 + c1) * (c0 + c1.mul_by_v()) - t - t.mul_by_v(), t + t};
}

Fq12 Fq12::inverse() const {
  // 1 / (c0 + c1 w) = (c0 - c1 w) / (c0^2 - c1^2 v)
  const Fq6 d = (c0 * c0 - (c1 * c1).mul_by_v()).inverse();
  return {c0 * d, -(c1 * d)};
}

Fq12 Fq12::pow(std::span<const uint64_t> e) const {
  Fq12 r = one();
  for (size_t i = e.size(); i-- > 0;) {
    for (int bit = 63; bit >= 0; --bit) {
      r = r.sqr();
      if ((e[i] >> bit) & 1) r = r * *this;
    }
  }
  return r;
}

namespace {

Fq2 pow2(const Fq2& a, const U256& e) {
  Fq2 r = Fq2::one();
  for (int i = 255; i >= 0; --i) {
    r = r.sqr();
    if (e.bit(unsigned(i))) r = r * a;
  }
  return r;
}

// Small big-integer helpers for deriving the Frobenius exponents from p.
U256 sub_small(U256 v, uint64_t s) {
  uint64_t borrow = 0;
  v.limbs[0] = bn254::detail::sbb(v.limbs[0], s, borrow);
  for (int i = 1; i < 4; ++i) v.limbs[i] = bn254::detail::sbb(v.limbs[i], 0, borrow);
  return v;
}
U256 div_small(const U256& v, uint64_t d) {
  U256 q{};
  bn254::detail::u128 rem = 0;
  for (int i = 3; i >= 0; --i) {
    const bn254::detail::u128 cur = (rem << 64) | v.limbs[i];
    q.limbs[i] = uint64_t(cur / d);
    rem = cur % d;
  }
  return q;
}

// Constants of the twist's Frobenius pi(x, y) = (conj(x) g12, conj(y) g13)
// with g12 = xi^((p-1)/3), g13 = xi^((p-1)/2), and of pi^2, whose x factor
// is g12 * conj(g12) = xi^((p^2-1)/3) (its y factor xi^((p^2-1)/2) is -1).
struct FrobeniusConstants {
  Fq2 g12, g13, g22;
  FrobeniusConstants() {
    const Fq2 xi{Fq::from_u64(9), Fq::one()};
    const U256 pm1 = sub_small(bn254::FqParams::modulus(), 1);
    g12 = pow2(xi, div_small(pm1, 3));
    g13 = pow2(xi, div_small(pm1, 2));
    g22 = g12 * g12.conjugate();
  }
};

const FrobeniusConstants& twist_frobenius() {
  static const FrobeniusConstants c;
  return c;
}

// 6x + 2 = 29793968203157093288 for the BN parameter x = 4965661367192848881:
// 65 bits, bit 64 set plus these low 64 bits.
constexpr uint64_t kAteLow = 0x9d797039be763ba8ull;

// Line through T and Q (or the tangent at T when lambda is its slope) in
// E(Fq12), evaluated at P: y_P - lambda x_P w + (lambda x_T - y_T) w^3.
Fq12 line(const Fq2& lambda, const G2Affine& t, const G1Affine& p) {
  Fq12 l{Fq6::zero(), Fq6::zero()};
  l.c0.c0 = Fq2{p.y, Fq::zero()};
  l.c1.c0 = -lambda.mul_base(p.x);
  l.c1.c1 = lambda * t.x - t.y;
  return l;
}

// T <- 2T, returning the tangent line at the old T.
Fq12 double_step(G2Affine& t, const G1Affine& p) {
  const Fq2 x2 = t.x.sqr();
  const Fq2 lambda = (x2.dbl() + x2) * t.y.dbl().inverse();
  const Fq12 l = line(lambda, t, p);
  const Fq2 x3 = lambda.sqr() - t.x.dbl();
  t = {x3, lambda * (t.x - x3) - t.y};
  return l;
}

// T <- T + Q, returning the line through the old T and Q. For points of the
// prime-order subgroup, T never equals +-Q inside the loop.
Fq12 add_step(G2Affine& t, const G2Affine& q, const G1Affine& p) {
  const Fq2 lambda = (q.y - t.y) * (q.x - t.x).inverse();
  const Fq12 l = line(lambda, t, p);
  const Fq2 x3 = lambda.sqr() - t.x - q.x;
  t = {x3, lambda * (t.x - x3) - t.y};
  return l;
}

// (p^6 + 1) / r, computed from the EIP-197 p and r; the unit tests multiply it
// back by r.
constexpr std::array<uint64_t, 20> kHardExponent = {
    0x5250a54036e3f812, 0xa5635f1596789051, 0xd1138bf54d5bd1d4, 0xa8ce2533be36c7a2,
    0x94f69f6b84e09bf6, 0x42ad1f5e50ef3644, 0x0fcc420e48c3454c, 0x758e4408ecc9952c,
    0xc901bf1887c6042c, 0xa733cd65b14bb3b5, 0xdf6d76bdcf51b0d8, 0xca64c0fd82eb59e1,
    0x1d2e5726e39276a1, 0xc2d1ea74a391cae9, 0x07409206c82d647e, 0x051c6d1aa5afdd17,
    0xb37f601919667af5, 0x150e578c5084015b, 0xfbdea556c23998e4, 0x000fd14cc52f5b83};

}  // namespace

std::span<const uint64_t> final_exponent_hard() { return kHardExponent; }

namespace {

// The Miller loops of several pairs sharing one accumulator, so the squarings
// are paid once: prod f_{6x+2,Q_i}(P_i) times their Frobenius lines. Pairs with
// a point at infinity contribute 1.
Fq12 multi_miller_loop(std::span<const std::pair<G1Affine, G2Affine>> pairs) {
  std::vector<std::pair<G1Affine, G2Affine>> live;
  for (const auto& pq : pairs)
    if (!pq.first.is_infinity() && !pq.second.is_infinity()) live.push_back(pq);
  std::vector<G2Affine> t;
  for (const auto& pq : live) t.push_back(pq.second);
  Fq12 f = Fq12::one();
  // Bits of 6x + 2 below the leading one (bit 64), most significant first.
  for (int i = 63; i >= 0; --i) {
    f = f.sqr();
    for (size_t k = 0; k < live.size(); ++k) f = f * double_step(t[k], live[k].first);
    if ((kAteLow >> i) & 1)
      for (size_t k = 0; k < live.size(); ++k) f = f * add_step(t[k], live[k].second, live[k].first);
  }
  const FrobeniusConstants& c = twist_frobenius();
  for (size_t k = 0; k < live.size(); ++k) {
    const auto& [p, q] = live[k];
    const G2Affine q1{q.x.conjugate() * c.g12, q.y.conjugate() * c.g13};
    const G2Affine q2{q.x * c.g22, q.y};  // -pi^2(Q)
    f = f * add_step(t[k], q1, p);
    f = f * add_step(t[k], q2, p);
  }
  return f;
}

}  // namespace

Fq12 miller_loop(const G1Affine& p, const G2Affine& q) {
  const std::pair<G1Affine, G2Affine> pair[1] = {{p, q}};
  return multi_miller_loop(pair);
}

Fq12 final_exponentiation(const Fq12& f) {
  // Easy part f^(p^6 - 1) = conj(f) / f, then the rest (p^6 + 1) / r.
  const Fq12 easy = f.conjugate() * f.inverse();
  return easy.pow(kHardExponent);
}

Fq12 pairing(const G1Affine& p, const G2Affine& q) { return final_exponentiation(miller_loop(p, q)); }

Fq12 frobenius(const Fq12& a) {
  // With Fq12 = Fq2[w] / (w^6 - xi), a = sum a_i w^i maps to
  // sum conj(a_i) gamma_i w^i, gamma_i = xi^(i (p - 1) / 6). In the tower,
  // c0 = (a_0, a_2, a_4) and c1 = (a_1, a_3, a_5).
  static const std::array<Fq2, 6> gamma = [] {
    const Fq2 xi{Fq::from_u64(9), Fq::one()};
    const Fq2 g1 = pow2(xi, div_small(sub_small(bn254::FqParams::modulus(), 1), 6));
    std::array<Fq2, 6> g{Fq2::one()};
    for (size_t i = 1; i < 6; ++i) g[i] = g[i - 1] * g1;
    return g;
  }();
  return {{a.c0.c0.conjugate(), a.c0.c1.conjugate() * gamma[2], a.c0.c2.conjugate() * gamma[4]},
          {a.c1.c0.conjugate() * gamma[1], a.c1.c1.conjugate() * gamma[3], a.c1.c2.conjugate() * gamma[5]}};
}

namespace {

// a^x for the BN parameter x = 4965661367192848881 (square and multiply).
Fq12 pow_x(const Fq12& a) {
  constexpr uint64_t x = 4965661367192848881ull;
  Fq12 r = a;
  for (int bit = 61; bit >= 0; --bit) {  // x has 63 bits: start below the top one
    r = r.sqr();
    if ((x >> bit) & 1) r = r * a;
  }
  return r;
}

}  // namespace

Fq12 final_exponentiation_fkr(const Fq12& f) {
  // Easy part: f^((p^6 - 1)(p^2 + 1)); afterwards conjugation is inversion.
  const Fq12 f1 = f.conjugate() * f.inverse();
  const Fq12 e = frobenius(frobenius(f1)) * f1;
  // Hard part (the chain as wasmcurves writes it; z = x):
  const Fq12 a = pow_x(e).conjugate();           // e^-z
  const Fq12 b = a.sqr();                        // e^-2z
  const Fq12 d = b.sqr() * b;                    // e^-6z
  const Fq12 ee = pow_x(d).conjugate();          // e^6z^2
  const Fq12 g = pow_x(ee.sqr()).conjugate();    // e^-12z^3
  const Fq12 k = g.conjugate() * ee * d.conjugate();  // e^(12z^3 + 6z^2 + 6z)
  const Fq12 l = k * b;                          // e^(12z^3 + 6z^2 + 4z)
  const Fq12 n = k * ee * e;                     // e^(12z^3 + 12z^2 + 6z + 1)
  const Fq12 t = e.conjugate() * l;              // e^(12z^3 + 6z^2 + 4z - 1)
  return frobenius(frobenius(frobenius(t))) * frobenius(frobenius(k)) * frobenius(l) * n;
}

Fq12 snarkjs_pairing(const G1Affine& p, const G2Affine& q) { return final_exponentiation_fkr(miller_loop(p, q)); }

bool pairing_product_is_one(std::span<const std::pair<G1Affine, G2Affine>> pairs) {
  return final_exponentiation_fkr(multi_miller_loop(pairs)).is_one();
}

}  // namespace zkgpu::groth16
