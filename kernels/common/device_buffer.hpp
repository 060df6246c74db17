#pragma once
// Owning device allocation from the current device's stream-ordered memory pool
// (cudaMallocAsync), freed on the same stream. Move-only.
#include <cuda_runtime_api.h>

#include <cstddef>
#include <span>
#include <utility>

#include "kernels/common/cuda_error.hpp"

namespace zkgpu::cuda {

template <class T>
class DeviceBuffer {
 public:
  DeviceBuffer() = default;
  DeviceBuffer(size_t count, cudaStream_t stream) : count_(count), stream_(stream) {
    if (count) check(cudaMallocAsync(reinterpret_cast<void**>(&ptr_), count * sizeof(T), stream), "cudaMallocAsync");
  }
  ~DeviceBuffer() { reset(); }
  DeviceBuffer(DeviceBuffer&& o) noexcept
      : ptr_(std::exchange(o.ptr_, nullptr)), count_(std::exchange(o.count_, 0)), stream_(o.stream_) {}
  DeviceBuffer& operator=(DeviceBuffer&& o) noexcept {
    if (this != &o) {
      reset();
      ptr_ = std::exchange(o.ptr_, nullptr);
      count_ = std::exchange(o.count_, 0);
      stream_ = o.stream_;
    }
    return *this;
  }
  DeviceBuffer(const DeviceBuffer&) = delete;
  DeviceBuffer& operator=(const DeviceBuffer&) = delete;

  T* data() const noexcept { return ptr_; }
  size_t size() const noexcept { return count_; }
  size_t bytes() const noexcept { return count_ * sizeof(T); }
  cudaStream_t stream() const noexcept { return stream_; }

  void upload(std::span<const T> host) {
    check(cudaMemcpyAsync(ptr_, host.data(), host.size_bytes(), cudaMemcpyHostToDevice, stream_), "upload");
  }
  void download(std::span<T> host) const {
    check(cudaMemcpyAsync(host.data(), ptr_, host.size_bytes(), cudaMemcpyDeviceToHost, stream_), "download");
    check(cudaStreamSynchronize(stream_), "download sync");
  }

 private:
  void reset() noexcept {
    if (ptr_) cudaFreeAsync(ptr_, stream_);  // errors here are reported by the next checked call
    ptr_ = nullptr;
    count_ = 0;
  }
  T* ptr_ = nullptr;
  size_t count_ = 0;
  cudaStream_t stream_ = nullptr;
};

}  // namespace zkgpu::cuda
