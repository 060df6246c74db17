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

// Where the tables live: round_poly sums over the pairs (2i, 2i + 1) of
// (a0 + t da)(b0 + t db), giving [sum a0 b0, sum a0 db + da b0, sum da db];
// bind_last binds the last variable; values gives a and b once all are bound.
class ProductSumcheckOracle {
 public:
  virtual ~ProductSumcheckOracle() = default;
  virtual std::vector<EF> round_poly() = 0;
  virtual void bind_last(const EF& alpha) = 0;
  virtual std::array<EF, 2> values() const = 0;
};

// The tables in host memory, a over A (F or EF) until its first binding.
template <class A>
class HostProductOracle final : public ProductSumcheckOracle {
 public:
  // a and b: 2^n values each (n >= 1).
  HostProductOracle(std::vector<A> a, std::vector<EF> b, unsigned threads)
      : a_(std::move(a)), b_(std::move(b)), threads_(threads) {
    if (a_.size() != b_.size() || a_.size() < 2 || (a_.size() & (a_.size() - 1)) != 0)
      throw std::invalid_argument("product sumcheck: two equal power-of-two tables of at least 2 values");
  }
  std::vector<EF> round_poly() override {
    return a_ext_.empty() ? product_detail::round_poly<A>(a_, b_, threads_)
                          : product_detail::round_poly<EF>(a_ext_, b_, threads_);
  }
  void bind_last(const EF& alpha) override {
    if (a_ext_.empty()) {
      a_ext_ = product_detail::bind_last<A>(a_, alpha, threads_);
      a_ = {};
    } else {
      a_ext_ = product_detail::bind_last<EF>(a_ext_, alpha, threads_);
    }
    b_ = product_detail::bind_last<EF>(b_, alpha, threads_);
  }
  std::array<EF, 2> values() const override { return {a_ext_.at(0), b_.at(0)}; }

 private:
  std::vector<A> a_;       // until the first binding
  std::vector<EF> a_ext_;  // after it
  std::vector<EF> b_;
  unsigned threads_;
};

struct ProductSumcheckResult {
  wire::PartialSumcheckProof proof;
  EF a_eval;  // a at the proof's point
  EF b_eval;  // b at the proof's point
};

// The tables have 2^n values each (n >= 1). claimed_sum: the sum the proof states
// (the caller's claim; an honest one equals sum a * b).
template <class Challenger>
ProductSumcheckResult prove_product_sumcheck(ProductSumcheckOracle& oracle, size_t n, const EF& claimed_sum,
                                             Challenger& challenger) {
  if (n == 0) throw std::invalid_argument("product sumcheck: no variables");
  ProductSumcheckResult out;
  out.proof = prove_sumcheck_rounds(
      claimed_sum, n, challenger, [&](size_t) { return oracle.round_poly(); },
      [&](const EF& alpha) { oracle.bind_last(alpha); });
  const auto [a, b] = oracle.values();
  out.a_eval = a;
  out.b_eval = b;
  return out;
}

}  // namespace zkgpu::sp1::multilinear
