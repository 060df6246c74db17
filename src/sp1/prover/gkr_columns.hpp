// The LogUp-GKR's layers as the device keeps them: each interaction's column of
// fractions flat in one buffer, column k at [offsets[k], offsets[k + 1]), only the
// rows below the padding stored (rows past a column's end are 0 / 1). What one
// device thread does for one flat index, as host and device code (math/hd.hpp): the
// kernels are loops around these, and a CPU test runs them as a whole layer
// sumcheck against GkrRoundOracle.
#pragma once

#include <cstdint>

#include "math/hd.hpp"
#include "sp1/prover/sumcheck_terms.hpp"

namespace zkgpu::sp1::prover::columns {

using terms::Ef;

// The column holding flat index i: the k with offsets[k] <= i < offsets[k + 1]
// (empty columns skipped); i < offsets[columns].
ZK_HD uint32_t column_of(const uint64_t* offsets, uint32_t columns, uint64_t i) {
  uint32_t lo = 0, hi = columns;  // offsets[lo] <= i < offsets[hi]
  while (hi - lo > 1) {
    const uint32_t mid = (lo + hi) / 2;
    if (offsets[mid] <= i)
      lo = mid;
    else
      hi = mid;
  }
  return lo;
}

// Where flat index i of a halved layout (column k: ceil(length / 2) entries at
// half[k]) reads the full layout: rows 2j and 2j + 1 of column k.
struct Pair {
  uint32_t column;
  uint64_t lo;    // flat index of row 2j
  bool has_hi;    // row 2j + 1 is stored (else it is padding)
};
ZK_HD Pair pair_at(const uint64_t* offsets, const uint64_t* half, uint32_t columns, uint64_t i) {
  const uint32_t k = column_of(half, columns, i);
  const uint64_t j = i - half[k], base = offsets[k], len = offsets[k + 1] - base;
  return {k, base + 2 * j, 2 * j + 1 < len};
}

// One layer up, parent entry i (parent layout = the child's halved).
ZK_HD void parent_at(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* pnum, Ef* pden,
                     const uint64_t* poffsets, uint32_t columns, uint64_t i) {
  const Pair p = pair_at(offsets, poffsets, columns, i);
  terms::gkr_parent(num[p.lo], den[p.lo], p.has_hi ? num[p.lo + 1] : Ef::zero(), p.has_hi ? den[p.lo + 1] : Ef::one(),
                    pnum[i], pden[i]);
}

// A layer split into N0, N1, D0, D1 (rows 2j, 2j + 1; state layout = halved), entry i.
ZK_HD void split_at(const Ef* num, const Ef* den, const uint64_t* offsets, Ef* const* state, const uint64_t* half,
                    uint32_t columns, uint64_t i) {
  const Pair p = pair_at(offsets, half, columns, i);
  state[0][i] = num[p.lo];
  state[1][i] = p.has_hi ? num[p.lo + 1] : terms::gkr_fill(1);
  state[2][i] = den[p.lo];
  state[3][i] = p.has_hi ? den[p.lo + 1] : terms::gkr_fill(3);
}

// A round's sums over the stored pair i of the state (pairs layout = the state's
// halved): eq_int[column] * eq_row[pair within the column] * G(t) added to acc.
ZK_HD void round_at(const Ef* const* state, const uint64_t* offsets, const uint64_t* pairs, uint32_t columns,
                    const Ef* eq_int, const Ef* eq_row, const Ef& lambda, uint64_t i, Ef (&acc)[3]) {
  const Pair p = pair_at(offsets, pairs, columns, i);
  Ef lo[4], hi[4];
  for (unsigned v = 0; v < 4; ++v) {
    lo[v] = state[v][p.lo];
    hi[v] = p.has_hi ? state[v][p.lo + 1] : terms::gkr_fill(v);
  }
  terms::gkr_pair_sums(lambda, eq_int[p.column] * eq_row[i - pairs[p.column]], lo, hi, acc);
}

// The state with its last row coordinate bound to c, entry i (out layout = halved).
ZK_HD void fold_at(const Ef* const* state, const uint64_t* offsets, Ef* const* out, const uint64_t* out_offsets,
                   uint32_t columns, const Ef& c, uint64_t i) {
  const Pair p = pair_at(offsets, out_offsets, columns, i);
  for (unsigned v = 0; v < 4; ++v)
    out[v][i] = terms::fold_pair(state[v][p.lo], p.has_hi ? state[v][p.lo + 1] : terms::gkr_fill(v), c);
}

}  // namespace zkgpu::sp1::prover::columns
