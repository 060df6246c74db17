// The fields and curves behind SP1's precompiles and hooks. Each constant is the
// curve's published parameter (sources at each definition) and is the same value
// SP1 v6 uses (crates/curves/src/).
#pragma once

#include <cstddef>
#include <string_view>

#include "zkvm/precompiles/bigint.hpp"

namespace zkgpu::zkvm::precompiles {

struct PrimeField {
  std::string_view name;  // SP1's precompile-name prefix, e.g. "BN254"
  size_t bytes;           // bytes of one element in guest memory
  mpz_class p;
};

// Short Weierstrass y^2 = x^3 + a x + b over `field`.
struct WeierstrassCurve {
  PrimeField field;
  mpz_class a, b;
  mpz_class order;  // of the generator's group (the scalar field)
  mpz_class gx, gy;
  // SP1 computes this curve with the k256 crate (canonical, on-curve points only;
  // complete addition) rather than its own unchecked formulas; see weierstrass.cpp.
  bool sp1_uses_k256 = false;
};

// Twisted Edwards -x^2 + y^2 = 1 + d x^2 y^2 over `field`.
struct EdwardsCurve {
  PrimeField field;
  mpz_class d;
  mpz_class gx, gy;
};

const PrimeField& bn254_fp();
const PrimeField& bls12_381_fp();

const WeierstrassCurve& secp256k1();
const WeierstrassCurve& secp256r1();
const WeierstrassCurve& bn254_g1();
const WeierstrassCurve& bls12_381_g1();

const EdwardsCurve& ed25519();

}  // namespace zkgpu::zkvm::precompiles
