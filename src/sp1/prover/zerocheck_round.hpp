// The zerocheck's sumcheck over all chips of a shard (SP1 crates/hypercube/src/
// prover/zerocheck: ZeroCheckPoly, sum_as_poly, fix_last_variable), the polynomial
// the verifier's zerocheck.cpp evaluates at the final point:
//   sum_x eq(z, x) * sum_c lambda^(C-1-c) G_c(x),
//   G_c = fold_alpha(constraints of c at x) - padding_c * geq_c(x) + batch_c(x),
// z the GKR evaluation point; fold_alpha the Horner fold acc * alpha + constraint;
// padding_c the fold on an all-zero row (padded_row_adjustment); geq_c(x) = [x >=
// height] as a multilinear; batch_c = sum_k batch^(k+1) column_k over the main then
// preprocessed columns. On rows at or above the height the columns are zero and geq
// is one, so G_c vanishes there: each chip's sum runs over its real rows only.
// The first round reads the base-field trace as is; later rounds hold the columns
// folded into the extension field. G has degree MAX_CONSTRAINT_DEGREE = 3.
// Every G(t), t = 0..3, is computed from the rows. SP1 (sum_as_poly.rs) instead takes
// each chip's value at t = 1 from that chip's running claim and returns the zero
// polynomial for an empty chip; for a trace that satisfies its constraints both
// give the same round polynomials.
#pragma once

#include <span>
#include <vector>

#include "sp1/prover/chip_traces.hpp"

namespace zkgpu::sp1::prover {

// padding_c: the chip's constraint fold on an all-zero row.
EF zerocheck_padding(const air::MachineChip& chip, std::span<const F> public_values, const EF& alpha);
// batch^1, ..., batch^columns: the weights of the main then preprocessed columns in batch_c.
std::vector<EF> zerocheck_batch_powers(const EF& batch_challenge, size_t columns);

class ZerocheckOracle {
 public:
  static constexpr size_t kDegree = 3;

  ZerocheckOracle(std::span<const ChipTrace> chips, std::span<const F> public_values, const EF& alpha,
                  const EF& batch_challenge, const EF& lambda, unsigned threads = 1);

  void round_sums(std::span<const EF> high, std::span<EF> q) const;
  void fix_last_variable(const EF& c);

  // After every variable is bound: chip i's columns at the sumcheck's point.
  TraceEvaluations openings(size_t chip) const;
  // After every variable is bound: chip i's geq at the point (for tests).
  EF padding_indicator(size_t chip) const;

 private:
  struct ChipState {
    const air::MachineChip* chip;
    air::TraceView base;              // the trace, read in the first round
    std::vector<EF> main, prep, geq;  // later rounds: row-major, `rows` rows
    size_t rows;                      // rows stored; the others are zero (geq: one)
    EF padding;                       // the constraint fold on an all-zero row
    std::vector<EF> batch_powers;     // batch^1, batch^2, ... over main then preprocessed
  };

  template <class E>
  void chip_round_sums(const ChipState& s, std::span<const E> main, std::span<const E> prep,
                       std::span<const EF> eq_row, std::span<EF> q) const;
  template <class E>
  void fold_chip(ChipState& s, std::span<const E> main, std::span<const E> prep, const EF& c) const;

  std::vector<ChipState> chips_;
  std::span<const F> public_values_;
  EF alpha_, lambda_;
  unsigned threads_;
  bool extension_ = false;  // a variable is bound: the state is in main/prep/geq
};

}  // namespace zkgpu::sp1::prover
