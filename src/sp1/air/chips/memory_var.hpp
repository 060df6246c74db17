// MemoryVar: values the prover supplies as hints, written to memory; kEventsPerRow
// writes per row (SP1 crates/recursion/machine/src/chips/mem/variable.rs:
// MemoryVarCols, MemoryVarPreprocessedCols; the compress machine has 2 per row,
// wrap 1).
#pragma once

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

template <size_t kEventsPerRow>
struct MemoryVarLayout {
  template <class T>
  struct Cols {
    std::array<Block<T>, kEventsPerRow> values;
  };
  template <class T>
  struct PreprocessedCols {
    std::array<MemoryAccessCols<T>, kEventsPerRow> accesses;
  };
};

template <size_t kEventsPerRow>
struct MemoryVarChip {
  using Layout = MemoryVarLayout<kEventsPerRow>;
  static constexpr const char* kName = "MemoryVar";
  static constexpr size_t kEvents = kEventsPerRow;
  static constexpr auto kMain = col_map<typename Layout::template Cols<size_t>>();
  static constexpr auto kPrep = col_map<typename Layout::template PreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<typename Layout::template Cols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<typename Layout::template PreprocessedCols<size_t>>;

  template <class B>
  void eval(B& b) const {
    for (size_t k = 0; k < kEventsPerRow; ++k)
      send_block(b, b.preprocessed(kPrep.accesses[k].addr), main_block(b, kMain.values[k]),
                 b.preprocessed(kPrep.accesses[k].mult));
  }
};

}  // namespace zkgpu::sp1::air
