// Select: (out1, out2) = bit ? (in2, in1) : (in1, in2) (SP1 crates/recursion/machine/
// src/chips/select.rs).
//   main:         bit, out1, out2, in1, in2
//   preprocessed: is_real, addr_bit, addr_out1, addr_out2, addr_in1, addr_in2, mult1, mult2
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct SelectChip {
  static constexpr const char* kName = "Select";
  static constexpr size_t kWidth = 5;
  static constexpr size_t kPreprocessedWidth = 8;

  template <class B>
  void eval(B& b) const {
    const auto bit = b.main(0), out1 = b.main(1), out2 = b.main(2), in1 = b.main(3), in2 = b.main(4);
    const auto is_real = b.preprocessed(0);

    receive_single(b, b.preprocessed(1), bit, is_real);
    receive_single(b, b.preprocessed(4), in1, is_real);
    receive_single(b, b.preprocessed(5), in2, is_real);
    assert_bool(b, bit);
    assert_eq(b, out1, in1 + bit * (in2 - in1));
    assert_eq(b, out1 + out2, in1 + in2);
    send_single(b, b.preprocessed(2), out1, b.preprocessed(6));
    send_single(b, b.preprocessed(3), out2, b.preprocessed(7));
  }
};

}  // namespace zkgpu::sp1::air
