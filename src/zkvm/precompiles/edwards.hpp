// Ed25519 arithmetic with SP1 v6's exact results (crates/curves/src/edwards/),
// shared by ED_ADD, ED_DECOMPRESS, the FD_EDDECOMPRESS hook and their tests.
#pragma once

#include <optional>

#include "zkvm/precompiles/curve_params.hpp"
#include "zkvm/precompiles/weierstrass.hpp"

namespace zkgpu::zkvm::precompiles {

// The twisted Edwards sum (the same formula doubles); any coordinates accepted.
AffinePoint edwards_add(const EdwardsCurve& c, const AffinePoint& p, const AffinePoint& q);

// A square root of a mod 2^255 - 19 with an even low bit, or nothing when a is not
// a square (SP1's ed25519_sqrt; a < p).
std::optional<mpz_class> ed25519_sqrt(const mpz_class& a);

// (y^2 - 1) / (d y^2 + 1) mod p: the x^2 of a point with this y (inverse of 0 is 0).
mpz_class ed25519_x_squared(const mpz_class& y);

}  // namespace zkgpu::zkvm::precompiles
