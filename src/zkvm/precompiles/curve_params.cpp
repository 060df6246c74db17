#include "zkvm/precompiles/curve_params.hpp"

namespace zkgpu::zkvm::precompiles {

// BN254 base field: EIP-196.
const PrimeField& bn254_fp() {
  static const PrimeField f{
      "BN254", 32,
      from_hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47")};
  return f;
}

// BLS12-381 base field: draft-irtf-cfrg-pairing-friendly-curves, section 4.2.1.
const PrimeField& bls12_381_fp() {
  static const PrimeField f{
      "BLS12381", 48,
      from_hex("1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9fef"
               "fffffffaaab")};
  return f;
}

// secp256k1: SEC 2 v2, section 2.4.1.
const WeierstrassCurve& secp256k1() {
  static const WeierstrassCurve c{
      {"SECP256K1", 32,
       from_hex("fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f")},
      0,
      7,
      from_hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141"),
      from_hex("79be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798"),
      from_hex("483ada7726a3c4655da4fbfc0e1108a8fd17b448a68554199c47d08ffb10d4b8"),
      true};
  return c;
}

// secp256r1 (P-256): SEC 2 v2, section 2.4.2; a = p - 3.
const WeierstrassCurve& secp256r1() {
  static const mpz_class p =
      from_hex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
  static const WeierstrassCurve c{
      {"SECP256R1", 32, p},
      p - 3,
      from_hex("5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b"),
      from_hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
      from_hex("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"),
      from_hex("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5")};
  return c;
}

// BN254 G1: y^2 = x^3 + 3, generator (1, 2); EIP-196 / EIP-197.
const WeierstrassCurve& bn254_g1() {
  static const WeierstrassCurve c{
      bn254_fp(), 0, 3,
      from_hex("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001"), 1, 2};
  return c;
}

// BLS12-381 G1: y^2 = x^3 + 4; draft-irtf-cfrg-pairing-friendly-curves, section 4.2.1.
const WeierstrassCurve& bls12_381_g1() {
  static const WeierstrassCurve c{
      bls12_381_fp(), 0, 4,
      from_hex("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001"),
      from_hex("17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af"
               "00adb22c6bb"),
      from_hex("08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa2"
               "32946c5e7e1")};
  return c;
}

// Ed25519: RFC 8032, section 5.1; d = -121665/121666.
const EdwardsCurve& ed25519() {
  static const EdwardsCurve c{
      {"ED", 32, (mpz_class(1) << 255) - 19},
      from_hex("52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3"),
      from_hex("216936d3cd6e53fec0a4e231fdd6dc5c692cc7609525a7b2c9562d608f25d51a"),
      from_hex("6666666666666666666666666666666666666666666666666666666666666658")};
  return c;
}

}  // namespace zkgpu::zkvm::precompiles
