#pragma once
// Shared helpers of the CPU StarkOps files: field dispatch and argument checks
// (parallel_ranges comes from common/parallel_ranges.hpp).
#include <cstddef>
#include <string>

#include "backends/stark_ops.hpp"
#include "common/parallel_ranges.hpp"
#include "math/field31/field31.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu::f31cpu {

// Calls fn(F{}) with F the Monty31 type of field f.
template <class Fn>
decltype(auto) with_field(Field31 f, Fn&& fn) {
  switch (f) {
    case Field31::koalabear: return fn(f31::KoalaBear{});
    case Field31::babybear: return fn(f31::BabyBear{});
  }
  throw Error(ErrorCode::invalid_argument, "unknown 31-bit field id " + std::to_string(unsigned(f)));
}

inline unsigned two_adicity(Field31 f) {
  return with_field(f, [](auto x) { return decltype(x)::Params::kTwoAdicity; });
}

inline bool is_pow2(size_t n) { return n && !(n & (n - 1)); }
inline unsigned log2_exact(size_t n) {
  unsigned l = 0;
  while ((size_t(1) << l) < n) ++l;
  return l;
}

// Throws Error(invalid_argument) unless `rows` is a power of two within the
// field's two-adicity; returns log2(rows).
inline unsigned check_ntt_rows(Field31 f, size_t rows, const char* what) {
  if (!is_pow2(rows))
    throw Error(ErrorCode::invalid_argument,
                std::string(what) + ": row count " + std::to_string(rows) + " is not a power of two");
  const unsigned log_n = log2_exact(rows), max_log = two_adicity(f);
  if (log_n > max_log)
    throw Error(ErrorCode::invalid_argument, std::string(what) + ": 2^" + std::to_string(log_n) +
                                                 " rows exceed the field's two-adicity 2^" + std::to_string(max_log));
  return log_n;
}

}  // namespace zkgpu::f31cpu
