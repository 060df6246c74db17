// Poseidon2LinearLayer: the external or internal linear layer applied to a 16-element
// state packed in four blocks (SP1 crates/recursion/machine/src/chips/
// poseidon2_helper/linear.rs: Poseidon2LinearLayerValueCols,
// Poseidon2LinearLayerAccessCols). The layer's output is never stored: it is written
// to memory directly as an expression, once per layer kind, each under its flag.
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"
#include "sp1/air/chips/poseidon2_layers.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct Poseidon2LinearLayerCols {
  std::array<Block<T>, 4> input;
};

template <class T>
struct Poseidon2LinearLayerPreprocessedCols {
  std::array<T, 4> addr_input;  // Poseidon2LinearLayerIo<Address<F>>
  std::array<T, 4> addr_output;
  T external, internal;
};

struct Poseidon2LinearLayerChip {
  static constexpr const char* kName = "Poseidon2LinearLayer";
  static constexpr auto kMain = col_map<Poseidon2LinearLayerCols<size_t>>();
  static constexpr auto kPrep = col_map<Poseidon2LinearLayerPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<Poseidon2LinearLayerCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<Poseidon2LinearLayerPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    using E = ExprOf<B>;
    const E external = b.preprocessed(kPrep.external), internal = b.preprocessed(kPrep.internal);
    const E is_real = external + internal;
    assert_bool(b, external);
    assert_bool(b, internal);
    assert_bool(b, is_real);
    for (size_t i = 0; i < 4; ++i)
      receive_block(b, b.preprocessed(kPrep.addr_input[i]), main_block(b, kMain.input[i]), is_real);

    poseidon2::State<E> ext_state, int_state;
    for (size_t i = 0; i < poseidon2::kWidth; ++i) ext_state[i] = int_state[i] = b.main(kMain.input[i / 4][i % 4]);
    poseidon2::external_layer(b, ext_state);
    poseidon2::internal_layer(b, int_state);
    for (size_t i = 0; i < 4; ++i) {
      const E addr = b.preprocessed(kPrep.addr_output[i]);
      send_block(b, addr, Block<E>{ext_state[4 * i], ext_state[4 * i + 1], ext_state[4 * i + 2], ext_state[4 * i + 3]},
                 external);
      send_block(b, addr, Block<E>{int_state[4 * i], int_state[4 * i + 1], int_state[4 * i + 2], int_state[4 * i + 3]},
                 internal);
    }
  }
};

}  // namespace zkgpu::sp1::air
