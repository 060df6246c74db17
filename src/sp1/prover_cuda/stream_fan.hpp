// Side streams for work that is independent per chip: a round's small kernels
// (one block each once a chip has few rows left) run side by side instead of one
// after another on the shard's stream. fork() makes every side stream wait for
// what the main stream has queued; join() makes the main stream wait for all of
// them. Buffers allocated on the main stream before fork() and freed on it after
// join() are safe to use on the side streams in between.
#pragma once

#include <cuda_runtime_api.h>

#include <cstddef>
#include <vector>

#include "sp1/prover_cuda/device_shard.hpp"

namespace zkgpu::sp1::prover::gpu {

class StreamFan {
 public:
  explicit StreamFan(size_t width);
  ~StreamFan();
  StreamFan(const StreamFan&) = delete;
  StreamFan& operator=(const StreamFan&) = delete;

  void fork(cudaStream_t main);
  // The side stream for item i (items share streams round-robin).
  cudaStream_t at(size_t i) const { return streams_[i % streams_.size()].get(); }
  void join(cudaStream_t main);

 private:
  std::vector<OwnedStream> streams_;
  std::vector<cudaEvent_t> done_;
  cudaEvent_t start_ = nullptr;
};

}  // namespace zkgpu::sp1::prover::gpu
