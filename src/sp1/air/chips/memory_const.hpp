// MemoryConst: constants the program writes (or reads back) at fixed addresses; all
// of it lives in the preprocessed trace (SP1 crates/recursion/machine/src/chips/mem/
// constant.rs: MemoryConstCols, MemoryConstPreprocessedCols; one entry per row). The
// one main column is unused (a trace cannot be zero-width). A read is a write with a
// negated multiplicity.
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct MemoryConstCols {
  T unused;
};

template <class T>
struct MemoryConstPreprocessedCols {
  Block<T> value;
  MemoryAccessCols<T> access;
};

struct MemoryConstChip {
  static constexpr const char* kName = "MemoryConst";
  static constexpr auto kMain = col_map<MemoryConstCols<size_t>>();
  static constexpr auto kPrep = col_map<MemoryConstPreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<MemoryConstCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<MemoryConstPreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    send_block(b, b.preprocessed(kPrep.access.addr), prep_block(b, kPrep.value), b.preprocessed(kPrep.access.mult));
  }
};

}  // namespace zkgpu::sp1::air
