// The field types every SP1 v6 proof is written in: KoalaBear and its degree-4
// extension (SP1Field, SP1ExtensionField), and the two digest types, one per
// configuration: eight KoalaBear elements for the inner configuration
// (KoalaBearDegree4Duplex), one BN254 scalar for the outer one
// (Poseidon2Bn254GlobalConfig, OUTER_DIGEST_SIZE = 1). The digest types are the
// ones the wire format uses (sp1/wire/config.hpp).
#pragma once

#include <array>

#include "math/bn254/fields.hpp"
#include "math/field31/field31.hpp"

namespace zkgpu::sp1 {

using F = f31::KoalaBear;
using EF = f31::KoalaBearExt4;

inline constexpr int kExtDegree = 4;

using InnerDigest = std::array<F, 8>;
using OuterDigest = std::array<bn254::Fr, 1>;

// The base field embedded in the extension.
inline EF ext(F x) { return EF{{x, F::zero(), F::zero(), F::zero()}}; }

}  // namespace zkgpu::sp1
