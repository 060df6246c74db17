#pragma once
// The process's CPU worker pool: a fixed set of threads that run posted tasks in
// order. Host-heavy work (parallel_ranges, the host stages of jobs) runs here
// instead of starting threads per call or occupying a device's worker thread.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace zkgpu {

class CpuPool {
 public:
  explicit CpuPool(unsigned threads);  // at least 1
  ~CpuPool();                          // runs what is queued, then joins
  CpuPool(const CpuPool&) = delete;
  CpuPool& operator=(const CpuPool&) = delete;

  // One thread per CPU of the process's affinity mask; started on first use.
  static CpuPool& shared();

  unsigned size() const noexcept { return unsigned(threads_.size()); }
  void post(std::function<void()> task);
  // True on one of this pool's threads.
  bool on_pool_thread() const noexcept;

 private:
  void loop();

  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> tasks_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

// The CPUs this process may run on (its affinity mask), at least 1.
unsigned cpu_count();

}  // namespace zkgpu
