// CudaStarkOps::arith: upload, one element-wise kernel, download.
#include <string>

#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/field31/arith.hpp"

namespace zkgpu {

void CudaStarkOps::arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                         std::span<uint32_t> out) {
  const bool unary = op == ArithOp::inv;
  if ((!unary && a.size() != b.size()) || a.size() != out.size())
    throw Error(ErrorCode::invalid_argument, "arith: operand sizes differ (a " + std::to_string(a.size()) + ", b " +
                                                 std::to_string(b.size()) + ", out " + std::to_string(out.size()) + ")");
  if (op > ArithOp::ext_mul) throw Error(ErrorCode::invalid_argument, "arith: unknown op " + std::to_string(int(op)));
  if (op == ArithOp::ext_mul && (f != Field31::koalabear || a.size() % 4 != 0))
    throw Error(ErrorCode::invalid_argument, "arith: ext_mul needs koalabear and 4 values per element");
  f31cpu::two_adicity(f);  // rejects unknown field ids
  if (unary)
    for (size_t i = 0; i < a.size(); ++i)
      if (a[i] == 0) throw Error(ErrorCode::invalid_argument, "arith: inverse of zero at index " + std::to_string(i));
  if (a.empty()) return;
  cuda::check_fits_device(uint64_t(a.size()) * 4 * (unary ? 2 : 3), "arith");
  cuda::DeviceBuffer<uint32_t> da(a.size(), stream_), db(unary ? 0 : b.size(), stream_), dout(a.size(), stream_);
  da.upload(a);
  if (!unary) db.upload(b);
  cuda::arith_device(f, op, da.data(), db.data(), dout.data(), a.size(), stream_);
  dout.download(out);
}

}  // namespace zkgpu
