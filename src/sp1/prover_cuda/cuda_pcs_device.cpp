#include "sp1/prover_cuda/cuda_pcs_device.hpp"

#include <stdexcept>

#include "sp1/prover_cuda/cuda_fri_folder.hpp"
#include "sp1/prover_cuda/cuda_jagged_sumcheck.hpp"
#include "sp1/prover_cuda/cuda_stack_tables.hpp"

namespace zkgpu::sp1::prover {

namespace {

class CudaPcsDevice final : public PcsDevice {
 public:
  explicit CudaPcsDevice(CudaStarkOps& ops) : ops_(ops) {}

  std::unique_ptr<ResidentMatrix> stacked_message(std::span<const TraceTable> tables, unsigned log_stacking_height,
                                                  size_t width) const override {
    return gpu::stack_tables(ops_, tables, log_stacking_height, width);
  }

  std::unique_ptr<multilinear::ProductSumcheckOracle> jagged_sumcheck(std::span<const StackedMessage> rounds,
                                                                      std::span<const uint64_t> prefix_sums,
                                                                      std::span<const EF> z_row,
                                                                      std::span<const EF> z_col,
                                                                      size_t log_m) const override {
    return gpu::open_jagged_sumcheck(rounds, prefix_sums, z_row, z_col, log_m, ops_.stream());
  }

  std::vector<EF> stacked_evaluations(const StackedMessage& message, std::span<const EF> point) const override {
    return gpu::stacked_evaluations(message, point, ops_.stream());
  }

  std::unique_ptr<FriFolder<wire::InnerConfig>> fri_folder(
      std::span<const BasefoldCommitted<wire::InnerConfig>* const> rounds, std::span<const EF> coeffs,
      unsigned log_blowup) const override {
    return gpu::open_fri_folder(ops_, rounds, coeffs, log_blowup);
  }

 private:
  CudaStarkOps& ops_;
};

}  // namespace

std::unique_ptr<PcsDevice> make_cuda_pcs_device(StarkOps& ops) {
  auto* cuda_ops = dynamic_cast<CudaStarkOps*>(&ops);
  if (!cuda_ops) throw std::invalid_argument("pcs device: the CUDA device needs the CUDA backend's StarkOps");
  return std::make_unique<CudaPcsDevice>(*cuda_ops);
}

}  // namespace zkgpu::sp1::prover
