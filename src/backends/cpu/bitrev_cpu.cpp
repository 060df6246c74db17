// CpuStarkOps::bit_reverse_rows: swaps row i with row bitrev(i); each pair is
// swapped by the thread that owns its smaller index.
#include <utility>

#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"

namespace zkgpu {

void CpuStarkOps::bit_reverse_rows(MatrixView m) {
  using namespace f31cpu;
  if (!is_pow2(m.rows))
    throw Error(ErrorCode::invalid_argument,
                "bit_reverse_rows: row count " + std::to_string(m.rows) + " is not a power of two");
  if (m.cols == 0 || m.rows == 1) return;
  if (!m.data) throw Error(ErrorCode::invalid_argument, "bit_reverse_rows: null matrix data");
  const unsigned log_n = log2_exact(m.rows);
  parallel_ranges(m.rows, threads_, 1024, [&](size_t i0, size_t i1) {
    for (size_t i = i0; i < i1; ++i) {
      size_t r = 0;
      for (unsigned b = 0; b < log_n; ++b) r |= ((i >> b) & 1) << (log_n - 1 - b);
      if (i < r) std::swap_ranges(m.data + i * m.cols, m.data + (i + 1) * m.cols, m.data + r * m.cols);
    }
  });
}

}  // namespace zkgpu
