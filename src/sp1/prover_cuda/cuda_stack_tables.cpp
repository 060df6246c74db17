#include "sp1/prover_cuda/cuda_stack_tables.hpp"

#include <stdexcept>

#include "backends/cuda/pinned_staging.hpp"
#include "backends/cuda/resident_matrix_cuda.hpp"
#include "kernels/common/cuda_error.hpp"
#include "kernels/sp1/jagged_kernels.hpp"
#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

std::unique_ptr<ResidentMatrix> stack_tables(CudaStarkOps& ops, std::span<const TraceTable> tables,
                                             unsigned log_stacking_height, size_t width) {
  const uint64_t height = uint64_t(1) << log_stacking_height;
  uint64_t area = 0;
  for (const TraceTable& t : tables) area += uint64_t(t.rows) * t.cols;
  if (width == 0 || width > UINT32_MAX || area > height * width)
    throw std::invalid_argument("stacked message: the tables do not fit its columns");
  const cudaStream_t s = ops.stream();
  auto message = std::make_unique<CudaResidentMatrix>(&ops, Field31::koalabear, size_t(height), width, s);
  cuda::check(cudaMemsetAsync(message->values.data(), 0, message->values.size() * sizeof(uint32_t), s),
              "stacked message");
  uint64_t base = 0;
  for (const TraceTable& t : tables) {
    if (t.values.size() != t.rows * t.cols) throw std::invalid_argument("stacked message: a table is not rows x cols");
    DeviceBuffer<Fe> table(t.values.size(), s);
    ops.staging().upload(table.data(), t.values.data(), t.values.size_bytes(), s);
    cuda::sp1::stack_table(table.data(), t.rows, uint32_t(t.cols), base, log_stacking_height, uint32_t(width),
                           message->values.data(), s);
    base += uint64_t(t.rows) * t.cols;
  }
  return message;
}

}  // namespace zkgpu::sp1::prover::gpu
