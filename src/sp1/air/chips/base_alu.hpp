// BaseAlu: one base-field operation per row, out = in1 op in2 for op in {+, -, *, /}
// (SP1 crates/recursion/machine/src/chips/alu_base.rs: BaseAluValueCols,
// BaseAluAccessCols; one entry per row).
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct BaseAluCols {
  T out, in1, in2;  // BaseAluIo<F>
};

template <class T>
struct BaseAluPreprocessedCols {
  T addr_out, addr_in1, addr_in2;  // BaseAluIo<Address<F>>
  T is_add, is_sub, is_mul, is_div;
  T mult;
};

struct BaseAluChip {
  static constexpr const char* kName = "BaseAlu";
  static constexpr auto kMain = col_map<BaseAluCols<size_t>>();
  static constexpr auto kPrep = col_map<BaseAluPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<BaseAluCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<BaseAluPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    const auto out = b.main(kMain.out), in1 = b.main(kMain.in1), in2 = b.main(kMain.in2);
    const auto is_add = b.preprocessed(kPrep.is_add), is_sub = b.preprocessed(kPrep.is_sub),
               is_mul = b.preprocessed(kPrep.is_mul), is_div = b.preprocessed(kPrep.is_div);

    const auto is_real = is_add + is_sub + is_mul + is_div;
    assert_bool(b, is_real);
    assert_eq_when(b, is_add, in1 + in2, out);
    assert_eq_when(b, is_sub, in1, in2 + out);
    assert_eq_when(b, is_mul, out, in1 * in2);
    assert_eq_when(b, is_div, in2 * out, in1);

    receive_single(b, b.preprocessed(kPrep.addr_in1), in1, is_real);
    receive_single(b, b.preprocessed(kPrep.addr_in2), in2, is_real);
    send_single(b, b.preprocessed(kPrep.addr_out), out, b.preprocessed(kPrep.mult));
  }
};

}  // namespace zkgpu::sp1::air
