// Poseidon2WideDeg3: one whole Poseidon2 permutation per row, constraints of degree 3
// (SP1 crates/recursion/machine/src/chips/poseidon2_wide/ and crates/hypercube/src/
// operations/poseidon2/). The row stores the state entering each external round,
// the state entering the internal rounds, lane 0 after each internal round but the
// last, and the output; S-box outputs are not stored (a cube is degree 3 already).
//   main:         external_state[8][16], internal_state[16], internal_s0[19], output[16]
//   preprocessed: addr_input[16], (addr_output, mult_output)[16], is_real
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/poseidon2_layers.hpp"

namespace zkgpu::sp1::air {

struct Poseidon2WideChip {
  static constexpr const char* kName = "Poseidon2WideDeg3";
  static constexpr size_t kExternalStateCol = 0;
  static constexpr size_t kInternalStateCol = poseidon2::kExternalRounds * poseidon2::kWidth;
  static constexpr size_t kInternalS0Col = kInternalStateCol + poseidon2::kWidth;
  static constexpr size_t kOutputCol = kInternalS0Col + poseidon2::kInternalRounds - 1;
  static constexpr size_t kWidth = kOutputCol + poseidon2::kWidth;
  static constexpr size_t kPreprocessedWidth = 3 * poseidon2::kWidth + 1;

  template <class B>
  void eval(B& b) const {
    using E = ExprOf<B>;
    constexpr size_t W = poseidon2::kWidth;
    const auto external_state = [&](size_t r, size_t i) { return b.main(kExternalStateCol + r * W + i); };
    const E is_real = b.preprocessed(3 * W);

    // SP1 pads the chip's degree with a constraint x^3 - x^3 (always zero, but it
    // takes a place in the fold).
    const E x = external_state(0, 0);
    assert_eq(b, x * x * x, x * x * x);

    for (size_t i = 0; i < W; ++i) receive_single(b, b.preprocessed(i), external_state(0, i), is_real);
    for (size_t i = 0; i < W; ++i)
      send_single(b, b.preprocessed(W + 2 * i), b.main(kOutputCol + i), b.preprocessed(W + 2 * i + 1));

    for (size_t r = 0; r < poseidon2::kExternalRounds; ++r) {
      poseidon2::State<E> s;
      for (size_t i = 0; i < W; ++i) s[i] = external_state(r, i);
      if (r == 0) poseidon2::external_layer(b, s);
      for (size_t i = 0; i < W; ++i) s[i] = poseidon2::cube<B>(s[i] + b.constant(poseidon2::external_constant(r, i)));
      poseidon2::external_layer(b, s);
      for (size_t i = 0; i < W; ++i) {
        const E next = r == poseidon2::kExternalRounds / 2 - 1 ? b.main(kInternalStateCol + i)
                       : r == poseidon2::kExternalRounds - 1   ? b.main(kOutputCol + i)
                                                               : external_state(r + 1, i);
        assert_eq(b, next, s[i]);
      }
    }

    poseidon2::State<E> s;
    for (size_t i = 0; i < W; ++i) s[i] = b.main(kInternalStateCol + i);
    for (size_t r = 0; r < poseidon2::kInternalRounds; ++r) {
      const E lane0 = r == 0 ? s[0] : b.main(kInternalS0Col + r - 1);
      s[0] = poseidon2::cube<B>(lane0 + b.constant(poseidon2::internal_constant(r)));
      poseidon2::internal_layer(b, s);
      if (r + 1 < poseidon2::kInternalRounds) assert_eq(b, b.main(kInternalS0Col + r), s[0]);
    }
    for (size_t i = 0; i < W; ++i) assert_eq(b, external_state(poseidon2::kExternalRounds / 2, i), s[i]);
  }
};

}  // namespace zkgpu::sp1::air
