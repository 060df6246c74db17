// CpuStarkOps::lde: Plonky3's coset LDE, column strip by column strip:
// interpolate on H (inverse NTT), multiply coefficient j by shift^j (shift = the
// field generator), zero-pad to n << log_blowup rows, forward NTT.
#include <string>

#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cpu/ntt31_cpu.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"

namespace zkgpu {

void CpuStarkOps::lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) {
  using namespace f31cpu;
  const unsigned log_n = check_ntt_rows(f, in.rows, "lde");
  if (log_blowup > two_adicity(f) || (in.rows << log_blowup) != out.rows)
    throw Error(ErrorCode::invalid_argument, "lde: output must have rows << log_blowup = " +
                                                 std::to_string(in.rows) + " << " + std::to_string(log_blowup) +
                                                 " rows, got " + std::to_string(out.rows));
  const unsigned log_big = check_ntt_rows(f, out.rows, "lde");
  if (out.cols != in.cols)
    throw Error(ErrorCode::invalid_argument, "lde: input has " + std::to_string(in.cols) + " columns, output " +
                                                 std::to_string(out.cols));
  if (in.cols == 0) return;
  if (!in.data || !out.data) throw Error(ErrorCode::invalid_argument, "lde: null matrix data");
  with_field(f, [&](auto field) {
    using F = decltype(field);
    const size_t n = in.rows, big = out.rows;
    parallel_ranges(in.cols, threads_, 1, [&](size_t c0, size_t c1) {
      const size_t w = c1 - c0;
      auto coeffs = load_strip<F>(in.data, n, in.cols, c0, c1);
      ntt_strip(coeffs.data(), n, w, log_n, /*inverse=*/true);
      std::vector<F> ext(big * w, F::zero());
      const F shift = F::generator();
      F shift_pow = F::one();
      for (size_t j = 0; j < n; ++j, shift_pow *= shift)
        for (size_t c = 0; c < w; ++c) ext[j * w + c] = coeffs[j * w + c] * shift_pow;
      ntt_strip(ext.data(), big, w, log_big, /*inverse=*/false);
      store_strip(ext, out.data, big, out.cols, c0, c1);
    });
  });
}

}  // namespace zkgpu
