// Poseidon2WideDeg3: one whole Poseidon2 permutation per row, constraints of degree 3
// (SP1 crates/recursion/machine/src/chips/poseidon2_wide/ and crates/hypercube/src/
// operations/poseidon2/permutation.rs: Poseidon2Degree3Cols, Poseidon2StateCols;
// columns/preprocessed.rs: Poseidon2PreprocessedColsWide). The row stores the state
// entering each external round, the state entering the internal rounds, lane 0 after
// each internal round but the last, and the output; S-box outputs are not stored (a
// cube is degree 3 already).
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"
#include "sp1/air/chips/poseidon2_layers.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct Poseidon2WideCols {
  std::array<poseidon2::State<T>, poseidon2::kExternalRounds> external_rounds_state;
  poseidon2::State<T> internal_rounds_state;
  std::array<T, poseidon2::kInternalRounds - 1> internal_rounds_s0;
  poseidon2::State<T> output_state;
};

template <class T>
struct Poseidon2WidePreprocessedCols {
  std::array<T, poseidon2::kWidth> input;  // addresses
  std::array<MemoryAccessCols<T>, poseidon2::kWidth> output;
  T is_real;
};

// The permutation's rounds on a row holding Poseidon2WideCols at `c` (SP1's
// eval_external_round for each external round, then eval_internal_rounds;
// crates/hypercube/src/operations/poseidon2/air.rs): each external round's state
// is the previous one's image, the internal rounds run from internal_rounds_state
// through the stored lane-0 values to the state entering the second half.
template <class B>
void eval_poseidon2_rounds(B& b, const Poseidon2WideCols<size_t>& c) {
  using E = ExprOf<B>;
  constexpr size_t W = poseidon2::kWidth;
  const auto external_state = [&](size_t r, size_t i) { return b.main(c.external_rounds_state[r][i]); };
  for (size_t r = 0; r < poseidon2::kExternalRounds; ++r) {
    poseidon2::State<E> s;
    for (size_t i = 0; i < W; ++i) s[i] = external_state(r, i);
    if (r == 0) poseidon2::external_layer(b, s);
    for (size_t i = 0; i < W; ++i) s[i] = poseidon2::cube<B>(s[i] + b.constant(poseidon2::external_constant(r, i)));
    poseidon2::external_layer(b, s);
    for (size_t i = 0; i < W; ++i) {
      const E next = r == poseidon2::kExternalRounds / 2 - 1 ? b.main(c.internal_rounds_state[i])
                     : r == poseidon2::kExternalRounds - 1   ? b.main(c.output_state[i])
                                                             : external_state(r + 1, i);
      assert_eq(b, next, s[i]);
    }
  }

  poseidon2::State<E> s;
  for (size_t i = 0; i < W; ++i) s[i] = b.main(c.internal_rounds_state[i]);
  for (size_t r = 0; r < poseidon2::kInternalRounds; ++r) {
    const E lane0 = r == 0 ? s[0] : b.main(c.internal_rounds_s0[r - 1]);
    s[0] = poseidon2::cube<B>(lane0 + b.constant(poseidon2::internal_constant(r)));
    poseidon2::internal_layer(b, s);
    if (r + 1 < poseidon2::kInternalRounds) assert_eq(b, b.main(c.internal_rounds_s0[r]), s[0]);
  }
  for (size_t i = 0; i < W; ++i) assert_eq(b, external_state(poseidon2::kExternalRounds / 2, i), s[i]);
}

struct Poseidon2WideChip {
  static constexpr const char* kName = "Poseidon2WideDeg3";
  static constexpr auto kMain = col_map<Poseidon2WideCols<size_t>>();
  static constexpr auto kPrep = col_map<Poseidon2WidePreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<Poseidon2WideCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<Poseidon2WidePreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    using E = ExprOf<B>;
    constexpr size_t W = poseidon2::kWidth;
    const auto external_state = [&](size_t r, size_t i) { return b.main(kMain.external_rounds_state[r][i]); };
    const E is_real = b.preprocessed(kPrep.is_real);

    // SP1 pads the chip's degree with a constraint x^3 - x^3 (always zero, but it
    // takes a place in the fold).
    const E x = external_state(0, 0);
    assert_eq(b, x * x * x, x * x * x);

    for (size_t i = 0; i < W; ++i) receive_single(b, b.preprocessed(kPrep.input[i]), external_state(0, i), is_real);
    for (size_t i = 0; i < W; ++i)
      send_single(b, b.preprocessed(kPrep.output[i].addr), b.main(kMain.output_state[i]),
                  b.preprocessed(kPrep.output[i].mult));

    eval_poseidon2_rounds(b, kMain);
  }
};

}  // namespace zkgpu::sp1::air
