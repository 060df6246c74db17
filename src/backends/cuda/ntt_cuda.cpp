// CudaStarkOps::ntt: upload, multi-pass device NTT (kernels/ntt), download.
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/ntt.hpp"

namespace zkgpu {

void CudaStarkOps::do_ntt(Field31 f, MatrixView m, NttDirection dir) {
  const size_t count = m.rows * m.cols;
  cuda::check_fits_device(stark_workspace::ntt(m.rows, m.cols), "ntt");
  cuda::DeviceBuffer<uint32_t> data(count, stream_), out(count, stream_);
  data.upload({m.data, count});
  cuda::ntt_device(*twiddles_, f, dir, data.data(), out.data(), m.rows, m.cols, stream_, ntt_policy_);
  out.download({m.data, count});
}

}  // namespace zkgpu
