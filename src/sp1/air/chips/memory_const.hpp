// MemoryConst: constants the program writes (or reads back) at fixed addresses; all
// of it lives in the preprocessed trace (SP1 crates/recursion/machine/src/chips/mem/
// constant.rs). The one main column is unused (a trace cannot be zero-width).
//   main:         unused
//   preprocessed: value[4], addr, mult
#pragma once

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

struct MemoryConstChip {
  static constexpr const char* kName = "MemoryConst";
  static constexpr size_t kWidth = 1;
  static constexpr size_t kPreprocessedWidth = 6;

  template <class B>
  void eval(B& b) const {
    const Block<ExprOf<B>> value{b.preprocessed(0), b.preprocessed(1), b.preprocessed(2), b.preprocessed(3)};
    send_block(b, b.preprocessed(4), value, b.preprocessed(5));
  }
};

}  // namespace zkgpu::sp1::air
