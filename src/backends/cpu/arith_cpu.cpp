// CpuStarkOps::arith: element-wise field arithmetic, the reference for the GPU kernel.
#include <string>

#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cpu/stark_ops_cpu.hpp"

namespace zkgpu {

namespace {

void check_sizes(ArithOp op, size_t a, size_t b, size_t out) {
  const bool unary = op == ArithOp::inv;
  if ((!unary && a != b) || a != out)
    throw Error(ErrorCode::invalid_argument, "arith: operand sizes differ (a " + std::to_string(a) + ", b " +
                                                 std::to_string(b) + ", out " + std::to_string(out) + ")");
  if (op == ArithOp::ext_mul && a % 4 != 0)
    throw Error(ErrorCode::invalid_argument, "arith: ext_mul needs 4 values per element, got " + std::to_string(a));
}

}  // namespace

void CpuStarkOps::arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                        std::span<uint32_t> out) {
  using namespace f31cpu;
  check_sizes(op, a.size(), b.size(), out.size());
  if (op > ArithOp::ext_mul) throw Error(ErrorCode::invalid_argument, "arith: unknown op " + std::to_string(int(op)));
  if (op == ArithOp::ext_mul && f != Field31::koalabear)
    throw Error(ErrorCode::invalid_argument, "arith: ext_mul is defined for koalabear only");
  if (op == ArithOp::inv)
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] == 0) throw Error(ErrorCode::invalid_argument, "arith: inverse of zero at index " + std::to_string(i));

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
  with_field(f, [&](auto field) {
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
