// The LogUp-GKR's layers as the device keeps them: each interaction's column of
// fractions flat in one buffer, column k at [offsets[k], offsets[k + 1]), only the
// rows below the padding stored (rows past a column's end are 0 / 1). What one
// device thread does for one flat index, as host and device code (math/hd.hpp): the
// kernels are loops around these, and a CPU test runs them as a whole layer
// sumcheck against GkrRoundOracle.
#pragma once

#include <cstdint>
#include <cstring>

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

// A layer sumcheck's state keeps the layer's own form: entry e of a column (its
// N0, N1, D0, D1) is rows 2e and 2e + 1 of num and den. The state before the
// first fold is the child layer itself (no copy, no split); a column's rows past
// its stored ones are padding, so an odd-length child column ends in half an
// entry. A round's pair m of a column is entries 2m and 2m + 1: four rows in a
// row of each buffer, which a thread reads as contiguous 16-byte loads.

// One extension element as a single 16-byte access (the buffers are 16-byte
// aligned): four 4-byte loads or stores per element otherwise.
ZK_HD Ef load(const Ef* p) {
#ifdef __CUDA_ARCH__
  static_assert(sizeof(Ef) == 16);
  const uint4 u = *reinterpret_cast<const uint4*>(p);
  Ef x;
  memcpy(&x, &u, sizeof(Ef));
  return x;
#else
  return *p;
#endif
}
ZK_HD void store(Ef* p, const Ef& x) {
#ifdef __CUDA_ARCH__
  uint4 u;
  memcpy(&u, &x, sizeof(Ef));
  *reinterpret_cast<uint4*>(p) = u;
#else
  *p = x;
#endif
}

// Entry e of the column whose `len` rows start at num + base, den + base.
ZK_HD void entry(const Ef* num, const Ef* den, uint64_t base, uint64_t len, uint64_t e, Ef (&x)[4]) {
  const uint64_t r = 2 * e;
  x[0] = r < len ? load(num + base + r) : terms::gkr_fill(0);
  x[1] = r + 1 < len ? load(num + base + r + 1) : terms::gkr_fill(1);
  x[2] = r < len ? load(den + base + r) : terms::gkr_fill(2);
  x[3] = r + 1 < len ? load(den + base + r + 1) : terms::gkr_fill(3);
}

// A round's sums over pair i of a state (column k's rows at [rows[k], rows[k + 1]),
// its pairs at [pairs[k], pairs[k + 1])): eq_int[k] * eq_row[pair in the column] *
// G(t) added to acc.
ZK_HD void round_at(const Ef* num, const Ef* den, const uint64_t* rows, const uint64_t* pairs, uint32_t columns,
                    const Ef* eq_int, const Ef* eq_row, const Ef& lambda, uint64_t i, Ef (&acc)[3]) {
  const uint32_t k = column_of(pairs, columns, i);
  const uint64_t m = i - pairs[k], base = rows[k], len = rows[k + 1] - base;
  Ef lo[4], hi[4];
  entry(num, den, base, len, 2 * m, lo);
  entry(num, den, base, len, 2 * m + 1, hi);
  terms::gkr_pair_sums(lambda, eq_int[k] * eq_row[m], lo, hi, acc);
}

// Entry e of the state with its last row coordinate bound to c (the state's
// entries 2e and 2e + 1 of a column with `len` rows at base), stored at out_base
// where the folded column (out_len rows) holds it; padding past it.
ZK_HD void fold_entry(const Ef* num, const Ef* den, uint64_t base, uint64_t len, Ef* out_num, Ef* out_den,
                      uint64_t out_base, uint64_t out_len, const Ef& c, uint64_t e, Ef (&f)[4]) {
  if (2 * e >= out_len) {
    for (unsigned v = 0; v < 4; ++v) f[v] = terms::gkr_fill(v);
    return;
  }
  Ef a[4], b[4];
  entry(num, den, base, len, 2 * e, a);
  entry(num, den, base, len, 2 * e + 1, b);
  for (unsigned v = 0; v < 4; ++v) f[v] = terms::fold_pair(a[v], b[v], c);
  store(out_num + out_base + 2 * e, f[0]);
  store(out_num + out_base + 2 * e + 1, f[1]);
  store(out_den + out_base + 2 * e, f[2]);
  store(out_den + out_base + 2 * e + 1, f[3]);
}

// Pair i of the folded state (column k's rows at out_rows[k], its pairs at
// next_pairs[k]): both entries folded and stored, and returned in lo and hi with
// the pair's column and index in it, so a caller can add the next round's sums
// in the same pass.
struct PairIndex {
  uint32_t column;
  uint64_t pair;
};
ZK_HD PairIndex fold_at(const Ef* num, const Ef* den, const uint64_t* rows, Ef* out_num, Ef* out_den,
                        const uint64_t* out_rows, const uint64_t* next_pairs, uint32_t columns, const Ef& c,
                        uint64_t i, Ef (&lo)[4], Ef (&hi)[4]) {
  const uint32_t k = column_of(next_pairs, columns, i);
  const uint64_t m = i - next_pairs[k], base = rows[k], len = rows[k + 1] - base;
  const uint64_t out_base = out_rows[k], out_len = out_rows[k + 1] - out_base;
  fold_entry(num, den, base, len, out_num, out_den, out_base, out_len, c, 2 * m, lo);
  fold_entry(num, den, base, len, out_num, out_den, out_base, out_len, c, 2 * m + 1, hi);
  return {k, m};
}

}  // namespace zkgpu::sp1::prover::columns
