#include "backends/cuda/bn254_ops_cuda.hpp"

#include <bit>
#include <exception>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "backends/bn254_validate.hpp"
#include "backends/cuda/pinned_staging.hpp"
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
    staging.upload(points.data(), b.data(), b.size_bytes(), stream);
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
  staging.upload(d_scalars.data(), scalars.data(), scalars.size_bytes(), stream);
  return cuda::msm::msm<F>(bases.points.data(), d_scalars.data(), scalars.size(), stream);
}

// A stream of its own for each MSM run alongside others (msm_shared_scalars),
// made on first use, ordered after the backend's stream by an event.
class SideStreams {
 public:
  SideStreams() = default;
  SideStreams(const SideStreams&) = delete;
  SideStreams& operator=(const SideStreams&) = delete;
  ~SideStreams() {
    for (cudaStream_t s : streams_) cudaStreamDestroy(s);
    if (ready_) cudaEventDestroy(ready_);
  }
  // At least `count` streams, each waiting for the work queued on `main` so far.
  std::span<const cudaStream_t> after(cudaStream_t main, size_t count) {
    if (!ready_) cuda::check(cudaEventCreateWithFlags(&ready_, cudaEventDisableTiming), "msm event");
    while (streams_.size() < count) {
      cudaStream_t s;
      cuda::check(cudaStreamCreateWithFlags(&s, cudaStreamNonBlocking), "msm stream");
      streams_.push_back(s);
    }
    cuda::check(cudaEventRecord(ready_, main), "msm event record");
    for (size_t k = 0; k < count; ++k) cuda::check(cudaStreamWaitEvent(streams_[k], ready_), "msm stream wait");
    return std::span(streams_).first(count);
  }

 private:
  std::vector<cudaStream_t> streams_;
  cudaEvent_t ready_ = nullptr;
};

// Runs every job on a host thread of its own, bound to `device`; rethrows the
// first error once all have finished.
void run_on_threads(int device, const std::vector<std::function<void()>>& jobs) {
  std::vector<std::exception_ptr> errors(jobs.size());
  std::vector<std::thread> threads;
  try {
    for (size_t k = 0; k < jobs.size(); ++k)
      threads.emplace_back([&, k] {
        try {
          cuda::check(cudaSetDevice(device), "cudaSetDevice");
          jobs[k]();
        } catch (...) {
          errors[k] = std::current_exception();
        }
      });
  } catch (...) {  // a thread could not be started: let the others finish first
    for (auto& t : threads) t.join();
    throw;
  }
  for (auto& t : threads) t.join();
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
}

}  // namespace

// NTT tables per size, built on first use and kept (they are small next to the
// data: n/2 twiddles plus two short power tables); the pinned staging buffers;
// the side streams of concurrent MSMs.
struct CudaBn254Ops::State {
  std::map<unsigned, std::unique_ptr<cuda::ntt_fr::Tables>> ntt_tables;
  cuda::PinnedStaging staging;
  SideStreams side;

  const cuda::ntt_fr::Tables& tables(unsigned log_n, cudaStream_t stream) {
    auto& t = ntt_tables[log_n];
    if (!t) t = cuda::ntt_fr::make_tables(log_n, stream);
    return *t;
  }
};

