// Poseidon2SBox: the cube of four packed base elements, for the Poseidon2 steps the
// recursion program runs outside the wide chip (SP1 crates/recursion/machine/src/
// chips/poseidon2_helper/sbox.rs). An external S-box writes all four cubes; an
// internal one writes the first cube and passes lanes 1..3 through.
//   main:         input[4], output[4]
//   preprocessed: addr_input, addr_output, external, internal
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct Poseidon2SBoxChip {
  static constexpr const char* kName = "Poseidon2SBox";
  static constexpr size_t kWidth = 8;
  static constexpr size_t kPreprocessedWidth = 4;

  template <class B>
  void eval(B& b) const {
    const auto input = main_block(b, 0), output = main_block(b, 4);
    const auto addr_input = b.preprocessed(0), addr_output = b.preprocessed(1);
    const auto external = b.preprocessed(2), internal = b.preprocessed(3);

    const auto is_real = external + internal;
    assert_bool(b, external);
    assert_bool(b, internal);
    assert_bool(b, is_real);
    receive_block(b, addr_input, input, is_real);
    for (size_t i = 0; i < 4; ++i) assert_eq(b, input[i] * input[i] * input[i], output[i]);
    send_block(b, addr_output, output, external);
    send_block(b, addr_output, Block<ExprOf<B>>{output[0], input[1], input[2], input[3]}, internal);
  }
};

}  // namespace zkgpu::sp1::air
