// The field and digest types every SP1 v6 proof is written in, as the wire format
// defines them (sp1/wire/config.hpp): KoalaBear and its degree-4 extension
// (SP1Field, SP1ExtensionField); eight KoalaBear elements as the inner
// configuration's digest, one BN254 scalar as the outer one's.
#pragma once

#include "sp1/wire/config.hpp"

namespace zkgpu::sp1 {

using wire::EF;
using wire::F;
using wire::InnerDigest;
using wire::OuterDigest;

inline constexpr int kExtDegree = 4;

// The base field embedded in the extension.
inline EF ext(F x) { return EF{{x, F::zero(), F::zero(), F::zero()}}; }

}  // namespace zkgpu::sp1
