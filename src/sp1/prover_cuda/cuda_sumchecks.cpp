#include "sp1/prover_cuda/cuda_sumchecks.hpp"

#include "sp1/prover/sumcheck_eq.hpp"
#include "sp1/prover_cuda/cuda_gkr.hpp"
#include "sp1/prover_cuda/cuda_zerocheck.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover {

namespace {

using gpu::DeviceBuffer;
using gpu::Ef;

class DeviceShardSumchecks final : public ShardSumchecks {
 public:
  DeviceShardSumchecks(std::span<const ChipTrace> chips, size_t max_log_row_count, std::span<const F> public_values,
                       cuda::PinnedStaging& staging)
      : shard_(std::make_shared<const gpu::DeviceShard>(chips, max_log_row_count, public_values, staging)) {}

  std::unique_ptr<GkrCircuitTables> gkr_circuit(const EF& alpha, std::span<const EF> betas) override {
    return gpu::build_device_gkr_circuit(shard_, alpha, betas);
  }

  std::vector<TraceEvaluations> trace_evaluations(std::span<const EF> point) override {
    cudaStream_t s = shard_->s();
    std::vector<TraceEvaluations> out;
    for (const gpu::DeviceChip& c : shard_->chips) {
      if (c.rows == 0) {
        out.push_back({std::vector<EF>(c.width, EF::zero()), std::vector<EF>(c.prep_width, EF::zero())});
        continue;
      }
      const DeviceBuffer<Ef> eq = gpu::device_eq(point, c.rows, s);
      auto columns = [&](const DeviceBuffer<gpu::Fe>& m, size_t width) {
        if (width == 0) return std::vector<EF>();
        DeviceBuffer<Ef> partials(size_t(cuda::sp1::column_evaluation_groups(uint32_t(width))) * width, s);
        const uint32_t groups =
            cuda::sp1::column_evaluations(m.data(), c.rows, uint32_t(width), eq.data(), partials.data(), s);
        return gpu::sum_partials(partials, groups, uint32_t(width), s);
      };
      out.push_back({columns(c.main, c.width), columns(c.prep, c.prep_width)});
    }
    return out;
  }

  std::unique_ptr<ZerocheckRoundOracle> zerocheck(const EF& alpha, const EF& batch_challenge,
                                                  const EF& lambda) override {
    return gpu::make_device_zerocheck(shard_, alpha, batch_challenge, lambda);
  }

 private:
  std::shared_ptr<const gpu::DeviceShard> shard_;
};

class CudaSumcheckBackend final : public SumcheckBackend {
 public:
  CudaSumcheckBackend() { cuda::check(cudaGetDevice(&device_), "cudaGetDevice"); }

  // The shard may be opened on another thread than the one that made the backend
  // (prove_shard opens it while it commits): bind that thread to the device first.
  std::unique_ptr<ShardSumchecks> open_shard(std::span<const ChipTrace> chips, size_t max_log_row_count,
                                             std::span<const F> public_values) const override {
    cuda::check(cudaSetDevice(device_), "cudaSetDevice");
    return std::make_unique<DeviceShardSumchecks>(chips, max_log_row_count, public_values, staging_);
  }

 private:
  int device_ = 0;
  mutable cuda::PinnedStaging staging_;  // shared by the shards it opens, one copy at a time
};

}  // namespace

std::unique_ptr<SumcheckBackend> make_cuda_sumcheck_backend() { return std::make_unique<CudaSumcheckBackend>(); }

}  // namespace zkgpu::sp1::prover
