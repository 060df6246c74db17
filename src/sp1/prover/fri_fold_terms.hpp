// The per-element arithmetic of BaseFold's commit phase, in code the host folder
// and the device kernels both compile (math/hd.hpp), so the two compute the same
// field values the same way.
//
// The codeword is bit-reversed (basefold_encoder.hpp): positions 2j and 2j + 1 of a
// codeword of 2^(log_half + 1) values hold P(x) and P(-x) for x = w^bitrev(j), w of
// that order. FRI's even/odd fold sends them to Pe(x^2) + beta Po(x^2)
//   = (e0 + e1) / 2 + beta (e0 - e1) / (2x),
// the multilinear's fold binds its last coordinate: v[2i] + beta v[2i + 1].
#pragma once

#include <cstdint>

#include "math/hd.hpp"
#include "sp1/air/row_program.hpp"

namespace zkgpu::sp1::prover::fri {

using air::row::Ef;
using air::row::Fe;

ZK_HD uint64_t reverse_bits(uint64_t x, unsigned bits) {
  uint64_t r = 0;
  for (unsigned i = 0; i < bits; ++i) r |= ((x >> i) & 1) << (bits - 1 - i);
  return r;
}

// 1 / (2x) for pair j of a codeword of 2^(log_half + 1) values, given 1/2 and 1/w.
ZK_HD Fe half_inverse_point(uint64_t j, unsigned log_half, Fe half, Fe w_inv) {
  return half * w_inv.pow(reverse_bits(j, log_half));
}

ZK_HD Ef fold_codeword_pair(const Ef& e0, const Ef& e1, const Ef& beta, Fe half, Fe half_inv_x) {
  return (e0 + e1).scale(half) + beta * (e0 - e1).scale(half_inv_x);
}

ZK_HD Ef fold_multilinear_pair(const Ef& lo, const Ef& hi, const Ef& beta) { return lo + beta * hi; }

}  // namespace zkgpu::sp1::prover::fri
