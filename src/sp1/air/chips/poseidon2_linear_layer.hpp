// Poseidon2LinearLayer: the external or internal linear layer applied to a 16-element
// state packed in four blocks (SP1 crates/recursion/machine/src/chips/
// poseidon2_helper/linear.rs). The layer's output is never stored: it is written to
// memory directly as an expression, once per layer kind, each under its flag.
//   main:         input[4][4]
//   preprocessed: addr_input[4], addr_output[4], external, internal
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/poseidon2_layers.hpp"

namespace zkgpu::sp1::air {

struct Poseidon2LinearLayerChip {
  static constexpr const char* kName = "Poseidon2LinearLayer";
  static constexpr size_t kWidth = 16;
  static constexpr size_t kPreprocessedWidth = 10;

  template <class B>
  void eval(B& b) const {
    using E = ExprOf<B>;
    const E external = b.preprocessed(8), internal = b.preprocessed(9);
    const E is_real = external + internal;
    assert_bool(b, external);
    assert_bool(b, internal);
    assert_bool(b, is_real);
    for (size_t i = 0; i < 4; ++i) receive_block(b, b.preprocessed(i), main_block(b, 4 * i), is_real);

    poseidon2::State<E> ext_state, int_state;
    for (size_t i = 0; i < poseidon2::kWidth; ++i) ext_state[i] = int_state[i] = b.main(i);
    poseidon2::external_layer(b, ext_state);
    poseidon2::internal_layer(b, int_state);
    for (size_t i = 0; i < 4; ++i) {
      const E addr = b.preprocessed(4 + i);
      send_block(b, addr, Block<E>{ext_state[4 * i], ext_state[4 * i + 1], ext_state[4 * i + 2], ext_state[4 * i + 3]},
                 external);
      send_block(b, addr, Block<E>{int_state[4 * i], int_state[4 * i + 1], int_state[4 * i + 2], int_state[4 * i + 3]},
                 internal);
    }
  }
};

}  // namespace zkgpu::sp1::air
