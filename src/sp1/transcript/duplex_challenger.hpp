// The inner configuration's Fiat-Shamir transcript: a duplex sponge over KoalaBear
// with SP1's Poseidon2-KB16 permutation, rate 8 (DuplexChallenger<KoalaBear,
// KoalaPerm, 16, 8> in succinctlabs/sp1 slop/crates/koala-bear/src/koala_bear_poseidon2.rs;
// the rules below are the ones SP1's recursion circuit re-implements in
// crates/recursion/circuit/src/challenger.rs, DuplexChallengerVariable):
//   observe   clears the pending outputs and queues the input; the eighth queued
//             input triggers a duplex;
//   duplex    the queued inputs overwrite state[0..n], the state is permuted, and
//             state[0..8] become the outputs;
//   sample    duplexes first when inputs are queued or no output is left, then
//             takes the LAST remaining output.
#pragma once

#include <array>

#include "sp1/transcript/challenger_ops.hpp"
#include "sp1/transcript/fields.hpp"

namespace zkgpu::sp1::transcript {

class DuplexChallenger : public ChallengerOps<DuplexChallenger> {
 public:
  static constexpr int kWidth = 16;
  static constexpr int kRate = 8;

  void observe(F x);
  void observe_digest(const InnerDigest& d) {
    for (F x : d) observe(x);
  }
  F sample();

  // The sponge state, for tests.
  const std::array<F, kWidth>& state() const { return state_; }
  // What the duplex after one more observation would permute, without that
  // element: the state with the queued inputs written over its first elements.
  // The next observed element goes to position queued_inputs(). (Proof-of-work
  // searches test witnesses from here: math/poseidon2/duplex_grinding.hpp.)
  std::array<F, kWidth> pending_state() const {
    std::array<F, kWidth> s = state_;
    for (int i = 0; i < input_len_; ++i) s[size_t(i)] = input_[size_t(i)];
    return s;
  }
  unsigned queued_inputs() const { return unsigned(input_len_); }

 private:
  void duplex();

  std::array<F, kWidth> state_{};  // all zero: Montgomery 0 is the word 0
  std::array<F, kRate> input_{};
  int input_len_ = 0;
  std::array<F, kRate> output_{};
  int output_len_ = 0;
};

}  // namespace zkgpu::sp1::transcript
