// Proof of work for a challenger (the prover side of ChallengerOps::check_witness;
// Plonky3's GrindingChallenger::grind, which SP1 pins): the witness w such that
// observing w and sampling `bits` bits gives zero. SP1 searches in parallel and
// takes any witness that passes; this takes the smallest, so the proof is a
// function of the transcript (the same bytes on every backend and thread count).
// On return the challenger is in the state the verifier's check_witness leaves it in.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <stdexcept>

#include "common/parallel_ranges.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

// Candidates are tried in blocks split among `threads`; every part scans its range
// upwards and stops at its first hit, so a block's smallest hit is the smallest
// witness once no earlier block had one.
template <class Challenger>
F grind(Challenger& challenger, unsigned bits, unsigned threads = 1) {
  threads = std::max(1u, threads);
  const uint64_t block = uint64_t(threads) * 1024;
  for (uint64_t start = 0; start < F::kP; start += block) {
    const uint64_t end = std::min<uint64_t>(F::kP, start + block);
    std::atomic<uint64_t> best{UINT64_MAX};
    parallel_ranges(size_t(end - start), threads, 1, [&](size_t b, size_t e) {
      for (uint64_t w = start + b; w < start + e && w < best.load(std::memory_order_relaxed); ++w) {
        Challenger trial = challenger;
        if (trial.check_witness(bits, F::from_canonical(uint32_t(w)))) {
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

}  // namespace zkgpu::sp1::prover
