#pragma once
// The three BN254 fields: Fq (base), Fr (scalar), Fq2 (G2 coordinates).
#include "math/bn254/field.hpp"
#include "math/bn254/fq2.hpp"
#include "math/bn254/params.hpp"

namespace zkgpu::bn254 {

using Fq = Fp<FqParams>;
using Fr = Fp<FrParams>;
using Fq2 = QuadExt<Fq>;

}  // namespace zkgpu::bn254
