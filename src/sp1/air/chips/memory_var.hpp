// MemoryVar: values the prover supplies as hints, written to memory; kEventsPerRow
// writes per row (SP1 crates/recursion/machine/src/chips/mem/variable.rs; the
// compress machine has 2 per row, wrap 1).
//   main:         value_k[4] for each event k
//   preprocessed: (addr_k, mult_k) for each event k
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

template <size_t kEventsPerRow>
struct MemoryVarChip {
  static constexpr const char* kName = "MemoryVar";
  static constexpr size_t kWidth = 4 * kEventsPerRow;
  static constexpr size_t kPreprocessedWidth = 2 * kEventsPerRow;

  template <class B>
  void eval(B& b) const {
    for (size_t k = 0; k < kEventsPerRow; ++k)
      send_block(b, b.preprocessed(2 * k), main_block(b, 4 * k), b.preprocessed(2 * k + 1));
  }
};

}  // namespace zkgpu::sp1::air
