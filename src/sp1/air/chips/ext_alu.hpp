// ExtAlu: one extension-field operation per row, out = in1 op in2 for op in
// {+, -, *, /} (SP1 crates/recursion/machine/src/chips/alu_ext.rs: ExtAluValueCols,
// ExtAluAccessCols; one entry per row).
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct ExtAluCols {
  Block<T> out, in1, in2;  // ExtAluIo<Block<F>>
};

template <class T>
struct ExtAluPreprocessedCols {
  T addr_out, addr_in1, addr_in2;  // ExtAluIo<Address<F>>
  T is_add, is_sub, is_mul, is_div;
  T mult;
};

struct ExtAluChip {
  static constexpr const char* kName = "ExtAlu";
  static constexpr auto kMain = col_map<ExtAluCols<size_t>>();
  static constexpr auto kPrep = col_map<ExtAluPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<ExtAluCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<ExtAluPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    const auto out = main_block(b, kMain.out), in1 = main_block(b, kMain.in1), in2 = main_block(b, kMain.in2);
    const auto is_add = b.preprocessed(kPrep.is_add), is_sub = b.preprocessed(kPrep.is_sub),
               is_mul = b.preprocessed(kPrep.is_mul), is_div = b.preprocessed(kPrep.is_div);

    const auto is_real = is_add + is_sub + is_mul + is_div;
    assert_bool(b, is_real);
    assert_block_eq_when(b, is_add, in1 + in2, out);
    assert_block_eq_when(b, is_sub, in1, in2 + out);
    assert_block_eq_when(b, is_mul, ext_mul(b, in1, in2), out);
    assert_block_eq_when(b, is_div, in1, ext_mul(b, in2, out));

    receive_block(b, b.preprocessed(kPrep.addr_in1), in1, is_real);
    receive_block(b, b.preprocessed(kPrep.addr_in2), in2, is_real);
    send_block(b, b.preprocessed(kPrep.addr_out), out, b.preprocessed(kPrep.mult));
  }
};

}  // namespace zkgpu::sp1::air
