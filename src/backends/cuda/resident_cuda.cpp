// CudaStarkOps's resident matrices: upload and download at the edges; the LDE
// and the Reed-Solomon encoding read and write device buffers only.
#include "backends/cuda/pinned_staging.hpp"
#include "backends/cuda/resident_matrix_cuda.hpp"
#include "backends/cuda/stark_cuda_util.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "backends/stark_workspace.hpp"
#include "kernels/ntt/bitrev.hpp"
#include "kernels/ntt/ntt.hpp"

namespace zkgpu {

bool CudaStarkOps::owns(const ResidentMatrix& m) const noexcept {
  const auto* c = dynamic_cast<const CudaResidentMatrix*>(&m);
  return c && c->owner == this;
}

std::unique_ptr<ResidentMatrix> CudaStarkOps::do_upload(Field31 f, ConstMatrixView m) {
  cuda::check_fits_device(uint64_t(m.rows) * m.cols * 4, "upload");
  auto r = std::make_unique<CudaResidentMatrix>(this, f, m.rows, m.cols, stream_);
  staging_->upload(r->values.data(), m.data, m.rows * m.cols * 4, stream_);
  return r;
}

void CudaStarkOps::do_download(const ResidentMatrix& m, MatrixView out) {
  cuda_matrix(m).values.download({out.data, out.rows * out.cols});
}

std::unique_ptr<ResidentMatrix> CudaStarkOps::do_lde(const ResidentMatrix& in, unsigned log_blowup) {
  const CudaResidentMatrix& src = cuda_matrix(in);
  const size_t n_in = src.n_rows * src.n_cols;
  cuda::check_fits_device(stark_workspace::lde(src.n_rows, src.n_cols, log_blowup), "lde");
  // lde_device clobbers its input: it works on a device copy, so `in` stays as it was.
  cuda::DeviceBuffer<uint32_t> work(n_in, stream_);
  cuda::check(cudaMemcpyAsync(work.data(), src.values.data(), n_in * 4, cudaMemcpyDeviceToDevice, stream_),
              "lde input copy");
  auto out = std::make_unique<CudaResidentMatrix>(this, src.field_id, src.n_rows << log_blowup, src.n_cols, stream_);
  cuda::DeviceBuffer<uint32_t> scratch(out->values.size(), stream_);
  cuda::lde_device(*twiddles_, src.field_id, work.data(), src.n_rows, src.n_cols, log_blowup, scratch.data(),
                   out->values.data(), stream_, ntt_policy_);
  return out;
}

// The coefficients go straight into the first rows of the result's buffer (the
// transform never reads the padding), the evaluations into a second buffer, and
// the bit reversal back into the first: two buffers of the codeword at the peak.
std::unique_ptr<ResidentMatrix> CudaStarkOps::do_rs_encode(Field31 f, ConstMatrixView coefficients,
                                                           unsigned log_blowup) {
  cuda::check_fits_device(stark_workspace::rs_encode(coefficients.rows, coefficients.cols, log_blowup), "rs_encode");
  auto out = std::make_unique<CudaResidentMatrix>(this, f, coefficients.rows << log_blowup, coefficients.cols, stream_);
  staging_->upload(out->values.data(), coefficients.data, coefficients.rows * coefficients.cols * 4, stream_);
  encode_filled(*out, coefficients.rows, log_blowup);
  return out;
}

std::unique_ptr<ResidentMatrix> CudaStarkOps::do_rs_encode(const ResidentMatrix& coefficients, unsigned log_blowup) {
  const CudaResidentMatrix& src = cuda_matrix(coefficients);
  cuda::check_fits_device(stark_workspace::rs_encode(src.n_rows, src.n_cols, log_blowup), "rs_encode");
  auto out = std::make_unique<CudaResidentMatrix>(this, src.field_id, src.n_rows << log_blowup, src.n_cols, stream_);
  cuda::check(cudaMemcpyAsync(out->values.data(), src.values.data(), src.values.size() * 4, cudaMemcpyDeviceToDevice,
                              stream_),
              "rs_encode input copy");
  encode_filled(*out, src.n_rows, log_blowup);
  return out;
}

void CudaStarkOps::encode_filled(CudaResidentMatrix& m, size_t rows, unsigned log_blowup) {
  const size_t cols = m.n_cols, big = m.n_rows;
  cuda::DeviceBuffer<uint32_t> natural(big * cols, stream_);
  cuda::evaluate_padded_device(*twiddles_, m.field_id, m.values.data(), rows, cols, log_blowup, natural.data(),
                               stream_, ntt_policy_);
  if (big > 1)
    cuda::bit_reverse_rows_device(natural.data(), m.values.data(), big, cols, stream_);
  else
    cuda::check(cudaMemcpyAsync(m.values.data(), natural.data(), cols * 4, cudaMemcpyDeviceToDevice, stream_),
                "rs_encode copy");
}

}  // namespace zkgpu
