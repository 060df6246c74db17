// Proof of work for a challenger (the prover side of ChallengerOps::check_witness;
// Plonky3's GrindingChallenger::grind, which SP1 pins): the witness w such that
// observing w and sampling `bits` bits gives zero. SP1 searches in parallel and
// takes any witness that passes; this takes the smallest, so the proof is a
// function of the transcript. On return the challenger is in the state the
// verifier's check_witness leaves it in.
#pragma once

#include <stdexcept>

#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::prover {

template <class Challenger>
F grind(Challenger& challenger, unsigned bits) {
  for (uint32_t w = 0; w < F::kP; ++w) {
    Challenger trial = challenger;
    if (trial.check_witness(bits, F::from_canonical(w))) {
      challenger = trial;
      return F::from_canonical(w);
    }
  }
  throw std::runtime_error("grind: no witness in the field");
}

}  // namespace zkgpu::sp1::prover
