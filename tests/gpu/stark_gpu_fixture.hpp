#pragma once
// The fixture of the 31-bit GPU parity tests: a stream and a CudaStarkOps on it,
// or a skipped test where no CUDA device is present.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <memory>

#include "backends/cuda/stark_ops_cuda.hpp"
#include "tests/gpu/gpu_test_util.hpp"

namespace zkgpu::gpu_test {

class StarkGpuTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_gpu()) GTEST_SKIP() << "no CUDA device";
    ASSERT_EQ(cudaStreamCreate(&stream_), cudaSuccess);
    gpu_ = std::make_unique<CudaStarkOps>(stream_);
  }
  void TearDown() override {
    gpu_.reset();
    if (stream_) cudaStreamDestroy(stream_);
  }

  cudaStream_t stream_ = nullptr;
  std::unique_ptr<CudaStarkOps> gpu_;
};

}  // namespace zkgpu::gpu_test
