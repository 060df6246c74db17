// SP1 v6.4's FieldParameters (crates/curves/src/params.rs and each curve's file
// under crates/curves/src/): a prime field whose elements the precompile chips
// carry as little-endian u8 limbs (NB_BITS_PER_LIMB = 8), with
//   kLimbs         NB_LIMBS: the limbs of an element (and of a field operation's
//                  result and carry)
//   kWitnessLimbs  NB_WITNESS_LIMBS: the u16 limbs of the quotient by (x - 2^8) of
//                  a field operation's vanishing polynomial, 2 kLimbs - 2
//   kWitnessOffset WITNESS_OFFSET: added to each signed quotient limb to make it a u16
//   kModulus       MODULUS, little-endian bytes
// A new field is one more struct of this shape (the field gadgets in field_op.hpp
// and their trace generation take any).
#pragma once

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>

namespace zkgpu::sp1::air::riscv {

// secp256k1's base field, p = 2^256 - 2^32 - 977 (crates/curves/src/weierstrass/secp256k1.rs).
struct Secp256k1BaseField {
  static constexpr size_t kLimbs = 32;
  static constexpr size_t kWitnessLimbs = 62;
  static constexpr uint32_t kWitnessOffset = 1u << 14;
  static constexpr std::array<uint8_t, kLimbs> kModulus{
      0x2f, 0xfc, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
};

// Ed25519's base field, p = 2^255 - 19 (crates/curves/src/edwards/ed25519.rs).
struct Ed25519BaseField {
  static constexpr size_t kLimbs = 32;
  static constexpr size_t kWitnessLimbs = 62;
  static constexpr uint32_t kWitnessOffset = 1u << 14;
  static constexpr std::array<uint8_t, kLimbs> kModulus{
      0xed, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f};
};

// secp256r1's (NIST P-256's) base field, p = 2^256 - 2^224 + 2^192 + 2^96 - 1
// (crates/curves/src/weierstrass/secp256r1.rs).
struct Secp256r1BaseField {
  static constexpr size_t kLimbs = 32;
  static constexpr size_t kWitnessLimbs = 62;
  static constexpr uint32_t kWitnessOffset = 1u << 14;
  static constexpr std::array<uint8_t, kLimbs> kModulus{
      0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
      0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff};
};

// BN254's base field (crates/curves/src/weierstrass/bn254.rs).
struct Bn254BaseField {
  static constexpr size_t kLimbs = 32;
  static constexpr size_t kWitnessLimbs = 62;
  static constexpr uint32_t kWitnessOffset = 1u << 14;
  static constexpr std::array<uint8_t, kLimbs> kModulus{
      0x47, 0xfd, 0x7c, 0xd8, 0x16, 0x8c, 0x20, 0x3c, 0x8d, 0xca, 0x71, 0x68, 0x91, 0x6a, 0x81, 0x97,
      0x5d, 0x58, 0x81, 0x81, 0xb6, 0x45, 0x50, 0xb8, 0x29, 0xa0, 0x31, 0xe1, 0x72, 0x4e, 0x64, 0x30};
};

// BLS12-381's base field, 381 bits in 48 limbs (crates/curves/src/weierstrass/bls12_381.rs).
struct Bls12381BaseField {
  static constexpr size_t kLimbs = 48;
  static constexpr size_t kWitnessLimbs = 94;
  static constexpr uint32_t kWitnessOffset = 1u << 15;
  static constexpr std::array<uint8_t, kLimbs> kModulus{
      0xab, 0xaa, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xb9, 0xff, 0xff, 0x53, 0xb1, 0xfe, 0xff, 0xab, 0x1e,
      0x24, 0xf6, 0xb0, 0xf6, 0xa0, 0xd2, 0x30, 0x67, 0xbf, 0x12, 0x85, 0xf3, 0x84, 0x4b, 0x77, 0x64,
      0xd7, 0xac, 0x4b, 0x43, 0xb6, 0xa7, 0x1b, 0x4b, 0x9a, 0xe6, 0x7f, 0x39, 0xea, 0x11, 0x01, 0x1a};
};

// What the gadgets require of a field's parameters.
template <class P>
concept FieldParameters = requires {
  { P::kLimbs } -> std::convertible_to<size_t>;
  { P::kWitnessLimbs } -> std::convertible_to<size_t>;
  { P::kWitnessOffset } -> std::convertible_to<uint32_t>;
} && P::kModulus.size() == P::kLimbs && P::kLimbs % 8 == 0 && P::kWitnessLimbs == 2 * P::kLimbs - 2;

// The 8-byte memory words of one element (SP1's WordsFieldElement) and of a
// curve point, x then y (WordsCurvePoint).
template <FieldParameters P>
inline constexpr size_t kWordsFieldElement = P::kLimbs / 8;
template <FieldParameters P>
inline constexpr size_t kWordsCurvePoint = 2 * kWordsFieldElement<P>;

}  // namespace zkgpu::sp1::air::riscv
