// CpuStarkOps::lde: Plonky3's coset LDE, column strip by column strip:
// interpolate on H (inverse NTT), multiply coefficient j by shift^j (shift = the
// field generator), zero-pad to n << log_blowup rows, forward NTT.
#include <bit>
#include <vector>

#include "backends/cpu/ntt31_cpu.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/field31/with_field.hpp"

namespace zkgpu {

void CpuStarkOps::do_lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) {
  const unsigned log_n = unsigned(std::countr_zero(in.rows)), log_big = log_n + log_blowup;
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    const size_t n = in.rows, big = out.rows;
    parallel_ranges(in.cols, threads_, 1, [&](size_t c0, size_t c1) {
      const size_t w = c1 - c0;
      auto coeffs = f31cpu::load_strip<F>(in.data, n, in.cols, c0, c1);
      f31cpu::ntt_strip(coeffs.data(), n, w, log_n, /*inverse=*/true);
      std::vector<F> ext(big * w, F::zero());
      const F shift = F::generator();
      F shift_pow = F::one();
      for (size_t j = 0; j < n; ++j, shift_pow *= shift)
        for (size_t c = 0; c < w; ++c) ext[j * w + c] = coeffs[j * w + c] * shift_pow;
      f31cpu::ntt_strip(ext.data(), big, w, log_big, /*inverse=*/false);
      f31cpu::store_strip(ext, out.data, big, out.cols, c0, c1);
    });
  });
}

}  // namespace zkgpu
