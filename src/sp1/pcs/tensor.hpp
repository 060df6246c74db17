// Shape checks on wire tensors: the verifier never indexes a tensor whose sizes it
// has not checked against its values.
#pragma once

#include <cstddef>

#include "sp1/wire/types.hpp"

namespace zkgpu::sp1::pcs {

// A two-dimensional tensor whose values fill it exactly.
template <class T>
bool is_matrix(const wire::Tensor<T>& t) {
  size_t n = 0;
  return t.sizes.size() == 2 && !__builtin_mul_overflow(t.sizes[0], t.sizes[1], &n) && n == t.values.size();
}

// The number of values of an MleEval (SP1's num_polynomials = total length).
template <class T>
size_t num_values(const wire::Tensor<T>& t) {
  return t.values.size();
}

}  // namespace zkgpu::sp1::pcs
