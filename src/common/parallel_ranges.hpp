#pragma once
// parallel_ranges: fn(begin, end) over [0, n) split into at most `threads`
// contiguous parts of at least `min_per_part` items, on the shared CpuPool. The
// caller works too: it takes parts until none is left, then waits only for parts
// other threads have started, so a call never waits for a free pool thread and
// nested calls (a part that calls parallel_ranges) cannot deadlock. Exceptions
// from any part are rethrown on the caller (the first one).
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>

#include "common/cpu_pool.hpp"

namespace zkgpu {

template <class Fn>
void parallel_ranges(size_t n, unsigned threads, size_t min_per_part, Fn&& fn) {
  const size_t max_parts = std::max<size_t>(1, n / std::max<size_t>(1, min_per_part));
  const size_t parts = std::min<size_t>(std::max(1u, threads), max_parts);
  if (parts <= 1) {
    if (n) fn(size_t(0), n);
    return;
  }
  // Shared with the pool tasks, which may start after the caller has returned:
  // such a late task finds no part left and never touches `fn`.
  struct State {
    std::function<void(size_t, size_t)> part;
    size_t n = 0, parts = 0;
    std::atomic<size_t> next{0};
    std::mutex mutex;
    std::condition_variable finished_cv;
    size_t finished = 0;
    std::exception_ptr error;
    void work() {
      for (size_t p; (p = next.fetch_add(1)) < parts;) {
        std::exception_ptr e;
        try {
          const size_t b = n * p / parts, end = n * (p + 1) / parts;
          if (b < end) part(b, end);
        } catch (...) {
          e = std::current_exception();
        }
        std::lock_guard lk(mutex);
        if (e && !error) error = e;
        if (++finished == parts) finished_cv.notify_all();
      }
    }
  };
  auto state = std::make_shared<State>();
  state->part = [&fn](size_t b, size_t e) { fn(b, e); };
  state->n = n;
  state->parts = parts;
  CpuPool& pool = CpuPool::shared();
  for (size_t i = 1; i < std::min<size_t>(parts, pool.size() + 1); ++i) pool.post([state] { state->work(); });
  state->work();
  std::unique_lock lk(state->mutex);
  state->finished_cv.wait(lk, [&] { return state->finished == parts; });
  if (state->error) std::rethrow_exception(state->error);
}

}  // namespace zkgpu
