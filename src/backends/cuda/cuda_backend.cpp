// The CUDA backend: owns the device's stream and the per-family op objects
// (CudaStarkOps, CudaBn254Ops) that queue their kernels on it.
#include "backends/cuda/cuda_backend.hpp"

#include <cuda_runtime_api.h>

#include "backends/cuda/bn254_ops_cuda.hpp"
#include "backends/cuda/stark_ops_cuda.hpp"
#include "kernels/common/cuda_error.hpp"

namespace zkgpu {
namespace {

class CudaBackend final : public Backend {
 public:
  explicit CudaBackend(int ordinal) : ordinal_(ordinal) {
    cuda::check(cudaSetDevice(ordinal_), "cudaSetDevice");
    cudaDeviceProp prop{};
    cuda::check(cudaGetDeviceProperties(&prop, ordinal_), "cudaGetDeviceProperties");
    name_ = prop.name;
    open();
  }

  ~CudaBackend() override { close(); }

  BackendKind kind() const noexcept override { return BackendKind::cuda; }
  std::string describe() const override { return "cuda:" + std::to_string(ordinal_) + " " + name_; }

  MemoryInfo memory() const override {
    cuda::check(cudaSetDevice(ordinal_), "cudaSetDevice");
    size_t free = 0, total = 0;
    cuda::check(cudaMemGetInfo(&free, &total), "cudaMemGetInfo");
    // The stream-ordered pool keeps freed blocks (kernels/bn254/mem_pool.hpp):
    // reserved but unused memory is ours to give back.
    uint64_t reserved = 0, used = 0;
    cudaMemPool_t pool = default_pool();
    cuda::check(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrReservedMemCurrent, &reserved), "pool reserved");
    cuda::check(cudaMemPoolGetAttribute(pool, cudaMemPoolAttrUsedMemCurrent, &used), "pool used");
    return {free, total, reserved > used ? reserved - used : 0};
  }

  void trim_caches() override {
    cuda::check(cudaSetDevice(ordinal_), "cudaSetDevice");
    cuda::check(cudaStreamSynchronize(stream_), "cudaStreamSynchronize");
    cuda::check(cudaMemPoolTrimTo(default_pool(), 0), "cudaMemPoolTrimTo");
  }

  // After a device error: a sticky one (the context is poisoned, every later
  // call would fail too) resets the device and rebuilds the stream and the op
  // objects; any other error is just cleared.
  void recover() override {
    cudaSetDevice(ordinal_);
    const cudaError_t state = cudaDeviceSynchronize();
    if (!cuda::is_sticky(state)) {
      cudaGetLastError();  // clears a non-sticky error
      return;
    }
    close();  // frees what can still be freed; errors are expected and ignored
    cuda::check(cudaDeviceReset(), "cudaDeviceReset");
    cuda::check(cudaSetDevice(ordinal_), "cudaSetDevice");
    open();
  }

  StarkOps& stark() override { return *stark_; }
  Bn254Ops& bn254() override { return *bn254_; }

 private:
  cudaMemPool_t default_pool() const {
    cudaMemPool_t pool;
    cuda::check(cudaDeviceGetDefaultMemPool(&pool, ordinal_), "cudaDeviceGetDefaultMemPool");
    return pool;
  }

  void open() {
    cuda::check(cudaStreamCreateWithFlags(&stream_, cudaStreamNonBlocking), "cudaStreamCreate");
    stark_ = std::make_unique<CudaStarkOps>(stream_);
    bn254_ = std::make_unique<CudaBn254Ops>(stream_);
  }

  void close() noexcept {
    cudaSetDevice(ordinal_);
    stark_.reset();
    bn254_.reset();
    if (stream_) {
      cudaStreamSynchronize(stream_);
      cudaStreamDestroy(stream_);
      stream_ = nullptr;
    }
  }

  int ordinal_;
  std::string name_;
  cudaStream_t stream_ = nullptr;
  std::unique_ptr<CudaStarkOps> stark_;
  std::unique_ptr<CudaBn254Ops> bn254_;
};

}  // namespace

std::unique_ptr<Backend> make_cuda_backend(int ordinal) { return std::make_unique<CudaBackend>(ordinal); }

}  // namespace zkgpu
