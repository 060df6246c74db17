// Multilinear helpers in SP1's conventions (succinctlabs/sp1 slop/crates/multilinear):
// a point's FIRST coordinate is the MOST significant bit of a hypercube index
// (Point::from_usize, partial_lagrange). Templates over any field type with zero(),
// one(), +, -, * (KoalaBear or its extension).
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <vector>

namespace zkgpu::sp1::multilinear {

// The dimension of the smallest hypercube holding n values (log2_ceil_usize;
// 0 for n <= 1).
inline size_t log2_ceil(uint64_t n) { return n <= 1 ? 0 : size_t(std::bit_width(n - 1)); }

// eq(a, b) = prod_i (a_i b_i + (1 - a_i)(1 - b_i)) (Mle::full_lagrange_eval).
template <class T>
T eq_eval(std::span<const T> a, std::span<const T> b) {
  if (a.size() != b.size()) throw std::invalid_argument("eq_eval: points of different dimensions");
  T acc = T::one();
  for (size_t i = 0; i < a.size(); ++i) {
    const T prod = a[i] * b[i];
    acc = acc * (prod + prod + T::one() - a[i] - b[i]);
  }
  return acc;
}

// eq(point, b) for every b in {0,1}^n, index big-endian in the point (partial_lagrange):
// out[i] = prod_k (bit_k(i) ? p_k : 1 - p_k), bit_k the (n-1-k)-th bit of i.
template <class T>
std::vector<T> partial_lagrange(std::span<const T> point) {
  std::vector<T> evals{T::one()};
  evals.reserve(size_t(1) << point.size());
  for (const T& p : point) {
    std::vector<T> next(evals.size() * 2);
    for (size_t i = 0; i < evals.size(); ++i) {
      const T hi = evals[i] * p;
      next[2 * i] = evals[i] - hi;
      next[2 * i + 1] = hi;
    }
    evals = std::move(next);
  }
  return evals;
}

// The multilinear extension of `values` (zero beyond their end) at `point`. More
// values than the hypercube holds is an error.
template <class T>
T mle_eval(std::span<const T> values, std::span<const T> point) {
  if (point.size() >= 63 || values.size() > (uint64_t(1) << point.size()))
    throw std::invalid_argument("mle_eval: more values than the point's hypercube holds");
  const std::vector<T> eq = partial_lagrange(point);
  T acc = T::zero();
  for (size_t i = 0; i < values.size(); ++i) acc = acc + values[i] * eq[i];
  return acc;
}

// The bits of `num` as a point of dimension `dim`, most significant first
// (Point::from_usize).
template <class T>
std::vector<T> point_from_usize(uint64_t num, size_t dim) {
  std::vector<T> p(dim);
  for (size_t i = 0; i < dim; ++i) p[i] = ((num >> (dim - 1 - i)) & 1) ? T::one() : T::zero();
  return p;
}

// The multilinear extension of [y >= x] over pairs of bit strings (full_geq),
// folded from the least significant coordinate up: at boolean points it is 1 when
// the integer of `point` is at least that of `threshold`.
template <class T>
T full_geq(std::span<const T> threshold, std::span<const T> point) {
  if (threshold.size() != point.size()) throw std::invalid_argument("full_geq: points of different dimensions");
  T acc = T::one();
  for (size_t k = threshold.size(); k-- > 0;) {
    const T& x = threshold[k];
    const T& y = point[k];
    acc = ((T::one() - y) * (T::one() - x) + y * x) * acc + y * (T::one() - x);
  }
  return acc;
}

}  // namespace zkgpu::sp1::multilinear
