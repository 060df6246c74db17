// CpuStarkOps::ntt: columns are split into strips, one per thread.
#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cpu/ntt31_cpu.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"

namespace zkgpu {

void CpuStarkOps::ntt(Field31 f, MatrixView m, NttDirection dir) {
  using namespace f31cpu;
  const unsigned log_n = check_ntt_rows(f, m.rows, "ntt");
  if (m.cols == 0) return;
  if (!m.data) throw Error(ErrorCode::invalid_argument, "ntt: null matrix data");
  with_field(f, [&](auto field) {
    using F = decltype(field);
    parallel_ranges(m.cols, threads_, 1, [&](size_t c0, size_t c1) {
      auto strip = load_strip<F>(m.data, m.rows, m.cols, c0, c1);
      ntt_strip(strip.data(), m.rows, c1 - c0, log_n, dir == NttDirection::inverse);
      store_strip(strip, m.data, m.rows, m.cols, c0, c1);
    });
  });
}

}  // namespace zkgpu
