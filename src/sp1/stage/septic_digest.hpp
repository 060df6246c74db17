// SP1's global cumulative sum: a point on an elliptic curve over the septic
// extension F_p[z] / (z^7 - 3z - 5) of KoalaBear (crates/hypercube/src/
// septic_extension.rs, septic_curve.rs), summed the way the compress program sums
// its proofs' sums (sum_digest_v2 in crates/recursion/compiler/src/circuit/
// builder.rs): start + d_1 - zero + d_2 - zero + ... + d_n - start, with SP1's
// incomplete addition (the exceptional cases are assumed away there as here).
#pragma once

#include <array>
#include <span>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::stage {

using Septic = std::array<wire::F, 7>;

struct SepticPoint {
  Septic x, y;
  bool operator==(const SepticPoint&) const = default;
};

// SepticDigest::zero(): CURVE_CUMULATIVE_SUM_START (crates/hypercube/src/septic_digest.rs).
SepticPoint septic_digest_zero();

// The 14 public values x[7], y[7] as a point, and back.
SepticPoint septic_point(std::span<const wire::F> xy);

// sum_digest_v2 of the digests (SepticDigest::zero() for none).
SepticPoint sum_septic_digests(std::span<const SepticPoint> digests);

}  // namespace zkgpu::sp1::stage
