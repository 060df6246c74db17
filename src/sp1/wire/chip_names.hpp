// The names SP1's recursion machine gives its chips (MachineAir::name in
// succinctlabs/sp1 v6.4.0 crates/recursion/machine/src/chips/): the only keys the
// per-chip maps of a compress, shrink or wrap proof may have.
#pragma once

#include <array>
#include <string_view>

namespace zkgpu::sp1::wire {

inline constexpr std::array<std::string_view, 11> kRecursionChipNames = {
    "BaseAlu",         "ExtAlu",        "ExtFeltConvert",   "MemoryConst",
    "MemoryVar",       "Poseidon2LinearLayer", "Poseidon2SBox", "Poseidon2WideDeg3",
    "PrefixSumChecks", "PublicValues",  "Select",
};

constexpr bool is_recursion_chip_name(std::string_view name) {
  for (auto known : kRecursionChipNames) {
    if (known == name) return true;
  }
  return false;
}

}  // namespace zkgpu::sp1::wire
