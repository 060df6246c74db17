#include "common/cpu_pool.hpp"

#include <sched.h>

#include <algorithm>

namespace zkgpu {
namespace {
thread_local const CpuPool* t_pool = nullptr;  // the pool whose thread this is
}  // namespace

unsigned cpu_count() {
  // The affinity mask rather than hardware_concurrency(): a process confined
  // to some CPUs must not start a thread for every CPU of the host.
  cpu_set_t set;
  if (::sched_getaffinity(0, sizeof(set), &set) == 0) return unsigned(std::max(1, CPU_COUNT(&set)));
  return std::max(1u, std::thread::hardware_concurrency());
}

CpuPool::CpuPool(unsigned threads) {
  threads_.reserve(std::max(1u, threads));
  for (unsigned i = 0; i < std::max(1u, threads); ++i) threads_.emplace_back([this] { loop(); });
}

CpuPool::~CpuPool() {
  {
    std::lock_guard lk(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_) t.join();
}

CpuPool& CpuPool::shared() {
  static CpuPool pool(cpu_count());
  return pool;
}

void CpuPool::post(std::function<void()> task) {
  {
    std::lock_guard lk(mutex_);
    tasks_.push_back(std::move(task));
  }
  wake_.notify_one();
}

bool CpuPool::on_pool_thread() const noexcept { return t_pool == this; }

void CpuPool::loop() {
  t_pool = this;
  std::unique_lock lk(mutex_);
  while (true) {
    wake_.wait(lk, [&] { return stopping_ || !tasks_.empty(); });
    if (tasks_.empty()) return;  // stopping and drained
    auto task = std::move(tasks_.front());
    tasks_.pop_front();
    lk.unlock();
    task();
    lk.lock();
  }
}

}  // namespace zkgpu
