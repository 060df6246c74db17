// Proof-of-work grinding (GrindingChallenger::grind as SP1 uses it in
// succinctlabs/sp1 slop/crates/basefold-prover/src/prover.rs): a witness w such that
// observing w and sampling `bits` bits gives zero. SP1 accepts any such witness
// (its CPU search takes whichever thread finds one); ours is the SMALLEST, so the
// same transcript always yields the same proof bytes on every backend.
#pragma once

#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/transcript/multi_field_challenger.hpp"
#include "sp1/wire/config.hpp"

namespace zkgpu::sp1::prover {

// Finds the witness on copies of `challenger`, then observes it (and samples the
// check) on `challenger` itself, as the verifier's check_witness will. bits <= 30.
template <class Challenger>
wire::F grind(Challenger& challenger, unsigned bits, unsigned threads);

extern template wire::F grind<transcript::DuplexChallenger>(transcript::DuplexChallenger&, unsigned, unsigned);
extern template wire::F grind<transcript::MultiFieldChallenger>(transcript::MultiFieldChallenger&, unsigned,
                                                                      unsigned);

}  // namespace zkgpu::sp1::prover
