// CudaStarkOps::bit_reverse_rows: upload, device permutation (kernels/ntt/bitrev), download.
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/bitrev.hpp"

namespace zkgpu {

void CudaStarkOps::do_bit_reverse_rows(MatrixView m) {
  const size_t count = m.rows * m.cols;
  cuda::check_fits_device(stark_workspace::bit_reverse_rows(m.rows, m.cols), "bit_reverse_rows");
  cuda::DeviceBuffer<uint32_t> in(count, stream_), out(count, stream_);
  in.upload({m.data, count});
  cuda::bit_reverse_rows_device(in.data(), out.data(), m.rows, m.cols, stream_);
  out.download({m.data, count});
}

}  // namespace zkgpu
