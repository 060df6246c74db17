// Byte: the table of every pair of bytes (b, c) with the results of the byte
// operations, 2^16 rows (SP1 crates/core/machine/src/bytes/{mod.rs, columns.rs,
// air.rs, trace.rs}: BytePreprocessedCols, ByteMultCols). Main column i counts the
// lookups of byte operation i (ByteOpcode::byte_table order, which is also the
// opcode's value: AND 0, OR 1, XOR 2, U8Range 3, LTU 4, MSB 5). Each row receives one
// Byte interaction [opcode, a, b, c] per operation (receive_byte,
// crates/hypercube/src/air/builder.rs).
#pragma once

#include <array>
#include <cstdint>

#include "sp1/air/builder.hpp"
#include "sp1/air/chips/columns.hpp"

namespace zkgpu::sp1::air {

// SP1's ByteOpcode (crates/core/executor/src/opcode.rs).
enum class ByteOpcode : uint8_t { AND = 0, OR = 1, XOR = 2, U8Range = 3, LTU = 4, MSB = 5, Range = 6 };
inline constexpr size_t kNumByteOps = 6;  // the Byte table's operations: all but Range

template <class T>
struct BytePreprocessedCols {
  T b, c;
  T and_, or_, xor_;
  T ltu;  // b < c
  T msb;  // the top bit of b
};

template <class T>
struct ByteMultCols {
  std::array<T, kNumByteOps> multiplicities;
};

struct ByteChip {
  static constexpr const char* kName = "Byte";
  static constexpr size_t kLogRows = 16;
  static constexpr auto kMain = col_map<ByteMultCols<size_t>>();
  static constexpr auto kPrep = col_map<BytePreprocessedCols<size_t>>();
  static constexpr size_t kWidth = num_cols<ByteMultCols<size_t>>;
  static constexpr size_t kPreprocessedWidth = num_cols<BytePreprocessedCols<size_t>>;
  static_assert(kWidth == 6 && kPreprocessedWidth == 7);

  template <class B>
  void eval(B& b) const {
    using E = ExprOf<B>;
    const E zero = b.constant(0);
    const E bb = b.preprocessed(kPrep.b), c = b.preprocessed(kPrep.c);
    const auto receive = [&](ByteOpcode op, const E& a, const E& x, const E& y) {
      const std::array<E, 4> values{b.constant(uint32_t(op)), a, x, y};
      b.interact(Direction::Receive, InteractionKind::Byte, std::span<const E>(values),
                 b.main(kMain.multiplicities[size_t(op)]));
    };
    receive(ByteOpcode::AND, b.preprocessed(kPrep.and_), bb, c);
    receive(ByteOpcode::OR, b.preprocessed(kPrep.or_), bb, c);
    receive(ByteOpcode::XOR, b.preprocessed(kPrep.xor_), bb, c);
    receive(ByteOpcode::U8Range, zero, bb, c);
    receive(ByteOpcode::LTU, b.preprocessed(kPrep.ltu), bb, c);
    receive(ByteOpcode::MSB, b.preprocessed(kPrep.msb), bb, zero);
  }
};

}  // namespace zkgpu::sp1::air
