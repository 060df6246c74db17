// SP1's two proof configurations, as far as the wire format sees them. Both work
// over KoalaBear and its degree-4 extension; they differ in the digest:
//  - inner (SP1GlobalContext: core, compress, shrink): 8 KoalaBear elements from
//    Poseidon2-KB16, and a duplex challenger over KoalaBear;
//  - outer (SP1OuterGlobalContext: wrap): p3 `Hash<KoalaBear, Bn254Fr, 1>`, one BN254
//    scalar from Poseidon2-BN254-width-3, and a multi-field challenger over BN254.
// The grinding (PoW) witness is one KoalaBear element in both.
// Source: succinctlabs/sp1 v6.4.0 crates/primitives/src/lib.rs, slop/crates/bn254.
#pragma once

#include <array>
#include <string_view>

#include "math/bn254/fields.hpp"
#include "math/field31/field31.hpp"

namespace zkgpu::sp1::wire {

using F = f31::KoalaBear;
using EF = f31::KoalaBearExt4;

struct InnerConfig {
  static constexpr std::string_view kName = "inner";
  using Digest = std::array<F, 8>;
};

struct OuterConfig {
  static constexpr std::string_view kName = "outer";
  using Digest = std::array<bn254::Fr, 1>;
};

using InnerDigest = InnerConfig::Digest;
using OuterDigest = OuterConfig::Digest;

}  // namespace zkgpu::sp1::wire
