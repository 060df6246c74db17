#include "sp1/recursion/septic.hpp"

#include <utility>

namespace zkgpu::sp1::recursion::septic {

namespace {
constexpr size_t D = kSepticDegree;
}

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

// z^7 = 3z + 5: the coefficient of z^i (i >= 7) moves 5x to z^(i-7) and 3x to z^(i-6).
Element mul(const Element& a, const Element& b) {
  std::array<Felt, 2 * D - 1> wide;
  wide.fill(Felt::zero());
  for (size_t i = 0; i < D; ++i)
    for (size_t j = 0; j < D; ++j) wide[i + j] += a[i] * b[j];
  Element r;
  for (size_t i = 0; i < D; ++i) r[i] = wide[i];
  const Felt three = Felt::from_canonical(3), five = Felt::from_canonical(5);
  for (size_t i = D; i < 2 * D - 1; ++i) {
    r[i - D] += wide[i] * five;
    r[i - D + 1] += wide[i] * three;
  }
  return r;
}

// Solves a * x = 1: column j of the multiplication matrix is a * z^j; Gauss-Jordan
// elimination over KoalaBear.
std::optional<Element> inverse(const Element& a) {
  std::array<std::array<Felt, D + 1>, D> m;
  Element basis{};
  basis.fill(Felt::zero());
  for (size_t j = 0; j < D; ++j) {
    basis.fill(Felt::zero());
    basis[j] = Felt::one();
    const Element col = mul(a, basis);
    for (size_t i = 0; i < D; ++i) m[i][j] = col[i];
  }
  for (size_t i = 0; i < D; ++i) m[i][D] = i == 0 ? Felt::one() : Felt::zero();
  for (size_t c = 0; c < D; ++c) {
    size_t pivot = c;
    while (pivot < D && m[pivot][c].is_zero()) ++pivot;
    if (pivot == D) return std::nullopt;
    std::swap(m[c], m[pivot]);
    const Felt inv = m[c][c].inverse();
    for (Felt& x : m[c]) x *= inv;
    for (size_t r = 0; r < D; ++r) {
      if (r == c || m[r][c].is_zero()) continue;
      const Felt factor = m[r][c];
      for (size_t k = 0; k <= D; ++k) m[r][k] -= factor * m[c][k];
    }
  }
  Element x;
  for (size_t i = 0; i < D; ++i) x[i] = m[i][D];
  return x;
}

std::optional<Point> add_incomplete(const Point& p, const Point& q) {
  const auto inv = inverse(sub(q.x, p.x));
  if (!inv) return std::nullopt;
  const Element slope = mul(sub(q.y, p.y), *inv);
  const Element x = sub(sub(mul(slope, slope), p.x), q.x);
  const Element y = sub(mul(slope, sub(p.x, x)), p.y);
  return Point{x, y};
}

}  // namespace zkgpu::sp1::recursion::septic
