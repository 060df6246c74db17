// ExtFeltConvert: an extension element and its four base coefficients, read as one
// and written as the other (SP1 crates/recursion/machine/src/chips/poseidon2_helper/
// convert.rs). The direction is in the multiplicities' signs.
//   main:         value[4]
//   preprocessed: addr_ext, addr_felt[4], mult_ext, mult_felt[4]
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct ExtFeltConvertChip {
  static constexpr const char* kName = "ExtFeltConvert";
  static constexpr size_t kWidth = 4;
  static constexpr size_t kPreprocessedWidth = 10;

  template <class B>
  void eval(B& b) const {
    const auto value = main_block(b, 0);
    receive_block(b, b.preprocessed(0), value, b.preprocessed(5));
    for (size_t i = 0; i < 4; ++i) send_single(b, b.preprocessed(1 + i), value[i], b.preprocessed(6 + i));
  }
};

}  // namespace zkgpu::sp1::air
