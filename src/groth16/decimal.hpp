#pragma once
// Decimal strings <-> 256-bit integers, as snarkjs writes field elements and
// coordinates in its JSON files.
#include <string>
#include <string_view>

#include "math/bn254/u256.hpp"

namespace zkgpu::groth16 {

// Base-10 digits only, no sign, no leading '+'; at most 78 digits and the value
// must fit in 256 bits. Throws Error(bad_request) naming `what` otherwise.
bn254::U256 parse_decimal(std::string_view s, std::string_view what);
std::string to_decimal(const bn254::U256& v);

}  // namespace zkgpu::groth16
