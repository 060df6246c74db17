#include "sp1/transcript/duplex_challenger.hpp"

#include "math/poseidon2/poseidon2_31.hpp"

namespace zkgpu::sp1::transcript {

void DuplexChallenger::observe(F x) {
  output_len_ = 0;
  input_[input_len_++] = x;
  if (input_len_ == kRate) duplex();
}

F DuplexChallenger::sample() {
  if (input_len_ != 0 || output_len_ == 0) duplex();
  return output_[--output_len_];
}

void DuplexChallenger::duplex() {
  for (int i = 0; i < input_len_; ++i) state_[i] = input_[i];
  input_len_ = 0;
  using P = poseidon2::KoalaBear16;
  F s[kWidth];
  for (int i = 0; i < kWidth; ++i) s[i] = state_[i];
  poseidon2::permute<P>(s, poseidon2::kHostConstants<P>);
  for (int i = 0; i < kWidth; ++i) state_[i] = s[i];
  for (int i = 0; i < kRate; ++i) output_[i] = s[i];
  output_len_ = kRate;
}

}  // namespace zkgpu::sp1::transcript
