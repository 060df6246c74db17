// CudaStarkOps::lde: upload, fused interpolate / shift / evaluate passes, download.
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt/ntt.hpp"

namespace zkgpu {

void CudaStarkOps::do_lde(Field31 f, ConstMatrixView in, unsigned log_blowup, MatrixView out) {
  const size_t n_in = in.rows * in.cols, n_out = out.rows * out.cols;
  cuda::check_fits_device(stark_workspace::lde(in.rows, in.cols, log_blowup), "lde");
  cuda::DeviceBuffer<uint32_t> d_in(n_in, stream_), scratch(n_out, stream_), d_out(n_out, stream_);
  d_in.upload({in.data, n_in});
  cuda::lde_device(*twiddles_, f, d_in.data(), in.rows, in.cols, log_blowup, scratch.data(), d_out.data(), stream_,
                   ntt_policy_);
  d_out.download({out.data, n_out});
}

}  // namespace zkgpu
