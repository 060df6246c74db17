// CudaStarkOps::lde: upload, fused interpolate / shift / evaluate passes, download.
#include <string>

#include "backends/cpu/field31_cpu_util.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/ntt.hpp"

namespace zkgpu {

void CudaStarkOps::lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) {
  using namespace f31cpu;
  check_ntt_rows(f, in.rows, "lde");
  if (log_blowup > two_adicity(f) || (in.rows << log_blowup) != out.rows)
    throw Error(ErrorCode::invalid_argument, "lde: output must have rows << log_blowup = " +
                                                 std::to_string(in.rows) + " << " + std::to_string(log_blowup) +
                                                 " rows, got " + std::to_string(out.rows));
  check_ntt_rows(f, out.rows, "lde");
  if (out.cols != in.cols)
    throw Error(ErrorCode::invalid_argument, "lde: input has " + std::to_string(in.cols) + " columns, output " +
                                                 std::to_string(out.cols));
  if (in.cols == 0) return;
  if (!in.data || !out.data) throw Error(ErrorCode::invalid_argument, "lde: null matrix data");
  const size_t n_in = in.rows * in.cols, n_out = out.rows * out.cols;
  cuda::check_fits_device((uint64_t(n_in) + 2 * uint64_t(n_out)) * 4, "lde");
  cuda::DeviceBuffer<uint32_t> d_in(n_in, stream_), scratch(n_out, stream_), d_out(n_out, stream_);
  d_in.upload({in.data, n_in});
  cuda::lde_device(*twiddles_, f, d_in.data(), in.rows, in.cols, log_blowup, scratch.data(), d_out.data(), stream_);
  d_out.download({out.data, n_out});
}

}  // namespace zkgpu
