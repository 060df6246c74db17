// A sumcheck prover for the sum over the hypercube of a * b, two multilinears given
// by their values (index bits most significant first, SP1's order), a over the
// base field or the extension, b over the extension: the jagged PCS's sumcheck of
// the dense trace against the jagged "little" polynomial (HadamardProduct in
// succinctlabs/sp1 slop/crates/jagged/src/hadamard.rs). Variables are bound from the
// LAST (least significant) one, by linear interpolation v[2i] + alpha (v[2i+1] - v[2i]);
// each round polynomial has degree 2 (three coefficients).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <vector>

#include "common/parallel_ranges.hpp"
#include "sp1/multilinear/sumcheck_prover_rounds.hpp"

namespace zkgpu::sp1::multilinear {

namespace product_detail {

inline EF mul(const EF& x, const EF& y) { return x * y; }
inline EF mul(const F& x, const EF& y) { return y.scale(x); }
inline EF lift(const EF& x) { return x; }
inline EF lift(const F& x) { return ext(x); }

// sum over pairs of (a0 + t da)(b0 + t db): [a0 b0, a0 db + da b0, da db].
template <class A>
std::vector<EF> round_poly(std::span<const A> a, std::span<const EF> b, unsigned threads) {
  const size_t half = a.size() / 2;
  std::vector<std::array<EF, 3>> partial(std::max(1u, threads), {EF::zero(), EF::zero(), EF::zero()});
  std::atomic<size_t> slot{0};
  parallel_ranges(half, threads, 4096, [&](size_t begin, size_t end) {
    std::array<EF, 3> acc{EF::zero(), EF::zero(), EF::zero()};
    for (size_t i = begin; i < end; ++i) {
      const A a0 = a[2 * i], da = a[2 * i + 1] - a[2 * i];
      const EF& b0 = b[2 * i];
      const EF db = b[2 * i + 1] - b[2 * i];
      acc[0] = acc[0] + mul(a0, b0);
      acc[1] = acc[1] + mul(a0, db) + mul(da, b0);
      acc[2] = acc[2] + mul(da, db);
    }
    auto& out = partial[slot.fetch_add(1)];
    out = acc;
  });
  std::vector<EF> poly{EF::zero(), EF::zero(), EF::zero()};
  for (const auto& p : partial)
    for (size_t k = 0; k < 3; ++k) poly[k] = poly[k] + p[k];
  return poly;
}

template <class A>
std::vector<EF> bind_last(std::span<const A> v, const EF& alpha, unsigned threads) {
  std::vector<EF> out(v.size() / 2);
  parallel_ranges(out.size(), threads, 4096, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) out[i] = lift(v[2 * i]) + mul(v[2 * i + 1] - v[2 * i], alpha);
  });
  return out;
}

}  // namespace product_detail

struct ProductSumcheckResult {
  wire::PartialSumcheckProof proof;
  EF a_eval;  // a at the proof's point
  EF b_eval;  // b at the proof's point
};

// a and b: 2^n values each (n >= 1). claimed_sum: the sum the proof states (the
// caller's claim; an honest one equals sum a * b).
template <class A, class Challenger>
ProductSumcheckResult prove_product_sumcheck(std::span<const A> a, std::vector<EF> b, const EF& claimed_sum,
                                             Challenger& challenger, unsigned threads) {
  if (a.size() != b.size() || a.size() < 2 || (a.size() & (a.size() - 1)) != 0)
    throw std::invalid_argument("product sumcheck: two equal power-of-two tables of at least 2 values");
  size_t n = 0;
  while ((size_t(1) << n) < a.size()) ++n;
  std::vector<EF> a_ext;  // a after its first binding
  ProductSumcheckResult out;
  out.proof = prove_sumcheck_rounds(
      claimed_sum, n, challenger,
      [&](size_t r) {
        return r == 0 ? product_detail::round_poly<A>(a, b, threads)
                      : product_detail::round_poly<EF>(a_ext, b, threads);
      },
      [&](const EF& alpha) {
        a_ext = a_ext.empty() ? product_detail::bind_last<A>(a, alpha, threads)
                              : product_detail::bind_last<EF>(a_ext, alpha, threads);
        b = product_detail::bind_last<EF>(b, alpha, threads);
      });
  out.a_eval = a_ext[0];
  out.b_eval = b[0];
  return out;
}

}  // namespace zkgpu::sp1::multilinear
