#pragma once
// One device's queue and the worker thread that runs its jobs one at a time.
//
// Admission: a job whose memory estimate exceeds the device's total memory is
// refused at once (out_of_memory, naming both numbers). A job with a host stage
// (Job::prepare) runs it on the CPU pool first; a job with no device stage (guest
// execution) ends there and never holds the queue; a job whose host stage gives a
// new estimate (from the traces it built) is admitted, or refused, by that one. Then it waits in the FIFO queue
// until it is first and that much memory is free; when it would fit after this
// process gives back what it holds between jobs (the backend's allocator cache,
// resident keys), that is given back before it waits. Jobs whose client went
// away are dropped from the queue; a running one sees its JobContext::cancel
// token set.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>

#include "device/device_info.hpp"
#include "pipelines/device_resources.hpp"
#include "pipelines/pipeline.hpp"
#include "scheduler/job.hpp"

namespace zkgpu {

struct DeviceStats {
  uint64_t jobs_done = 0;       // finished with a result
  uint64_t jobs_failed = 0;     // finished with an error (rejections and cancellations included)
  uint64_t jobs_cancelled = 0;  // of the failed: dropped or stopped because the client left
  uint64_t jobs_queued = 0;     // waiting now
  uint64_t jobs_running = 0;    // 0 or 1
  MemoryInfo memory;            // as last measured by the worker
};

class DeviceWorker {
 public:
  using BackendFactory = std::function<std::unique_ptr<Backend>()>;

  // Creates the backend on the worker thread (a CUDA backend binds its device to
  // the thread that creates it) and starts serving. Rethrows a factory failure.
  DeviceWorker(DeviceInfo info, BackendFactory factory, const PipelineConfig& config);
  ~DeviceWorker();
  DeviceWorker(const DeviceWorker&) = delete;
  DeviceWorker& operator=(const DeviceWorker&) = delete;

  const DeviceInfo& info() const noexcept { return info_; }
  std::string backend_description() const;

  // Queues the job or rejects it (job.done called before returning).
  void submit(Job job);
  // Drops queued jobs whose client went away (call after a disconnect).
  void purge_cancelled();
  // Longest a job waits at the head of the queue for free memory before it
  // fails with out_of_memory.
  void set_memory_wait_limit(std::chrono::milliseconds limit) { memory_wait_limit_ = limit; }

  // Refuses new jobs, fails queued ones with shutting_down, lets the running job
  // finish within `grace`, then cancels it and waits max(grace, 10 s) more. Returns
  // false if the worker thread is still busy after that (it is then detached).
  bool shutdown(std::chrono::milliseconds grace);

  DeviceStats stats() const;
  // State kept on the device between jobs (resident proving keys); its
  // counters may be read from any thread.
  const DeviceResources& resources() const noexcept { return *resources_; }

 private:
  struct Queued {
    Job job;
    uint64_t job_id = 0;
    uint64_t estimate = 0;
    std::chrono::steady_clock::time_point enqueued;
    PreparedInput prepared;
  };

  void enqueue(Queued q);
  void prepare_then_enqueue(Queued q);  // on a CPU pool thread
  void run_loop(BackendFactory factory, std::promise<void>* started);
  void run_one(Queued q);
  void refresh_memory();
  void reclaim_for(uint64_t bytes);
  static void finish(Job& job, JobOutcome outcome);
  // The refusal of a job that cannot fit even alone; nullopt when it can.
  std::optional<JobOutcome> too_large(uint64_t estimate) const;

  const DeviceInfo info_;
  const PipelineConfig& config_;
  std::unique_ptr<Backend> backend_;
  std::unique_ptr<DeviceResources> resources_;  // holds backend memory: cleared before backend_ goes or resets
  std::string backend_description_;
  std::chrono::milliseconds memory_wait_limit_{std::chrono::minutes(10)};

  mutable std::mutex mutex_;
  std::condition_variable wake_;      // queue changed, purge or shutdown requested
  std::condition_variable idle_;      // the running job finished / thread exited
  std::deque<Queued> queue_;
  bool stopping_ = false;
  bool exited_ = false;
  bool running_ = false;
  std::stop_source running_stop_;     // cancels the running job (client left or shutdown)
  std::stop_source stopping_source_;  // cancels host stages in progress (shutdown)
  size_t preparing_ = 0;              // host stages in progress (shutdown waits for them)
  uint64_t next_job_id_ = 1;

  std::atomic<uint64_t> done_{0}, failed_{0}, cancelled_{0};
  std::atomic<uint64_t> free_bytes_{0}, total_bytes_{0}, reclaimable_bytes_{0};
  std::thread thread_;
};

}  // namespace zkgpu
