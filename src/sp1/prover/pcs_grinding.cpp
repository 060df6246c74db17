#include "sp1/prover/pcs_grinding.hpp"

#include <algorithm>
#include <atomic>
#include <stdexcept>

#include "common/parallel_ranges.hpp"

namespace zkgpu::sp1::prover {

template <class Challenger>
wire::F grind(Challenger& challenger, unsigned bits, unsigned threads) {
  using wire::F;
  if (bits > 30) throw std::invalid_argument("grind: more than 30 bits of proof of work");
  threads = std::max(1u, threads);
  // Candidates in blocks, each block split among the threads; every part scans its
  // range upwards and stops at its first hit, so the block's minimum hit is the
  // smallest witness overall once no earlier block had one.
  const uint64_t block = uint64_t(threads) * 1024;
  for (uint64_t start = 0; start < F::kP; start += block) {
    const uint64_t end = std::min<uint64_t>(F::kP, start + block);
    std::atomic<uint64_t> best{UINT64_MAX};
    parallel_ranges(size_t(end - start), threads, 1, [&](size_t b, size_t e) {
      for (uint64_t w = start + b; w < start + e && w < best.load(std::memory_order_relaxed); ++w) {
        Challenger copy = challenger;
        if (copy.check_witness(bits, F::from_canonical(uint32_t(w)))) {
          uint64_t cur = best.load();
          while (w < cur && !best.compare_exchange_weak(cur, w)) {
          }
          return;
        }
      }
    });
    if (best.load() != UINT64_MAX) {
      const F witness = F::from_canonical(uint32_t(best.load()));
      if (!challenger.check_witness(bits, witness)) throw std::logic_error("grind: witness does not replay");
      return witness;
    }
  }
  throw std::runtime_error("grind: no witness in the field");
}

template wire::F grind<transcript::DuplexChallenger>(transcript::DuplexChallenger&, unsigned, unsigned);
template wire::F grind<transcript::MultiFieldChallenger>(transcript::MultiFieldChallenger&, unsigned, unsigned);

}  // namespace zkgpu::sp1::prover
