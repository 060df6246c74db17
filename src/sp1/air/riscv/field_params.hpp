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

// What the gadgets require of a field's parameters.
template <class P>
concept FieldParameters = requires {
  { P::kLimbs } -> std::convertible_to<size_t>;
  { P::kWitnessLimbs } -> std::convertible_to<size_t>;
  { P::kWitnessOffset } -> std::convertible_to<uint32_t>;
} && P::kModulus.size() == P::kLimbs && P::kLimbs % 8 == 0;

// The 8-byte memory words of one element (SP1's WordsFieldElement) and of a
// curve point, x then y (WordsCurvePoint).
template <FieldParameters P>
inline constexpr size_t kWordsFieldElement = P::kLimbs / 8;
template <FieldParameters P>
inline constexpr size_t kWordsCurvePoint = 2 * kWordsFieldElement<P>;

}  // namespace zkgpu::sp1::air::riscv
