// CpuStarkOps::bit_reverse_rows: swaps row i with row bitrev(i); each pair is
// swapped by the thread that owns its smaller index.
#include <bit>
#include <utility>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"

namespace zkgpu {

void CpuStarkOps::do_bit_reverse_rows(MatrixView m) {
  const unsigned log_n = unsigned(std::countr_zero(m.rows));
  parallel_ranges(m.rows, threads_, 1024, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      size_t r = 0;
      for (unsigned b = 0; b < log_n; ++b) r |= ((i >> b) & 1) << (log_n - 1 - b);
      if (i < r) std::swap_ranges(m.data + i * m.cols, m.data + (i + 1) * m.cols, m.data + r * m.cols);
    }
  });
}

}  // namespace zkgpu
