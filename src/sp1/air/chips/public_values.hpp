// PublicValues: reads the eight digest elements of the recursion public values from
// memory, one per row, and ties each to the proof's public values (SP1 crates/
// recursion/machine/src/chips/public_values.rs). Row i has pv_idx = e_i.
//   main:         pv_element
//   preprocessed: pv_idx[8], addr, mult
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct PublicValuesChip {
  static constexpr const char* kName = "PublicValues";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 10;
  // RecursionPublicValues (SP1 crates/recursion/executor/src/public_values.rs): the
  // 8-element `digest` follows 175 elements of other fields; 187 values in all.
  static constexpr size_t kDigestOffset = 175;
  static constexpr size_t kDigestSize = 8;

  template <class B>
  void eval(B& b) const {
    const auto element = b.main(0);
    receive_single(b, b.preprocessed(8), element, b.preprocessed(9));
    for (size_t i = 0; i < kDigestSize; ++i)
      assert_eq_when(b, b.preprocessed(i), b.public_value(kDigestOffset + i), element);
  }
};

}  // namespace zkgpu::sp1::air
