// PublicValues: reads the eight digest elements of the recursion public values from
// memory, one per row, and ties each to the proof's public values (SP1 crates/
// recursion/machine/src/chips/public_values.rs: PublicValuesCols,
// PublicValuesPreprocessedCols). Row i has pv_idx = e_i; the trace always has
// 1 << PUB_VALUES_LOG_HEIGHT = 16 rows.
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct PublicValuesCols {
  T pv_element;
};

template <class T>
struct PublicValuesPreprocessedCols {
  std::array<T, 8> pv_idx;  // DIGEST_SIZE
  MemoryAccessCols<T> pv_mem;
};

struct PublicValuesChip {
  static constexpr const char* kName = "PublicValues";
  static constexpr auto kMain = col_map<PublicValuesCols<size_t>>();
  static constexpr auto kPrep = col_map<PublicValuesPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<PublicValuesCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<PublicValuesPreprocessedCols<size_t>>;
  // RecursionPublicValues (SP1 crates/recursion/executor/src/public_values.rs): the
  // 8-element `digest` follows 175 elements of other fields; 187 values in all.
  static constexpr size_t kDigestOffset = 175;
  static constexpr size_t kDigestSize = 8;
  static constexpr size_t kRows = 16;  // PUB_VALUES_LOG_HEIGHT = 4

  template <class B>
  void eval(B& b) const {
    const auto element = b.main(kMain.pv_element);
    receive_single(b, b.preprocessed(kPrep.pv_mem.addr), element, b.preprocessed(kPrep.pv_mem.mult));
    for (size_t i = 0; i < kDigestSize; ++i)
      assert_eq_when(b, b.preprocessed(kPrep.pv_idx[i]), b.public_value(kDigestOffset + i), element);
  }
};

}  // namespace zkgpu::sp1::air
