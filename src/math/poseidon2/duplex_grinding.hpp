#pragma once
// Proof-of-work candidates for a duplex challenger over a 31-bit field with a
// width-16 Poseidon2 permutation and rate 8 (SP1's inner transcript,
// DuplexChallenger<KoalaBear, KoalaPerm, 16, 8>; its rules are in
// src/sp1/transcript/duplex_challenger.hpp). check_witness(bits, w) observes w and
// samples `bits` bits. With `position` inputs already queued (0..7), observing w
// queues it at `position`; the sample then duplexes (the eighth input duplexes at
// once, and the sample takes the fresh outputs either way): the queued inputs and
// w overwrite state[0..position], the state is permuted, and the sample is the
// LAST output, element 7 of the permuted state. So a candidate's test is one
// permutation of `start` (the state with the queued inputs written in) with w at
// `position`. Host and device code share this function (the CPU backend's search
// and the CUDA kernel).
#include <cstdint>

#include "math/hd.hpp"
#include "math/poseidon2/poseidon2_31.hpp"

namespace zkgpu::poseidon2 {

inline constexpr int kDuplexSampleIndex = kRate31 - 1;  // sample() takes the last of the 8 outputs

// Whether witness w (canonical, < p) passes: the sample's canonical value has its
// low bits (`mask` = 2^bits - 1) all zero. `start` in Montgomery form.
template <class I>
ZK_HD bool duplex_witness_passes(const typename I::F (&start)[kWidth31], unsigned position, uint32_t w,
                                 uint32_t mask, const typename I::Constants& rc) {
  using F = typename I::F;
  const F wf = F::from_canonical(w);
  F s[kWidth31];
ZK_P2_UNROLL
  for (int i = 0; i < kWidth31; ++i) s[i] = unsigned(i) == position ? wf : start[i];
  permute<I>(s, rc);
  return (s[kDuplexSampleIndex].to_canonical() & mask) == 0;
}

}  // namespace zkgpu::poseidon2
