#pragma once
// BN254 (alt_bn128) field parameters.
// Sources of the constants:
//  - p (base field) and r (scalar field / group order): EIP-196 and EIP-197
//    (also ffjavascript's bn128 curve, which snarkjs uses):
//      p = 21888242871839275222246405745257275088696311157297823662689037894645226208583
//      r = 21888242871839275222246405745257275088548364400416034343698204186575808495617
//  - Montgomery form with R = 2^256 (4 x 64-bit limbs), as ffjavascript's
//    wasm fields (n64 = 4) use, so snarkjs files' Montgomery values load as is.
//  - R mod p, R^2 mod p and -p^-1 mod 2^64 are derived from p; the unit tests
//    recompute and check them.
#include <cstdint>

#include "math/bn254/u256.hpp"
#include "math/hd.hpp"

namespace zkgpu::bn254 {

struct FqParams {
  ZK_HD_CONSTEXPR static U256 modulus() {
    return {{0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d, 0x30644e72e131a029}};
  }
  ZK_HD_CONSTEXPR static U256 r2() {
    return {{0xf32cfc5b538afa89, 0xb5e71911d44501fb, 0x47ab1eff0a417ff6, 0x06d89f71cab8351f}};
  }
  ZK_HD_CONSTEXPR static U256 one() {
    return {{0xd35d438dc58f0d9d, 0x0a78eb28f5c70b3d, 0x666ea36f7879462c, 0x0e0a77c19a07df2f}};
  }
  static constexpr uint64_t inv = 0x87d20782e4866389;
};

struct FrParams {
  ZK_HD_CONSTEXPR static U256 modulus() {
    return {{0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d, 0x30644e72e131a029}};
  }
  ZK_HD_CONSTEXPR static U256 r2() {
    return {{0x1bb8e645ae216da7, 0x53fe3ab1e35c59e3, 0x8c49833d53bb8085, 0x0216d0b17f4e44a5}};
  }
  ZK_HD_CONSTEXPR static U256 one() {
    return {{0xac96341c4ffffffb, 0x36fc76959f60cd29, 0x666ea36f7879462e, 0x0e0a77c19a07df2f}};
  }
  static constexpr uint64_t inv = 0xc2e1f593efffffff;

  // r - 1 = 2^28 * t with t odd.
  static constexpr unsigned two_adicity = 28;
  // ffjavascript (WasmField1 constructor, used by snarkjs): nqr is the smallest
  // integer >= 2 with nqr^((r-1)/2) = -1, which is 5 for this r;
  //   w[28] = nqr^t (a primitive 2^28-th root of unity), w[k] = w[k+1]^2;
  //   shift = nqr^2 = 25 (the coset generator).
  static constexpr uint64_t nqr = 5;
  // w[28] = 19103219067921713944291392827692070036145651957329286315305642004821462161904
  ZK_HD_CONSTEXPR static U256 root_of_unity_28() {
    return {{0x9bd61b6e725b19f0, 0x402d111e41112ed4, 0x00e0a7eb8ef62abc, 0x2a3c09f0a58a7e85}};
  }
};

}  // namespace zkgpu::bn254
