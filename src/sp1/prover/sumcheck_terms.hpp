// The per-element arithmetic of the GKR and zerocheck sumchecks, in code the host
// provers and the device kernels both compile (math/hd.hpp), so the two compute
// the same field values the same way.
#pragma once

#include <cstdint>

#include "math/field31/field31.hpp"
#include "math/hd.hpp"
#include "sp1/air/row_program.hpp"

namespace zkgpu::sp1::prover::terms {

using air::row::Ef;
using air::row::Fe;

// A base-field element seen in E; w * x into the extension (row_program.hpp).
using air::row::embed;
using air::row::weigh;

// a + t (b - a) for a small integer t (a column's line through two rows).
ZK_HD Fe lerp(Fe a, Fe b, Fe t) { return a + (b - a) * t; }
ZK_HD Ef lerp(const Ef& a, const Ef& b, Fe t) { return a + (b - a).scale(t); }

// a + c (b - a) into the extension: a pair of rows with the coordinate bound to c.
ZK_HD Ef fold_pair(Fe a, Fe b, const Ef& c) { return embed<Ef>(a) + c.scale(b - a); }
ZK_HD Ef fold_pair(const Ef& a, const Ef& b, const Ef& c) { return a + c * (b - a); }

// The GKR layer polynomial's summand from N0, N1, D0, D1:
//   lambda (N0 D1 + N1 D0) + D0 D1.
ZK_HD Ef gkr_combine(const Ef& lambda, const Ef& n0, const Ef& n1, const Ef& d0, const Ef& d1) {
  return lambda * (n0 * d1 + n1 * d0) + d0 * d1;
}

// The value at t = 2 of the line through (0, a) and (1, b).
ZK_HD Ef line_at_two(const Ef& a, const Ef& b) { return b + b - a; }

// The GKR padding fraction 0 / 1 as N0, N1, D0, D1.
ZK_HD Ef gkr_fill(unsigned v) { return v < 2 ? Ef::zero() : Ef::one(); }

// The GKR's round sum over one pair of rows (2j, 2j + 1) of one interaction: with
// x[v] = (value at 2j, value at 2j + 1) of N0, N1, D0, D1, adds eq * G(t) to
// acc[t] for t = 0, 1, 2.
ZK_HD void gkr_pair_sums(const Ef& lambda, const Ef& eq, const Ef (&lo)[4], const Ef (&hi)[4], Ef (&acc)[3]) {
  acc[0] = acc[0] + eq * gkr_combine(lambda, lo[0], lo[1], lo[2], lo[3]);
  acc[1] = acc[1] + eq * gkr_combine(lambda, hi[0], hi[1], hi[2], hi[3]);
  Ef two[4];
  for (int v = 0; v < 4; ++v) two[v] = line_at_two(lo[v], hi[v]);
  acc[2] = acc[2] + eq * gkr_combine(lambda, two[0], two[1], two[2], two[3]);
}

// One GKR layer up: the parent of fractions n0 / d0 and n1 / d1.
ZK_HD void gkr_parent(const Ef& n0, const Ef& d0, const Ef& n1, const Ef& d1, Ef& n, Ef& d) {
  n = n0 * d1 + n1 * d0;
  d = d0 * d1;
}

// eq(point, b) for the index b of a hypercube of dimension n (the point's first
// coordinate is b's most significant bit; sp1/multilinear/eq.hpp's convention).
ZK_HD Ef eq_at(const Ef* point, unsigned n, uint64_t b) {
  Ef acc = Ef::one();
  for (unsigned k = 0; k < n; ++k) {
    const bool bit = (b >> (n - 1 - k)) & 1;
    acc = acc * (bit ? point[k] : Ef::one() - point[k]);
  }
  return acc;
}

}  // namespace zkgpu::sp1::prover::terms
