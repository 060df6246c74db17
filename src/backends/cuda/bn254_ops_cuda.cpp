#include "backends/cuda/bn254_ops_cuda.hpp"

#include <bit>
#include <map>
#include <string>

#include "backends/bn254_validate.hpp"
#include "backends/cuda/bn254_ops_cuda_staging.hpp"
#include "kernels/bn254/fr_arith.hpp"
#include "kernels/bn254/mem_pool.hpp"
#include "kernels/common/cuda_error.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/msm/msm.hpp"
#include "kernels/ntt_fr/ntt_fr.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {

using namespace bn254;

namespace {

template <class F>
class CudaResidentBases final : public ResidentBases {
 public:
  CudaResidentBases(std::span<const Affine<F>> b, cuda::PinnedStaging& staging, cudaStream_t stream)
      : points(b.size(), stream) {
    staging.upload(points.data(), b.data(), b.size_bytes());
    cuda::check(cudaStreamSynchronize(stream), "upload bases");
  }
  size_t count() const noexcept override { return points.size(); }
  size_t bytes() const noexcept override { return points.bytes(); }
  cuda::DeviceBuffer<Affine<F>> points;
};

template <class F>
const CudaResidentBases<F>& as_cuda(const ResidentBases& b) {
  const auto* p = dynamic_cast<const CudaResidentBases<F>*>(&b);
  if (!p) throw Error(ErrorCode::invalid_argument, "msm: resident bases were not made by this CUDA backend for this group");
  return *p;
}

template <class F>
Jacobian<F> msm_resident(const CudaResidentBases<F>& bases, std::span<const FrRaw> scalars,
                         cuda::PinnedStaging& staging, cudaStream_t stream) {
  if (scalars.empty()) return Jacobian<F>::infinity();
  cuda::DeviceBuffer<FrRaw> d_scalars(scalars.size(), stream);
  staging.upload(d_scalars.data(), scalars.data(), scalars.size_bytes());
  return cuda::msm::msm<F>(bases.points.data(), d_scalars.data(), scalars.size(), stream);
}

}  // namespace

// NTT tables per size, built on first use and kept (they are small next to the
// data: n/2 twiddles plus two short power tables); the pinned staging buffers.
struct CudaBn254Ops::State {
  explicit State(cudaStream_t stream) : staging(stream) {}
  std::map<unsigned, std::unique_ptr<cuda::ntt_fr::Tables>> ntt_tables;
  cuda::PinnedStaging staging;

  const cuda::ntt_fr::Tables& tables(unsigned log_n, cudaStream_t stream) {
    auto& t = ntt_tables[log_n];
    if (!t) t = cuda::ntt_fr::make_tables(log_n, stream);
    return *t;
  }
};

CudaBn254Ops::CudaBn254Ops(cudaStream_t stream) : stream_(stream), state_(std::make_unique<State>(stream)) {
  cuda::retain_pool_memory();
}
CudaBn254Ops::~CudaBn254Ops() = default;

G1Jacobian CudaBn254Ops::msm_g1(std::span<const G1Affine> bases, std::span<const FrRaw> scalars) {
  bn254_validate::msm_inputs(bases.size(), scalars);
  if (scalars.empty()) return G1Jacobian::infinity();
  return msm_resident(CudaResidentBases<Fq>(bases, state_->staging, stream_), scalars, state_->staging, stream_);
}

G2Jacobian CudaBn254Ops::msm_g2(std::span<const G2Affine> bases, std::span<const FrRaw> scalars) {
  bn254_validate::msm_inputs(bases.size(), scalars);
  if (scalars.empty()) return G2Jacobian::infinity();
  return msm_resident(CudaResidentBases<Fq2>(bases, state_->staging, stream_), scalars, state_->staging, stream_);
}

std::unique_ptr<ResidentBases> CudaBn254Ops::upload_g1(std::span<const G1Affine> bases) {
  return std::make_unique<CudaResidentBases<Fq>>(bases, state_->staging, stream_);
}

std::unique_ptr<ResidentBases> CudaBn254Ops::upload_g2(std::span<const G2Affine> bases) {
  return std::make_unique<CudaResidentBases<Fq2>>(bases, state_->staging, stream_);
}

G1Jacobian CudaBn254Ops::msm_g1(const ResidentBases& bases, std::span<const FrRaw> scalars) {
  const auto& b = as_cuda<Fq>(bases);
  bn254_validate::resident_msm_inputs(b.count(), scalars);
  return msm_resident(b, scalars, state_->staging, stream_);
}

G2Jacobian CudaBn254Ops::msm_g2(const ResidentBases& bases, std::span<const FrRaw> scalars) {
  const auto& b = as_cuda<Fq2>(bases);
  bn254_validate::resident_msm_inputs(b.count(), scalars);
  return msm_resident(b, scalars, state_->staging, stream_);
}

void CudaBn254Ops::ntt_fr(std::span<Fr> values, bool inverse, bool coset) {
  bn254_validate::ntt_size(values.size());
  const auto& tables = state_->tables(unsigned(std::countr_zero(values.size())), stream_);
  cuda::DeviceBuffer<Fr> data(values.size(), stream_), scratch(values.size(), stream_);
  state_->staging.upload(data.data(), values.data(), values.size_bytes());
  cuda::ntt_fr::ntt(tables, data.data(), data.data(), scratch.data(), inverse, coset, stream_);
  state_->staging.download(values.data(), data.data(), values.size_bytes());
}

void CudaBn254Ops::ntt_fr_to_coset(std::span<Fr> values) {
  bn254_validate::ntt_size(values.size());
  const auto& tables = state_->tables(unsigned(std::countr_zero(values.size())), stream_);
  cuda::DeviceBuffer<Fr> data(values.size(), stream_), scratch(values.size(), stream_);
  state_->staging.upload(data.data(), values.data(), values.size_bytes());
  cuda::ntt_fr::ntt(tables, data.data(), data.data(), scratch.data(), /*inverse=*/true, /*coset=*/false, stream_);
  cuda::ntt_fr::ntt(tables, data.data(), data.data(), scratch.data(), /*inverse=*/false, /*coset=*/true, stream_);
  state_->staging.download(values.data(), data.data(), values.size_bytes());
}

void CudaBn254Ops::fr_arith(ArithOp op, std::span<const FrRaw> a, std::span<const FrRaw> b, std::span<FrRaw> out) {
  bn254_validate::arith_inputs(op, a, b, out);
  if (a.empty()) return;
  cuda::DeviceBuffer<FrRaw> da(a.size(), stream_), db(op == ArithOp::inv ? 0 : b.size(), stream_),
      dout(out.size(), stream_);
  state_->staging.upload(da.data(), a.data(), a.size_bytes());
  if (op != ArithOp::inv) state_->staging.upload(db.data(), b.data(), b.size_bytes());
  cuda::fr_arith::run(op, da.data(), db.data(), dout.data(), a.size(), stream_);
  state_->staging.download(out.data(), dout.data(), out.size_bytes());
}

}  // namespace zkgpu
