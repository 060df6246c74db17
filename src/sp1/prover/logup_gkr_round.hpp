// One GKR layer's sumcheck (SP1 crates/hypercube/src/logup_gkr: prove_gkr_round,
// LogupRoundPolynomial): the claim  lambda N(z) + D(z)  on a layer becomes
//   sum_x eq(z, x) * (lambda (N0 D1 + N1 D0)(x) + (D0 D1)(x)),
// N0, N1, D0, D1 the child layer at (x, 0) and (x, 1). x = (interaction, row): the
// row coordinates are bound first (they are the point's last ones), then the
// interaction coordinates. Rows beyond a column's stored ones are the padding
// fraction 0 / 1, whose pairs add eq(z, x) * 1: their share of a round is one
// minus the eq weights of the stored pairs, so padding is never materialized.
// The oracle of prove_eq_sumcheck, with G of degree 2.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "sp1/prover/logup_gkr_circuit.hpp"

namespace zkgpu::sp1::prover {

// What the padding 0 / 1 pairs add to a row round's sums (the same at t = 0, 1, 2):
// eq_int[k] times one minus the eq(row_point, .) weights of the pairs[k] stored
// pairs of real interaction k, and eq_int[k] for k past the real ones. For
// implementations that store the pairs apart from the padding (the device's).
EF gkr_padding_share(std::span<const EF> eq_int, std::span<const EF> row_point, std::span<const uint64_t> pairs);

// The rounds over the interaction coordinates, once every row coordinate is bound:
// N0, N1, D0, D1 as dense tables over the interaction coordinates still free.
class GkrInteractionRounds {
 public:
  using Tables = std::array<std::vector<EF>, 4>;
  // Each table has the same power-of-two size.
  GkrInteractionRounds(Tables dense, const EF& lambda);

  void round_sums(std::span<const EF> high, std::span<EF> q) const;
  void fix_last_variable(const EF& c);
  std::array<EF, 4> final_values() const;

 private:
  Tables dense_;
  EF lambda_;
};

class GkrRoundOracle {
 public:
  static constexpr size_t kDegree = 2;

  // `child` is the layer below the claim's (row_vars >= 2).
  GkrRoundOracle(const GkrLayer& child, size_t interaction_vars, const EF& lambda, unsigned threads = 1);

  void round_sums(std::span<const EF> high, std::span<EF> q) const;
  void fix_last_variable(const EF& c);

  // After every variable is bound: N0, N1, D0, D1 at the sumcheck's point.
  std::array<EF, 4> final_values() const;

 private:
  // N0, N1, D0, D1 of one interaction over the rows still free; rows at or above
  // the vectors' (common) size hold kFill.
  using Split = std::array<std::vector<EF>, 4>;
  static const std::array<EF, 4> kFill;

  void round_sums_rows(std::span<const EF> high, std::span<EF> q) const;

  size_t interaction_vars_;
  size_t row_vars_;       // row coordinates still free
  std::vector<Split> columns_;  // while row_vars_ > 0: one per real interaction
  std::optional<GkrInteractionRounds> dense_;  // once row_vars_ == 0
  EF lambda_;
  unsigned threads_;
};

}  // namespace zkgpu::sp1::prover
