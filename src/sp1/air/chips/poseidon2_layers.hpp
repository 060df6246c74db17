// The linear layers and round constants of SP1's Poseidon2 (KoalaBear, width 16,
// x^3, 8 full + 20 partial rounds) over any expression type, as the Poseidon2 chips
// constrain them (SP1 crates/hypercube/src/operations/poseidon2/air.rs). They are
// the same maps as math/poseidon2's permutation; the chips' tests check the two
// agree on real permutations.
#pragma once

#include <array>
#include <cstdint>

#include "math/field31/field31.hpp"
#include "math/poseidon2/constants_koalabear16.hpp"
#include "math/poseidon2/poseidon2_31.hpp"
#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air::poseidon2 {

inline constexpr size_t kWidth = 16;
inline constexpr size_t kExternalRounds = 8;
inline constexpr size_t kInternalRounds = 20;

template <class E>
using State = std::array<E, kWidth>;

// circ(2 M4, M4, M4, M4) with M4 = [[2 3 1 1] [1 2 3 1] [1 1 2 3] [3 1 1 2]].
template <class B>
void external_layer(B& b, State<ExprOf<B>>& s) {
  using E = ExprOf<B>;
  for (size_t j = 0; j < kWidth; j += 4) {
    const E t01 = s[j] + s[j + 1];
    const E t23 = s[j + 2] + s[j + 3];
    const E t0123 = t01 + t23;
    const E t01123 = t0123 + s[j + 1];
    const E t01233 = t0123 + s[j + 3];
    const E x0 = s[j], x2 = s[j + 2];
    s[j + 3] = t01233 + x0 + x0;
    s[j + 1] = t01123 + x2 + x2;
    s[j] = t01123 + t01;
    s[j + 2] = t01233 + t23;
  }
  std::array<E, 4> sums{s[0], s[1], s[2], s[3]};
  for (size_t j = 4; j < kWidth; j += 4)
    for (size_t k = 0; k < 4; ++k) sums[k] = sums[k] + s[j + k];
  for (size_t i = 0; i < kWidth; ++i) s[i] = s[i] + sums[i % 4];
}

// R^-1 (J + diag(D)), R = 2^32, D = [-2, 1, 2, 4, ..., 2^13, 2^15]: SP1's KoalaBear
// internal layer (math/poseidon2/poseidon2_31.hpp KoalaBear16 explains it).
template <class B>
void internal_layer(B& b, State<ExprOf<B>>& s) {
  using E = ExprOf<B>;
  constexpr uint32_t kP = f31::KoalaBear::kP;
  constexpr uint32_t kRInverse = zkgpu::poseidon2::detail::pow_mod(2, kP - 1 - 32, kP);
  E sum = s[0];
  for (size_t i = 1; i < kWidth; ++i) sum = sum + s[i];
  const E r_inv = b.constant(kRInverse);
  for (size_t i = 0; i < kWidth; ++i) {
    const uint32_t d = i == 0 ? kP - 2 : i == 15 ? (1u << 15) : (1u << (i - 1));
    s[i] = (sum + b.constant(d) * s[i]) * r_inv;
  }
}

template <class B>
ExprOf<B> cube(const ExprOf<B>& x) {
  return x * x * x;
}

inline uint32_t external_constant(size_t round, size_t lane) {
  return round < kExternalRounds / 2 ? zkgpu::poseidon2::constants::koalabear16_initial[round][lane]
                                     : zkgpu::poseidon2::constants::koalabear16_terminal[round - kExternalRounds / 2][lane];
}

inline uint32_t internal_constant(size_t round) { return zkgpu::poseidon2::constants::koalabear16_internal[round]; }

}  // namespace zkgpu::sp1::air::poseidon2
