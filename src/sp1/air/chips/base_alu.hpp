// BaseAlu: one base-field operation per row, out = in1 op in2 for op in {+, -, *, /}
// (SP1 crates/recursion/machine/src/chips/alu_base.rs).
//   main:         out, in1, in2
//   preprocessed: addr_out, addr_in1, addr_in2, is_add, is_sub, is_mul, is_div, mult
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct BaseAluChip {
  static constexpr const char* kName = "BaseAlu";
  static constexpr size_t kWidth = 3;
  static constexpr size_t kPreprocessedWidth = 8;

  template <class B>
  void eval(B& b) const {
    const auto out = b.main(0), in1 = b.main(1), in2 = b.main(2);
    const auto addr_out = b.preprocessed(0), addr_in1 = b.preprocessed(1), addr_in2 = b.preprocessed(2);
    const auto is_add = b.preprocessed(3), is_sub = b.preprocessed(4), is_mul = b.preprocessed(5),
               is_div = b.preprocessed(6), mult = b.preprocessed(7);

    const auto is_real = is_add + is_sub + is_mul + is_div;
    assert_bool(b, is_real);
    assert_eq_when(b, is_add, in1 + in2, out);
    assert_eq_when(b, is_sub, in1, in2 + out);
    assert_eq_when(b, is_mul, out, in1 * in2);
    assert_eq_when(b, is_div, in2 * out, in1);

    receive_single(b, addr_in1, in1, is_real);
    receive_single(b, addr_in2, in2, is_real);
    send_single(b, addr_out, out, mult);
  }
};

}  // namespace zkgpu::sp1::air
