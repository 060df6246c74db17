#pragma once
// BN254 (alt_bn128) for host and device code: fields Fq, Fr, Fq2; groups G1
// and G2 in affine, Jacobian and XYZZ coordinates; canonical integers U256 /
// FrRaw. Everything is header-only and usable from CUDA (ZK_HD).
//
// Sources: EIP-196/EIP-197 for p, r, b, the twist and both generators;
// ffjavascript/snarkjs conventions for Montgomery form (R = 2^256), for the
// affine encoding of infinity as (0, 0) and for Fr's roots of unity and coset
// shift (see params.hpp).
#include "math/bn254/curve.hpp"
#include "math/bn254/domain.hpp"
#include "math/bn254/fields.hpp"
#include "math/bn254/u256.hpp"

namespace zkgpu::bn254 {

using G1Affine = Affine<Fq>;
using G1Jacobian = Jacobian<Fq>;
using G1Xyzz = Xyzz<Fq>;
using G2Affine = Affine<Fq2>;
using G2Jacobian = Jacobian<Fq2>;
using G2Xyzz = Xyzz<Fq2>;

// (1, 2)
ZK_HD G1Affine g1_generator() {
  return {Fq{{0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f}},
          Fq{{0xa6ba871b8b1e1b3a, 0x14f1d651eb8e167b, 0xccdd46def0f28c58, 0x1c14ef83340fbe5e}}};
}

// EIP-197:
// x = 11559732032986387107991004021392285783925812861821192530917403151452391805634 u
//   + 10857046999023057135944570762232829481370756359578518086990519993285655852781
// y = 4082367875863433681332203403145435568316851327593401208105741076214120093531 u
//   + 8495653923123431417604973247489272438418190587263600148770280649306958101930
ZK_HD G2Affine g2_generator() {
  return {Fq2{Fq{{0x8e83b5d102bc2026, 0xdceb1935497b0172, 0xfbb8264797811adf, 0x19573841af96503b}},
              Fq{{0xafb4737da84c6140, 0x6043dd5a5802d8c4, 0x09e950fc52a02f86, 0x14fef0833aea7b6b}}},
          Fq2{Fq{{0x619dfa9d886be9f6, 0xfe7fd297f59e9b78, 0xff9e1a62231b7dfe, 0x28fd7eebae9e4206}},
              Fq{{0x64095b56c71856ee, 0xdc57f922327d3cbb, 0x55f935be33351076, 0x0da4a0e693fd6482}}}};
}

// r, the order of G1 and G2 (as a plain integer).
ZK_HD_CONSTEXPR U256 group_order() { return FrParams::modulus(); }

// r * P == infinity (G2 points from files must pass this: the twist has a cofactor).
template <class F>
ZK_HD bool in_prime_subgroup(const Affine<F>& p) {
  return p.is_on_curve() && scalar_mul(Jacobian<F>::from_affine(p), group_order()).is_infinity();
}

}  // namespace zkgpu::bn254
