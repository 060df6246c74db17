#include "sp1/transcript/multi_field_challenger.hpp"

#include <algorithm>

#include "math/poseidon2/poseidon2_bn254.hpp"

namespace zkgpu::sp1::transcript {

MultiFieldChallenger::MultiFieldChallenger() { state_.fill(bn254::Fr::zero()); }

void MultiFieldChallenger::observe(F x) {
  output_len_ = 0;
  input_[input_len_++] = x;
  if (input_len_ == kInputCapacity) duplex();
}

F MultiFieldChallenger::sample() {
  if (input_len_ != 0 || output_len_ == 0) duplex();
  return output_[--output_len_];
}

void MultiFieldChallenger::duplex() {
  for (int start = 0, slot = 0; start < input_len_; start += kPackedPerScalar, ++slot) {
    const int n = std::min(kPackedPerScalar, input_len_ - start);
    state_[slot] = pack_koalabear(std::span<const F>(input_.data() + start, size_t(n)));
  }
  input_len_ = 0;
  using P = poseidon2::Bn254x3;
  bn254::Fr s[kWidth] = {state_[0], state_[1], state_[2]};
  P::permute(s, P::host_constants());
  for (int i = 0; i < kWidth; ++i) state_[i] = s[i];
  for (int slot = 0; slot < kRate; ++slot) {
    const auto limbs = unpack_koalabear(s[slot]);
    std::copy(limbs.begin(), limbs.end(), output_.begin() + slot * kUnpackedPerScalar);
  }
  output_len_ = kOutputCapacity;
}

}  // namespace zkgpu::sp1::transcript
