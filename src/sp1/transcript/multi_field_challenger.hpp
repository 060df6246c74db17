// The outer configuration's Fiat-Shamir transcript: a duplex sponge whose state is
// three BN254 scalars (Poseidon2-BN254 width 3, rate 2) while everything observed
// and sampled is KoalaBear (MultiField32Challenger<KoalaBear, Bn254Fr, OuterPerm, 3, 2>
// in succinctlabs/sp1 slop/crates/bn254/src/lib.rs; the rules below are those of
// MultiField32ChallengerVariable in crates/recursion/circuit/src/challenger.rs, which
// the wrap circuit checks against the native challenger):
//   observe   clears the pending outputs and queues the input; the sixteenth queued
//             input triggers a duplex;
//   duplex    the queued inputs, in chunks of 8, are packed into state[0], state[1]
//             (see bn254_packing.hpp); the state is permuted; the outputs are the
//             unpacked limbs of state[0] then state[1] (8 KoalaBear elements);
//   sample    duplexes first when inputs are queued or no output is left, then takes
//             the LAST remaining output;
//   a digest  (one scalar) is observed as its four unpacked limbs.
#pragma once

#include <array>

#include "sp1/transcript/bn254_packing.hpp"
#include "sp1/transcript/challenger_ops.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::transcript {

class MultiFieldChallenger : public ChallengerOps<MultiFieldChallenger> {
 public:
  static constexpr int kWidth = 3;
  static constexpr int kRate = 2;
  static constexpr int kInputCapacity = kRate * kPackedPerScalar;     // 16
  static constexpr int kOutputCapacity = kRate * kUnpackedPerScalar;  // 8

  MultiFieldChallenger();

  void observe(F x);
  void observe_digest(const OuterDigest& d) { observe_digest(d[0]); }
  void observe_digest(const bn254::Fr& x) {
    for (F limb : unpack_koalabear(x)) observe(limb);
  }
  F sample();

  const std::array<bn254::Fr, kWidth>& state() const { return state_; }

 private:
  void duplex();

  std::array<bn254::Fr, kWidth> state_;
  std::array<F, kInputCapacity> input_{};
  int input_len_ = 0;
  std::array<F, kOutputCapacity> output_{};
  int output_len_ = 0;
};

}  // namespace zkgpu::sp1::transcript
