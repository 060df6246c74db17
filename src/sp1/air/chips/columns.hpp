// Named column layouts. A chip declares its main and preprocessed columns as
// struct templates Cols<T> whose members are T, Block<T> or arrays of them, in SP1's
// order (SP1 declares the same layouts as #[repr(C)] structs and reads a row through
// them). Instantiated with T = size_t and filled with 0, 1, 2, ... by col_map, the
// struct becomes the chip's column map: the AIR reads b.main(kMain.out) and trace
// generation writes row[kMain.out], so neither repeats a raw index. The width is the
// number of fields, as SP1's size_of::<Cols<u8>>().
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>

#include "sp1/air/builder.hpp"

namespace zkgpu::sp1::air {

// Fields of a Cols<size_t> layout.
template <class Map>
inline constexpr size_t num_cols = sizeof(Map) / sizeof(size_t);

// Columns first, first + 1, ... (a layout that follows another one in the row).
template <class Map>
constexpr Map col_map(size_t first = 0) {
  static_assert(sizeof(Map) % sizeof(size_t) == 0, "a layout holds size_t fields only");
  std::array<size_t, num_cols<Map>> index{};
  for (size_t i = 0; i < index.size(); ++i) index[i] = first + i;
  return std::bit_cast<Map>(index);
}

// SP1's MemoryAccessCols (crates/recursion/machine/src/chips/mem/mod.rs).
template <class T>
struct MemoryAccessCols {
  T addr;
  T mult;
};

template <class B>
Block<ExprOf<B>> main_block(B& b, const Block<size_t>& cols) {
  return {b.main(cols[0]), b.main(cols[1]), b.main(cols[2]), b.main(cols[3])};
}

template <class B>
Block<ExprOf<B>> prep_block(B& b, const Block<size_t>& cols) {
  return {b.preprocessed(cols[0]), b.preprocessed(cols[1]), b.preprocessed(cols[2]), b.preprocessed(cols[3])};
}

}  // namespace zkgpu::sp1::air
