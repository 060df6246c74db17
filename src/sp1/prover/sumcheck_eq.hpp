// The eq polynomial as the provers use it (conventions of sp1/multilinear/eq.hpp:
// a point's first coordinate is the most significant bit of a row index). A
// sumcheck over eq(z, x) * G(x) binds x's LAST coordinate first (SP1's
// fix_last_variable; the verifier prepends each challenge to the point), so the
// provers keep eq(z, .) factored: a scalar for the bound coordinates, the linear
// factor of the current one, and a table over the remaining high coordinates.
#pragma once

#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

// The first `len` entries of partial_lagrange(point): eq(point, b) for the indices
// b < len. Only the entries below `len` are computed, so a table over a chip's
// real rows costs its height, not the hypercube's size.
inline std::vector<EF> eq_prefix(std::span<const EF> point, size_t len) {
  const size_t n = point.size();
  if (n >= 63 || len > (size_t(1) << n)) throw std::invalid_argument("eq_prefix: more entries than the hypercube");
  if (len == 0) return {};
  std::vector<EF> evals{EF::one()}, next;
  for (size_t k = 0; k < n; ++k) {
    const size_t shift = n - 1 - k;  // index bits still to add after this coordinate
    const size_t want = (len + (size_t(1) << shift) - 1) >> shift;
    next.resize(want);
    for (size_t i = 0; i < want; ++i) {
      const EF hi = evals[i / 2] * point[k];
      next[i] = (i & 1) ? hi : evals[i / 2] - hi;
    }
    evals.swap(next);
  }
  return evals;
}

// eq(z, c) in one coordinate: (1 - z)(1 - c) + z c.
inline EF eq1(const EF& z, const EF& c) {
  const EF zc = z * c;
  return zc + zc + EF::one() - z - c;
}

// The sum of eq(point, b) over the indices b < p (prefix_sums(eq_prefix(point, .))[p])
// in O(dimension): the indices below p that agree with p above a set bit of p and
// have a 0 there form a subcube, over whose free low bits eq sums to one.
inline EF eq_prefix_sum(std::span<const EF> point, size_t p) {
  const size_t n = point.size();
  if (n >= 63) throw std::invalid_argument("eq_prefix_sum: dimension too large");
  if (p >= (size_t(1) << n)) return EF::one();
  EF acc = EF::zero(), prefix = EF::one();  // prefix: eq over the bits above k, p's values
  for (size_t k = 0; k < n; ++k) {
    if ((p >> (n - 1 - k)) & 1) {
      acc = acc + prefix * (EF::one() - point[k]);
      prefix = prefix * point[k];
    } else {
      prefix = prefix * (EF::one() - point[k]);
    }
  }
  return acc;
}

// sums[p] = sum of table[0..p), for p = 0..table.size().
inline std::vector<EF> prefix_sums(std::span<const EF> table) {
  std::vector<EF> sums(table.size() + 1, EF::zero());
  for (size_t i = 0; i < table.size(); ++i) sums[i + 1] = sums[i] + table[i];
  return sums;
}

}  // namespace zkgpu::sp1::prover
