// How the provers split their loops over rows across threads (the shared CpuPool,
// through parallel_ranges). Sums are taken per part and added up afterwards: field
// addition is exact, so the result, and the proof, does not depend on the split.
#pragma once

#include <cstddef>
#include <mutex>
#include <span>
#include <vector>

#include "common/parallel_ranges.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

// Fewer rows than this per part are not worth a thread. Loops whose items cost
// far more than a row (a whole branching-program layer each) pass a smaller grain.
inline constexpr size_t kMinItemsPerPart = 512;

// fn(begin, end) over [0, n).
template <class Fn>
void for_ranges(size_t n, unsigned threads, Fn&& fn, size_t min_per_part = kMinItemsPerPart) {
  parallel_ranges(n, threads, min_per_part, fn);
}

// total[i] += the sum over parts of fn(begin, end, acc) writing acc[i] (acc starts at zero).
template <class Fn>
void sum_ranges(size_t n, unsigned threads, std::span<EF> total, Fn&& fn, size_t min_per_part = kMinItemsPerPart) {
  std::mutex mutex;
  parallel_ranges(n, threads, min_per_part, [&](size_t b, size_t e) {
    std::vector<EF> acc(total.size(), EF::zero());
    fn(b, e, std::span<EF>(acc));
    std::lock_guard lock(mutex);
    for (size_t i = 0; i < total.size(); ++i) total[i] = total[i] + acc[i];
  });
}

}  // namespace zkgpu::sp1::prover
