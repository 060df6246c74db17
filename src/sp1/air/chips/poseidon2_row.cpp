#include "sp1/air/chips/poseidon2_row.hpp"

#include "math/poseidon2/poseidon2_31.hpp"

namespace zkgpu::sp1::air {

namespace {

using P2 = zkgpu::poseidon2::KoalaBear16;
constexpr size_t kPermutationWidth = poseidon2::kWidth;
using State = Felt[kPermutationWidth];

void store(const State& s, const std::array<size_t, kPermutationWidth>& cols, std::span<Felt> row) {
  for (size_t i = 0; i < kPermutationWidth; ++i) row[cols[i]] = s[i];
}

// sbox(state + constants) then the external layer.
void external_round(State& s, const uint32_t (&rc)[kPermutationWidth]) {
  for (size_t i = 0; i < kPermutationWidth; ++i) s[i] = P2::sbox(s[i] + Felt::from_raw(rc[i]));
  zkgpu::poseidon2::external_layer(s);
}

}  // namespace

std::array<Felt, kPermutationWidth> populate_poseidon2(const std::array<Felt, kPermutationWidth>& input,
                                                       const Poseidon2WideCols<size_t>& cols, std::span<Felt> row) {
  const auto& rc = zkgpu::poseidon2::kHostConstants<P2>;
  constexpr size_t kHalf = poseidon2::kExternalRounds / 2;
  State s;
  for (size_t i = 0; i < kPermutationWidth; ++i) s[i] = input[i];
  store(s, cols.external_rounds_state[0], row);
  zkgpu::poseidon2::external_layer(s);
  for (size_t r = 0; r < kHalf; ++r) {
    if (r > 0) store(s, cols.external_rounds_state[r], row);
    external_round(s, rc.initial[r]);
  }
  store(s, cols.internal_rounds_state, row);
  for (size_t r = 0; r < poseidon2::kInternalRounds; ++r) {
    s[0] = P2::sbox(s[0] + Felt::from_raw(rc.internal[r]));
    P2::internal_layer(s);
    if (r + 1 < poseidon2::kInternalRounds) row[cols.internal_rounds_s0[r]] = s[0];
  }
  for (size_t r = 0; r < kHalf; ++r) {
    store(s, cols.external_rounds_state[kHalf + r], row);
    external_round(s, rc.terminal[r]);
  }
  store(s, cols.output_state, row);
  std::array<Felt, kPermutationWidth> out;
  for (size_t i = 0; i < kPermutationWidth; ++i) out[i] = s[i];
  return out;
}

}  // namespace zkgpu::sp1::air
