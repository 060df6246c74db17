#pragma once
// Host <-> device copies through two pinned staging buffers (CudaBn254Ops's
// vectors, CudaStarkOps's matrices, the SP1 prover's traces).
//
// The provers' data live in ordinary (pageable) host memory, which the driver
// copies at a fraction of the bus speed. Here each chunk is copied by several
// host threads into a pinned buffer and moved by DMA while the next chunk is
// being filled into the other buffer. Small copies go directly. Each copy runs on
// the stream it is given; one copy at a time uses the buffers (a mutex).
#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <mutex>
#include <thread>

#include "common/parallel_ranges.hpp"
#include "kernels/common/cuda_error.hpp"

namespace zkgpu::cuda {

class PinnedStaging {
 public:
  PinnedStaging() : threads_(std::clamp(std::thread::hardware_concurrency(), 1u, kMaxThreads)) {}
  ~PinnedStaging() {
    // No DMA may still read a buffer being freed.
    for (int k = 0; k < 2; ++k)
      if (done_[k]) cudaEventSynchronize(done_[k]);
    for (int k = 0; k < 2; ++k) {
      if (buf_[k]) cudaFreeHost(buf_[k]);
      if (done_[k]) cudaEventDestroy(done_[k]);
    }
  }
  PinnedStaging(const PinnedStaging&) = delete;
  PinnedStaging& operator=(const PinnedStaging&) = delete;

  // Queues host -> device on `stream`; `src` may be reused as soon as this returns.
  void upload(void* dst, const void* src, size_t bytes, cudaStream_t stream) {
    if (bytes < kDirectBelow) {
      check(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyHostToDevice, stream), "upload");
      check(cudaStreamSynchronize(stream), "upload sync");  // `src` is pageable: finish before returning
      return;
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    allocate();
    auto* d = static_cast<unsigned char*>(dst);
    const auto* s = static_cast<const unsigned char*>(src);
    int k = 0;
    for (size_t off = 0; off < bytes; off += kChunk, k ^= 1) {
      const size_t len = std::min(kChunk, bytes - off);
      check(cudaEventSynchronize(done_[k]), "staging wait");  // the DMA that last read buf_[k]
      host_copy(buf_[k], s + off, len);
      check(cudaMemcpyAsync(d + off, buf_[k], len, cudaMemcpyHostToDevice, stream), "upload");
      check(cudaEventRecord(done_[k], stream), "staging event");
    }
  }

  // Device -> host after the work queued before it on `stream`; returns with `dst` filled.
  void download(void* dst, const void* src, size_t bytes, cudaStream_t stream) {
    if (bytes < kDirectBelow) {
      check(cudaMemcpyAsync(dst, src, bytes, cudaMemcpyDeviceToHost, stream), "download");
      check(cudaStreamSynchronize(stream), "download sync");
      return;
    }
    const std::lock_guard<std::mutex> lock(mutex_);
    allocate();
    auto* d = static_cast<unsigned char*>(dst);
    const auto* s = static_cast<const unsigned char*>(src);
    const size_t chunks = (bytes + kChunk - 1) / kChunk;
    auto issue = [&](size_t i) {
      const size_t off = i * kChunk, len = std::min(kChunk, bytes - off);
      check(cudaMemcpyAsync(buf_[i & 1], s + off, len, cudaMemcpyDeviceToHost, stream), "download");
      check(cudaEventRecord(done_[i & 1], stream), "staging event");
    };
    issue(0);
    for (size_t i = 0; i < chunks; ++i) {
      if (i + 1 < chunks) issue(i + 1);  // the other buffer was emptied in the previous iteration
      check(cudaEventSynchronize(done_[i & 1]), "download sync");
      const size_t off = i * kChunk;
      host_copy(d + off, buf_[i & 1], std::min(kChunk, bytes - off));
    }
  }

 private:
  static constexpr size_t kChunk = size_t(32) << 20;
  static constexpr size_t kDirectBelow = size_t(1) << 20;
  static constexpr unsigned kMaxThreads = 8;

  void allocate() {
    for (int k = 0; k < 2; ++k) {
      if (!buf_[k]) check(cudaMallocHost(&buf_[k], kChunk), "cudaMallocHost staging");
      if (!done_[k]) check(cudaEventCreateWithFlags(&done_[k], cudaEventDisableTiming), "staging event");
    }
  }

  void host_copy(void* dst, const void* src, size_t len) const {
    parallel_ranges(len, threads_, size_t(4) << 20, [&](size_t b, size_t e) {
      std::memcpy(static_cast<unsigned char*>(dst) + b, static_cast<const unsigned char*>(src) + b, e - b);
    });
  }

  unsigned threads_;
  std::mutex mutex_;
  void* buf_[2] = {nullptr, nullptr};
  cudaEvent_t done_[2] = {nullptr, nullptr};
};

}  // namespace zkgpu::cuda
