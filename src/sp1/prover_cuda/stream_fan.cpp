#include "sp1/prover_cuda/stream_fan.hpp"

#include <algorithm>

namespace zkgpu::sp1::prover::gpu {

namespace {
cudaEvent_t timing_free_event() {
  cudaEvent_t e = nullptr;
  cuda::check(cudaEventCreateWithFlags(&e, cudaEventDisableTiming), "event");
  return e;
}
}  // namespace

StreamFan::StreamFan(size_t width) : streams_(std::max<size_t>(width, 1)), start_(timing_free_event()) {
  for (size_t i = 0; i < streams_.size(); ++i) done_.push_back(timing_free_event());
}

StreamFan::~StreamFan() {
  for (cudaEvent_t e : done_) (void)cudaEventDestroy(e);
  (void)cudaEventDestroy(start_);
}

void StreamFan::fork(cudaStream_t main) {
  cuda::check(cudaEventRecord(start_, main), "fork record");
  for (const OwnedStream& s : streams_) cuda::check(cudaStreamWaitEvent(s.get(), start_, 0), "fork wait");
}

void StreamFan::join(cudaStream_t main) {
  for (size_t i = 0; i < streams_.size(); ++i) {
    cuda::check(cudaEventRecord(done_[i], streams_[i].get()), "join record");
    cuda::check(cudaStreamWaitEvent(main, done_[i], 0), "join wait");
  }
}

}  // namespace zkgpu::sp1::prover::gpu
