// CpuStarkOps::grind_duplex: candidates in blocks of 1024 per thread, each thread
// scanning its part of a block upwards and stopping at its first hit; the smallest
// hit of the first block that has one is the smallest witness.
#include <algorithm>
#include <atomic>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/poseidon2/duplex_grinding.hpp"
#include "math/poseidon2/host31.hpp"

namespace zkgpu {

uint32_t CpuStarkOps::do_grind_duplex(Field31 f, const DuplexGrindQuery& q) {
  return poseidon2::with_instance(f, [&](auto inst) -> uint32_t {
    using I = decltype(inst);
    using F = typename I::F;
    F start[poseidon2::kWidth31];
    poseidon2::to_monty<I>(q.state, start);
    const uint32_t mask = (uint32_t(1) << q.bits) - 1;
    const uint64_t p = F::kP, block = uint64_t(threads_) * 1024;
    for (uint64_t first = 0; first < p; first += block) {
      const uint64_t end = std::min(p, first + block);
      std::atomic<uint64_t> best{p};
      parallel_ranges(size_t(end - first), threads_, 1, [&](size_t b, size_t e) {
        for (uint64_t w = first + b; w < first + e && w < best.load(std::memory_order_relaxed); ++w)
          if (poseidon2::duplex_witness_passes<I>(start, q.position, uint32_t(w), mask,
                                                  poseidon2::kHostConstants<I>)) {
            uint64_t cur = best.load();
            while (w < cur && !best.compare_exchange_weak(cur, w)) {
            }
            return;
          }
      });
      if (best.load() < p) return uint32_t(best.load());
    }
    return uint32_t(p);
  });
}

}  // namespace zkgpu
