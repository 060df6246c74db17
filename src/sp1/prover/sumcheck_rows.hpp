// What one device thread computes for one row (or pair of rows) of a chip in the
// LogUp-GKR's first layer and in a zerocheck round, as host and device code
// (math/hd.hpp): the kernels are loops around these, and the CPU tests run them
// against the reference oracles (logup_gkr_circuit.cpp, zerocheck_round.cpp).
#pragma once

#include <cstdint>

#include "math/hd.hpp"
#include "sp1/air/row_program.hpp"
#include "sp1/prover/sumcheck_terms.hpp"

namespace zkgpu::sp1::prover::rows {

using terms::Ef;
using terms::Fe;

// A chip's compiled program as the kernels receive it (pointers into one upload).
struct ChipCode {
  const air::RowInstr* code;
  uint32_t count;
  const air::RowInteraction* interactions;
  uint32_t num_interactions;
  const uint32_t* value_slots;
};

// A public value (index past the shard's: 0, as ProgramRunner).
ZK_HD Fe public_value(const Fe* pv, uint32_t num_pv, uint32_t i) { return i < num_pv ? pv[i] : Fe::zero(); }

// The GKR leaves of one trace row: for each interaction k of the chip,
// num[k * stride] and den[k * stride] (stride: the chip's height, so column k of
// the layer holds row r at k * stride + r when num, den point at row r).
ZK_HD void gkr_leaf_row(const ChipCode& c, Fe* slots, const Fe* main_row, const Fe* prep_row, const Fe* pv,
                        uint32_t num_pv, const Ef& alpha, const Ef* betas, Ef* num, Ef* den, uint64_t stride) {
  auto leaf = [&](uint32_t op, uint32_t a) -> Fe {
    return op == air::kRowMain ? main_row[a] : op == air::kRowPreprocessed ? prep_row[a] : public_value(pv, num_pv, a);
  };
  (void)air::row::run<Fe>(c.code, c.count, slots, leaf, nullptr);
  for (uint32_t k = 0; k < c.num_interactions; ++k)
    air::row::fraction<Fe>(c.interactions[k], c.value_slots, slots, alpha, betas, num[k * stride], den[k * stride]);
}

// A zerocheck round's inputs for one chip besides its code: the constraint
// weights (fold_weights), batch^1.. over main then preprocessed columns, the fold
// on an all-zero row.
struct ZerocheckChip {
  const Ef* weights;
  const Ef* batch_powers;
  Ef padding;
  uint32_t width, prep_width;
};

// One pair of rows (lo = row 2j, hi = row 2j + 1; hi null past the height, whose
// columns are zero and whose geq is one) of a zerocheck round at t (0..3):
//   eq * G(t),  G = fold_alpha(constraints) - padding * geq + batch,
// at the row the columns' lines give at t. E = Fe in the first round (geq is zero
// on every real row then), Ef later. The kernels give each (pair, t) a thread of
// its own: a small round's latency is then one program run, not four.
template <class E>
ZK_HD Ef zerocheck_point(const ChipCode& c, const ZerocheckChip& z, E* slots, const E* main_lo, const E* main_hi,
                         const E* prep_lo, const E* prep_hi, const Ef& geq_lo, const Ef& geq_hi, const Fe* pv,
                         uint32_t num_pv, const Ef& eq, uint32_t t) {
  const E zero = air::row::embed<E>(Fe::zero());
  const Fe ft = Fe::from_canonical(t);
  auto at = [&](const E* lo, const E* hi, uint32_t col) { return terms::lerp(lo[col], hi ? hi[col] : zero, ft); };
  auto leaf = [&](uint32_t op, uint32_t a) -> E {
    if (op == air::kRowMain) return at(main_lo, main_hi, a);
    if (op == air::kRowPreprocessed) return at(prep_lo, prep_hi, a);
    return air::row::embed<E>(public_value(pv, num_pv, a));
  };
  Ef g = air::row::run<E>(c.code, c.count, slots, leaf, z.weights);
  g = g - z.padding * terms::lerp(geq_lo, geq_hi, ft);
  for (uint32_t col = 0; col < z.width; ++col) g = g + terms::weigh(z.batch_powers[col], at(main_lo, main_hi, col));
  for (uint32_t col = 0; col < z.prep_width; ++col)
    g = g + terms::weigh(z.batch_powers[z.width + col], at(prep_lo, prep_hi, col));
  return eq * g;
}

// The pair's four points added to acc[t].
template <class E>
ZK_HD void zerocheck_pair(const ChipCode& c, const ZerocheckChip& z, E* slots, const E* main_lo, const E* main_hi,
                          const E* prep_lo, const E* prep_hi, const Ef& geq_lo, const Ef& geq_hi, const Fe* pv,
                          uint32_t num_pv, const Ef& eq, Ef (&acc)[4]) {
  for (uint32_t t = 0; t < 4; ++t)
    acc[t] = acc[t] + zerocheck_point<E>(c, z, slots, main_lo, main_hi, prep_lo, prep_hi, geq_lo, geq_hi, pv, num_pv,
                                         eq, t);
}

// Entry i of binding the last row coordinate of one chip's columns to c: entry
// i = j * (width + prep_width + 1) + col writes main column col of pair j, then the
// preprocessed columns, then geq (null geq: the first round's, zero on the rows).
template <class E>
ZK_HD void zerocheck_fold_at(const E* main, const E* prep, const Ef* geq, uint64_t rows, uint32_t w, uint32_t pw,
                             const Ef& c, Ef* out_main, Ef* out_prep, Ef* out_geq, uint64_t i) {
  const uint64_t per = uint64_t(w) + pw + 1, j = i / per, col = i % per;
  const bool odd = 2 * j + 1 < rows;
  const E zero = air::row::embed<E>(Fe::zero());
  if (col < w) {
    out_main[j * w + col] = terms::fold_pair(main[2 * j * w + col], odd ? main[(2 * j + 1) * w + col] : zero, c);
  } else if (col < per - 1) {
    const uint64_t p = col - w;
    out_prep[j * pw + p] = terms::fold_pair(prep[2 * j * pw + p], odd ? prep[(2 * j + 1) * pw + p] : zero, c);
  } else {
    const Ef ga = geq ? geq[2 * j] : Ef::zero();
    const Ef gb = !odd ? Ef::one() : geq ? geq[2 * j + 1] : Ef::zero();
    out_geq[j] = terms::fold_pair(ga, gb, c);
  }
}

}  // namespace zkgpu::sp1::prover::rows
