// CudaStarkOps::bit_reverse_rows: upload, device permutation (kernels/ntt/bitrev), download.
#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/bitrev.hpp"

namespace zkgpu {

void CudaStarkOps::bit_reverse_rows(MatrixView m) {
  if (!f31cpu::is_pow2(m.rows))
    throw Error(ErrorCode::invalid_argument,
                "bit_reverse_rows: row count " + std::to_string(m.rows) + " is not a power of two");
  if (m.cols == 0 || m.rows == 1) return;
  if (!m.data) throw Error(ErrorCode::invalid_argument, "bit_reverse_rows: null matrix data");
  const size_t count = m.rows * m.cols;
  cuda::check_fits_device(uint64_t(count) * 4 * 2, "bit_reverse_rows");
  cuda::DeviceBuffer<uint32_t> in(count, stream_), out(count, stream_);
  in.upload({m.data, count});
  cuda::bit_reverse_rows_device(in.data(), out.data(), m.rows, m.cols, stream_);
  out.download({m.data, count});
}

}  // namespace zkgpu
