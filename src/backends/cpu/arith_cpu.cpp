// CpuStarkOps::arith: element-wise field arithmetic, the reference for the GPU kernel.
#include <vector>

#include "backends/cpu/stark_ops_cpu.hpp"
#include "common/parallel_ranges.hpp"
#include "math/field31/with_field.hpp"

namespace zkgpu {

void CpuStarkOps::do_arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                           std::span<uint32_t> out) {
  if (op == ArithOp::ext_mul) {
    using F = f31::KoalaBear;
    using E = f31::KoalaBearExt4;
    auto load = [](const uint32_t* p) {
      return E{{F::from_canonical(p[0]), F::from_canonical(p[1]), F::from_canonical(p[2]), F::from_canonical(p[3])}};
    };
    parallel_ranges(a.size() / 4, threads_, 1 << 14, [&](size_t b0, size_t b1) {
      for (size_t i = b0; i < b1; ++i) {
        const E r = load(&a[4 * i]) * load(&b[4 * i]);
        for (int k = 0; k < 4; ++k) out[4 * i + k] = r.c[k].to_canonical();
      }
    });
    return;
  }
  f31::with_field(f, [&](auto field) {
    using F = decltype(field);
    if (op == ArithOp::inv) {
      // One field inversion per part (Montgomery's batch trick).
      parallel_ranges(a.size(), threads_, 1 << 14, [&](size_t b0, size_t b1) {
        std::vector<F> x(b1 - b0), y(b1 - b0);
        for (size_t i = b0; i < b1; ++i) x[i - b0] = F::from_canonical(a[i]);
        f31::batch_inverse(x.data(), y.data(), x.size());
        for (size_t i = b0; i < b1; ++i) out[i] = y[i - b0].to_canonical();
      });
      return;
    }
    parallel_ranges(a.size(), threads_, 1 << 14, [&](size_t b0, size_t b1) {
      for (size_t i = b0; i < b1; ++i) {
        const F x = F::from_canonical(a[i]), y = F::from_canonical(b[i]);
        const F r = op == ArithOp::add ? x + y : op == ArithOp::sub ? x - y : x * y;
        out[i] = r.to_canonical();
      }
    });
  });
}

}  // namespace zkgpu
