// Select: (out1, out2) = bit ? (in2, in1) : (in1, in2) (SP1 crates/recursion/machine/
// src/chips/select.rs: SelectCols, SelectPreprocessedCols).
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct SelectCols {
  T bit, out1, out2, in1, in2;  // SelectIo<F>
};

template <class T>
struct SelectPreprocessedCols {
  T is_real;
  T addr_bit, addr_out1, addr_out2, addr_in1, addr_in2;  // SelectIo<Address<F>>
  T mult1, mult2;
};

struct SelectChip {
  static constexpr const char* kName = "Select";
  static constexpr auto kMain = col_map<SelectCols<size_t>>();
  static constexpr auto kPrep = col_map<SelectPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<SelectCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<SelectPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    const auto bit = b.main(kMain.bit), out1 = b.main(kMain.out1), out2 = b.main(kMain.out2),
               in1 = b.main(kMain.in1), in2 = b.main(kMain.in2);
    const auto is_real = b.preprocessed(kPrep.is_real);

    receive_single(b, b.preprocessed(kPrep.addr_bit), bit, is_real);
    receive_single(b, b.preprocessed(kPrep.addr_in1), in1, is_real);
    receive_single(b, b.preprocessed(kPrep.addr_in2), in2, is_real);
    assert_bool(b, bit);
    assert_eq(b, out1, in1 + bit * (in2 - in1));
    assert_eq(b, out1 + out2, in1 + in2);
    send_single(b, b.preprocessed(kPrep.addr_out1), out1, b.preprocessed(kPrep.mult1));
    send_single(b, b.preprocessed(kPrep.addr_out2), out2, b.preprocessed(kPrep.mult2));
  }
};

}  // namespace zkgpu::sp1::air
