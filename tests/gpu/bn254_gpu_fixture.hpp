#pragma once
// Fixture of the BN254 GPU parity tests: the CUDA backend on its own stream next
// to the CPU reference; skips without a CUDA device.
#include <cuda_runtime_api.h>
#include <gtest/gtest.h>

#include <memory>

#include "backends/cpu/bn254_ops_cpu.hpp"
#include "backends/cuda/bn254_ops_cuda.hpp"
#include "kernels/common/cuda_error.hpp"
#include "tests/gpu/gpu_test_util.hpp"

namespace zkgpu::gpu_test {

class Bn254GpuFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!have_gpu()) GTEST_SKIP() << "no CUDA device";
    cuda::check(cudaStreamCreate(&stream_), "stream");
    gpu_ = std::make_unique<CudaBn254Ops>(stream_);
  }
  void TearDown() override {
    gpu_.reset();
    if (stream_) cudaStreamDestroy(stream_);
  }
  cudaStream_t stream_ = nullptr;
  std::unique_ptr<CudaBn254Ops> gpu_;
  CpuBn254Ops cpu_{0};
};

}  // namespace zkgpu::gpu_test
