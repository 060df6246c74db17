// Range: the table of every (a, bits) with bits <= 16 and a < 2^bits, 2^17 rows
// (SP1 crates/core/machine/src/range/{mod.rs, columns.rs, air.rs, trace.rs}:
// RangePreprocessedCols, RangeMultCols). Row 0 is (0, 0); the pair (a, bits) sits at
// row 2^bits + a. The one main column counts the lookups of each pair; each row
// receives the Byte interaction [Range opcode (6), a, bits, 0].
#pragma once

#include <array>

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"
#include "sp1/air/riscv/byte_chip.hpp"

namespace zkgpu::sp1::air {

template <class T>
struct RangePreprocessedCols {
  T a;
  T bits;
};

template <class T>
struct RangeMultCols {
  T multiplicity;
};

struct RangeChip {
  static constexpr const char* kName = "Range";
  static constexpr size_t kLogRows = 17;
  static constexpr size_t kMaxBits = 16;
  static constexpr auto kMain = col_map<RangeMultCols<size_t>>();
  static constexpr auto kPrep = col_map<RangePreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<RangeMultCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<RangePreprocessedCols<size_t>>;
  static_assert(kWidth == 1 && kPreprocessedWidth == 2);

  template <class B>
  void eval(B& b) const {
    using E = ExprOf<B>;
    const std::array<E, 4> values{b.constant(uint32_t(ByteOpcode::Range)), b.preprocessed(kPrep.a),
                                  b.preprocessed(kPrep.bits), b.constant(0)};
    b.interact(Direction::Receive, InteractionKind::Byte, std::span<const E>(values),
               b.main(kMain.multiplicity));
  }
};

}  // namespace zkgpu::sp1::air
