#pragma once
// Shared helpers of the CPU StarkOps files: field dispatch, argument checks and a
// small parallel-for over contiguous ranges.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "backends/stark_ops.hpp"
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

// fn(begin, end) over [0, n) split into at most `threads` contiguous parts, the
// caller running the first. Worker exceptions are rethrown here.
template <class Fn>
void parallel_ranges(size_t n, unsigned threads, size_t min_per_part, Fn&& fn) {
  const size_t max_parts = std::max<size_t>(1, n / std::max<size_t>(1, min_per_part));
  const size_t parts = std::min<size_t>(std::max(1u, threads), max_parts);
  if (parts <= 1) {
    if (n) fn(size_t(0), n);
    return;
  }
  std::vector<std::exception_ptr> errors(parts);
  auto run = [&](size_t p) {
    try {
      const size_t b = n * p / parts, e = n * (p + 1) / parts;
      if (b < e) fn(b, e);
    } catch (...) {
      errors[p] = std::current_exception();
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(parts - 1);
  for (size_t p = 1; p < parts; ++p) pool.emplace_back(run, p);
  run(0);
  for (auto& t : pool) t.join();
  for (auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace zkgpu::f31cpu
