// ExtFeltConvert: an extension element and its four base coefficients, read as one
// and written as the other (SP1 crates/recursion/machine/src/chips/poseidon2_helper/
// convert.rs: ConvertValueCols, ConvertAccessCols). The direction is in the
// multiplicities' signs: addrs[0] / mults[0] is the extension element, addrs[1..4] /
// mults[1..4] its coefficients.
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct ExtFeltConvertCols {
  Block<T> input;
};

template <class T>
struct ExtFeltConvertPreprocessedCols {
  std::array<T, 5> addrs;
  std::array<T, 5> mults;
};

struct ExtFeltConvertChip {
  static constexpr const char* kName = "ExtFeltConvert";
  static constexpr auto kMain = col_map<ExtFeltConvertCols<size_t>>();
  static constexpr auto kPrep = col_map<ExtFeltConvertPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<ExtFeltConvertCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<ExtFeltConvertPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    const auto value = main_block(b, kMain.input);
    receive_block(b, b.preprocessed(kPrep.addrs[0]), value, b.preprocessed(kPrep.mults[0]));
    for (size_t i = 0; i < 4; ++i)
      send_single(b, b.preprocessed(kPrep.addrs[1 + i]), value[i], b.preprocessed(kPrep.mults[1 + i]));
  }
};

}  // namespace zkgpu::sp1::air
