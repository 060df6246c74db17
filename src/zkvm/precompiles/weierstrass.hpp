// Affine short Weierstrass add and double with SP1 v6's exact results and
// failures (see weierstrass.cpp); shared by the precompiles and their tests.
#pragma once

#include <string_view>

#include "zkvm/precompiles/curve_params.hpp"

namespace zkgpu::zkvm::precompiles {

struct AffinePoint {
  mpz_class x, y;
};

// Throw PrecompileError("<name>: ...") where SP1 fails.
AffinePoint weierstrass_add(const WeierstrassCurve& c, const AffinePoint& p, const AffinePoint& q,
                            std::string_view name);
AffinePoint weierstrass_double(const WeierstrassCurve& c, const AffinePoint& p,
                               std::string_view name);

}  // namespace zkgpu::zkvm::precompiles
