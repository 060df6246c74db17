#pragma once
// parallel_ranges: fn(begin, end) over [0, n) split into at most `threads`
// contiguous parts of at least `min_per_part` items, on std::threads, the caller
// running the first part. Exceptions from workers are rethrown on the caller.
#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <vector>

namespace zkgpu {

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

}  // namespace zkgpu
