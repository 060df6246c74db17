// Poseidon2SBox: the cube of four packed base elements, for the Poseidon2 steps the
// recursion program runs outside the wide chip (SP1 crates/recursion/machine/src/
// chips/poseidon2_helper/sbox.rs: Poseidon2SBoxValueCols, Poseidon2SBoxAccessCols).
// An external S-box writes all four cubes; an internal one writes the first cube and
// passes lanes 1..3 through. The output columns hold all four cubes either way.
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct Poseidon2SBoxCols {
  Block<T> input, output;  // Poseidon2SBoxIo<Block<F>>
};

template <class T>
struct Poseidon2SBoxPreprocessedCols {
  T addr_input, addr_output;  // Poseidon2SBoxIo<Address<F>>
  T external, internal;
};

struct Poseidon2SBoxChip {
  static constexpr const char* kName = "Poseidon2SBox";
  static constexpr auto kMain = col_map<Poseidon2SBoxCols<size_t>>();
  static constexpr auto kPrep = col_map<Poseidon2SBoxPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<Poseidon2SBoxCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<Poseidon2SBoxPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    const auto input = main_block(b, kMain.input), output = main_block(b, kMain.output);
    const auto addr_output = b.preprocessed(kPrep.addr_output);
    const auto external = b.preprocessed(kPrep.external), internal = b.preprocessed(kPrep.internal);

    const auto is_real = external + internal;
    assert_bool(b, external);
    assert_bool(b, internal);
    assert_bool(b, is_real);
    receive_block(b, b.preprocessed(kPrep.addr_input), input, is_real);
    for (size_t i = 0; i < 4; ++i) assert_eq(b, input[i] * input[i] * input[i], output[i]);
    send_block(b, addr_output, output, external);
    send_block(b, addr_output, Block<ExprOf<B>>{output[0], input[1], input[2], input[3]}, internal);
  }
};

}  // namespace zkgpu::sp1::air
