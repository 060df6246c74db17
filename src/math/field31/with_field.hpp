#pragma once
// Host dispatch from a Field31 id to its Monty31 type.
#include <string>

#include "math/field31/field31.hpp"
#include "math/field_id.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::f31 {

// Calls fn(F{}) with F the Monty31 type of field f; an unknown id ->
// Error(invalid_argument).
template <class Fn>
decltype(auto) with_field(Field31 f, Fn&& fn) {
  switch (f) {
    case Field31::koalabear: return fn(KoalaBear{});
    case Field31::babybear: return fn(BabyBear{});
  }
  throw Error(ErrorCode::invalid_argument, "unknown 31-bit field id " + std::to_string(unsigned(f)));
}

}  // namespace zkgpu::f31