CudaBn254Ops::CudaBn254Ops(cudaStream_t stream) : stream_(stream), state_(std::make_unique<State>()) {
  cuda::check(cudaGetDevice(&device_), "cudaGetDevice");
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

void CudaBn254Ops::msm_shared_scalars(std::span<const ResidentBases* const> g1,
                                      std::span<const ResidentBases* const> g2, std::span<const FrRaw> scalars,
                                      std::span<G1Jacobian> g1_out, std::span<G2Jacobian> g2_out) {
  if (g1_out.size() != g1.size() || g2_out.size() != g2.size())
    throw Error(ErrorCode::bad_request, "msm_shared_scalars: one output per base set is needed");
  std::vector<const Affine<Fq>*> g1_points;
  std::vector<const Affine<Fq2>*> g2_points;
  for (const ResidentBases* b : g1) g1_points.push_back(as_cuda<Fq>(*b).points.data());
  for (const ResidentBases* b : g2) g2_points.push_back(as_cuda<Fq2>(*b).points.data());
  // The same checks as msm_g1 / msm_g2, the scalars scanned once for all base sets.
  for (const ResidentBases* b : g1) bn254_validate::resident_msm_size(b->count(), scalars.size());
  for (const ResidentBases* b : g2) bn254_validate::resident_msm_size(b->count(), scalars.size());
  bn254_validate::scalars_canonical(scalars, "msm scalar");
  const size_t count = g1.size() + g2.size();
  if (scalars.empty() || count == 0) {
    std::fill(g1_out.begin(), g1_out.end(), G1Jacobian::infinity());
    std::fill(g2_out.begin(), g2_out.end(), G2Jacobian::infinity());
    return;
  }

  cuda::check(cudaSetDevice(device_), "cudaSetDevice");
  cuda::DeviceBuffer<FrRaw> d_scalars(scalars.size(), stream_);
  state_->staging.upload(d_scalars.data(), scalars.data(), scalars.size_bytes(), stream_);
  const cuda::msm::Decomposition digits(d_scalars.data(), scalars.size(), stream_);
  const auto streams = state_->side.after(stream_, count);

  // One host thread per MSM: each waits only for its own stream's read-back.
  std::vector<std::function<void()>> jobs;
  for (size_t k = 0; k < g1.size(); ++k)
    jobs.push_back([&, k] { g1_out[k] = cuda::msm::msm<Fq>(g1_points[k], digits, streams[k]); });
  for (size_t k = 0; k < g2.size(); ++k)
    jobs.push_back([&, k] { g2_out[k] = cuda::msm::msm<Fq2>(g2_points[k], digits, streams[g1.size() + k]); });
  run_on_threads(device_, jobs);
}

void CudaBn254Ops::ntt_fr(std::span<Fr> values, bool inverse, bool coset) {
  bn254_validate::ntt_size(values.size());
  const auto& tables = state_->tables(unsigned(std::countr_zero(values.size())), stream_);
  cuda::DeviceBuffer<Fr> data(values.size(), stream_), scratch(values.size(), stream_);
  state_->staging.upload(data.data(), values.data(), values.size_bytes(), stream_);
  cuda::ntt_fr::ntt(tables, data.data(), data.data(), scratch.data(), inverse, coset, stream_);
  state_->staging.download(values.data(), data.data(), values.size_bytes(), stream_);
}

void CudaBn254Ops::ntt_fr_to_coset(std::span<Fr> values) {
  bn254_validate::ntt_size(values.size());
  const auto& tables = state_->tables(unsigned(std::countr_zero(values.size())), stream_);
  cuda::DeviceBuffer<Fr> data(values.size(), stream_), scratch(values.size(), stream_);
  state_->staging.upload(data.data(), values.data(), values.size_bytes(), stream_);
  cuda::ntt_fr::ntt(tables, data.data(), data.data(), scratch.data(), /*inverse=*/true, /*coset=*/false, stream_);
  cuda::ntt_fr::ntt(tables, data.data(), data.data(), scratch.data(), /*inverse=*/false, /*coset=*/true, stream_);
  state_->staging.download(values.data(), data.data(), values.size_bytes(), stream_);
}

void CudaBn254Ops::fr_arith(ArithOp op, std::span<const FrRaw> a, std::span<const FrRaw> b, std::span<FrRaw> out) {
  bn254_validate::arith_inputs(op, a, b, out);
  if (a.empty()) return;
  cuda::DeviceBuffer<FrRaw> da(a.size(), stream_), db(op == ArithOp::inv ? 0 : b.size(), stream_),
      dout(out.size(), stream_);
  state_->staging.upload(da.data(), a.data(), a.size_bytes(), stream_);
  if (op != ArithOp::inv) state_->staging.upload(db.data(), b.data(), b.size_bytes(), stream_);
  cuda::fr_arith::run(op, da.data(), db.data(), dout.data(), a.size(), stream_);
  state_->staging.download(out.data(), dout.data(), out.size_bytes(), stream_);
}

}  // namespace zkgpu
