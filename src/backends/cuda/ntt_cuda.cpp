// CudaStarkOps::ntt: upload, multi-pass device NTT (kernels/ntt), download.
#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/ntt.hpp"

namespace zkgpu {

void CudaStarkOps::ntt(Field31 f, MatrixView m, NttDirection dir) {
  f31cpu::check_ntt_rows(f, m.rows, "ntt");
  if (m.cols == 0) return;
  if (!m.data) throw Error(ErrorCode::invalid_argument, "ntt: null matrix data");
  const size_t count = m.rows * m.cols;
  cuda::check_fits_device(uint64_t(count) * 4 * 2, "ntt");
  cuda::DeviceBuffer<uint32_t> data(count, stream_), out(count, stream_);
  data.upload({m.data, count});
  cuda::ntt_device(*twiddles_, f, dir, data.data(), out.data(), m.rows, m.cols, stream_);
  out.download({m.data, count});
}

}  // namespace zkgpu
