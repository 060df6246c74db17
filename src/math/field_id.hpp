#pragma once
// The fields zkgpud computes over, in one table: wire id, name, two-adicity,
// and for the 31-bit fields their modulus and multiplicative generator. Every
// layer (kernels, backends, request bodies, the CLI) reads field facts from here.
//
// FieldId names every field (its value is the field byte of the request bodies,
// proto/ops-stark.md). Field31 is the subset the 31-bit STARK operations accept;
// its values are the same ids.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "math/bn254/params.hpp"
#include "math/field31/params.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {

enum class FieldId : uint8_t { koalabear = 1, babybear = 2, bn254 = 3 };

enum class Field31 : uint8_t {
  koalabear = uint8_t(FieldId::koalabear),
  babybear = uint8_t(FieldId::babybear),
};

struct FieldTraits {
  FieldId id;
  const char* name;
  unsigned two_adicity;  // largest k with 2^k dividing the multiplicative group order
  size_t words;          // u32 words of one canonical element (1, or 8 for bn254)
  uint32_t modulus31;    // p of a 31-bit field; 0 for bn254 (r is in math/bn254/params.hpp)
  uint32_t generator31;  // the 31-bit field's multiplicative generator (coset shift); 0 for bn254
};

inline constexpr FieldTraits kFieldTable[] = {
    {FieldId::koalabear, f31::KoalaBearParams::kName, f31::KoalaBearParams::kTwoAdicity, 1,
     f31::KoalaBearParams::kP, f31::KoalaBearParams::kGenerator},
    {FieldId::babybear, f31::BabyBearParams::kName, f31::BabyBearParams::kTwoAdicity, 1, f31::BabyBearParams::kP,
     f31::BabyBearParams::kGenerator},
    {FieldId::bn254, "bn254", bn254::FrParams::two_adicity, 8, 0, 0},
};

// The entry of a field id byte, or nullptr for an unknown id.
constexpr const FieldTraits* find_field(uint8_t id) noexcept {
  for (const FieldTraits& t : kFieldTable)
    if (uint8_t(t.id) == id) return &t;
  return nullptr;
}
// The entry named `name` ("koalabear", "babybear", "bn254"), or nullptr.
constexpr const FieldTraits* find_field(std::string_view name) noexcept {
  for (const FieldTraits& t : kFieldTable)
    if (name == t.name) return &t;
  return nullptr;
}

constexpr bool is_31bit(FieldId f) noexcept { return f == FieldId::koalabear || f == FieldId::babybear; }
constexpr FieldId field_id(Field31 f) noexcept { return FieldId(uint8_t(f)); }
constexpr std::optional<Field31> as_field31(FieldId f) noexcept {
  if (!is_31bit(f)) return std::nullopt;
  return Field31(uint8_t(f));
}

// The traits of a field; an id outside the table (a cast from unchecked input)
// -> Error(invalid_argument).
inline const FieldTraits& traits(FieldId f) {
  if (const FieldTraits* t = find_field(uint8_t(f))) return *t;
  throw Error(ErrorCode::invalid_argument, "unknown field id " + std::to_string(unsigned(f)));
}
inline const FieldTraits& traits(Field31 f) {
  if (is_31bit(field_id(f))) return traits(field_id(f));
  throw Error(ErrorCode::invalid_argument, "unknown 31-bit field id " + std::to_string(unsigned(f)));
}

}  // namespace zkgpu
