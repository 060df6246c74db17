// CudaStarkOps::arith: upload, one element-wise kernel, download.
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/field31/arith.hpp"

namespace zkgpu {

void CudaStarkOps::do_arith(Field31 f, ArithOp op, std::span<const uint32_t> a, std::span<const uint32_t> b,
                            std::span<uint32_t> out) {
  const bool unary = op == ArithOp::inv;
  cuda::check_fits_device(stark_workspace::arith(a.size(), unary), "arith");
  cuda::DeviceBuffer<uint32_t> da(a.size(), stream_), db(unary ? 0 : b.size(), stream_), dout(a.size(), stream_);
  da.upload(a);
  if (!unary) db.upload(b);
  cuda::arith_device(f, op, da.data(), db.data(), dout.data(), a.size(), stream_);
  dout.download(out);
}

}  // namespace zkgpu
