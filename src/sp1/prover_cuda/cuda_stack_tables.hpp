// The jagged commitment's stacked message built on a CUDA device
// (PcsDevice::stacked_message; the host builds it in sp1/prover/jagged_commit.cpp):
// each table is uploaded as it is, row-major (through the backend's pinned staging), and scattered into the message
// there, which then stays resident for the encoding and the opening's tables.
#pragma once

#include <memory>
#include <span>

#include "backends/cuda/stark_ops_cuda.hpp"
#include "sp1/prover/jagged_commit.hpp"

namespace zkgpu::sp1::prover::gpu {

// 2^log_stacking_height x width canonical values, resident on ops, on its stream.
std::unique_ptr<ResidentMatrix> stack_tables(CudaStarkOps& ops, std::span<const TraceTable> tables,
                                             unsigned log_stacking_height, size_t width);

}  // namespace zkgpu::sp1::prover::gpu
