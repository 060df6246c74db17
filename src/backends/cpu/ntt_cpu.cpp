// CpuStarkOps::ntt: columns are split into strips, one per thread.
#include <bit>

#include "backends/cpu/ntt31_cpu.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/field31/with_field.hpp"

namespace zkgpu {

void CpuStarkOps::do_ntt(Field31 f, MatrixView m, NttDirection dir) {
  const unsigned log_n = unsigned(std::countr_zero(m.rows));
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    parallel_ranges(m.cols, threads_, 1, [&](size_t c0, size_t c1) {
      auto strip = f31cpu::load_strip<F>(m.data, m.rows, m.cols, c0, c1);
      f31cpu::ntt_strip(strip.data(), m.rows, c1 - c0, log_n, dir == NttDirection::inverse);
      f31cpu::store_strip(strip, m.data, m.rows, m.cols, c0, c1);
    });
  });
}

}  // namespace zkgpu
