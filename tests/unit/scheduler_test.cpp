// The device worker's admission and stages, on a backend whose memory numbers
// the test sets: a job that fits only after the process gives back its cached
// memory is admitted at once (not after the wait limit); one that would not fit
// even then waits and fails without the cache being thrown away; a host stage
// runs on the CPU pool while the device serves other jobs, and a host-only job
// is answered from there without waiting for the device. Also the CPU pool
// under parallel_ranges (nested calls, exceptions).
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "backends/backend.hpp"
#include "common/cpu_pool.hpp"
#include "common/parallel_ranges.hpp"
#include "scheduler/device_worker.hpp"

namespace zkgpu {
namespace {

using namespace std::chrono_literals;

// Memory as a device with an allocator cache reports it: `cached` counts as used
// until trim_caches() returns it. Computation goes to the CPU backend.
struct MemoryModel {
  std::mutex mutex;
  uint64_t total = 1000, used_by_others = 0, cached = 0;
  int trims = 0;
};

class CachingBackend final : public Backend {
 public:
  explicit CachingBackend(MemoryModel& m) : m_(m), cpu_(make_cpu_backend(1)) {}
  BackendKind kind() const noexcept override { return BackendKind::cpu; }
  std::string describe() const override { return "caching test backend"; }
  MemoryInfo memory() const override {
    std::lock_guard lk(m_.mutex);
    return {m_.total - m_.used_by_others - m_.cached, m_.total, m_.cached};
  }
  void trim_caches() override {
    std::lock_guard lk(m_.mutex);
    m_.cached = 0;
    ++m_.trims;
  }
  StarkOps& stark() override { return cpu_->stark(); }
  Bn254Ops& bn254() override { return cpu_->bn254(); }

 private:
  MemoryModel& m_;
  std::unique_ptr<Backend> cpu_;
};

DeviceInfo test_device() {
  DeviceInfo d;
  d.id = "test:0";
  d.name = "caching test backend";
  return d;
}

// A job needing `bytes` that returns {42}; its outcome arrives through the future.
Job sized_job(uint64_t bytes, std::promise<JobOutcome>& done) {
  Job job;
  job.name = "sized";
  job.estimate = [bytes] { return bytes; };
  job.run = [](JobContext&, PreparedInput&) { return std::vector<uint8_t>{42}; };
  job.done = [&done](JobOutcome o) { done.set_value(std::move(o)); };
  return job;
}

TEST(SchedulerAdmission, JobThatFitsAfterTrimmingTheCacheRunsWithoutWaiting) {
  MemoryModel m;
  m.cached = 600;  // free 400 of 1000
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);
  worker.set_memory_wait_limit(30s);  // far longer than the test may take

  std::promise<JobOutcome> done;
  const auto start = std::chrono::steady_clock::now();
  worker.submit(sized_job(800, done));
  auto outcome = done.get_future();
  ASSERT_EQ(outcome.wait_for(10s), std::future_status::ready) << "the job waited for memory it could reclaim";
  const JobOutcome o = outcome.get();
  EXPECT_TRUE(o.ok) << o.error.message;
  EXPECT_EQ(o.body, std::vector<uint8_t>{42});
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  std::lock_guard lk(m.mutex);
  EXPECT_EQ(m.trims, 1);
  EXPECT_EQ(m.cached, 0u);
}

TEST(SchedulerAdmission, JobThatWouldNotFitEvenAfterTrimmingWaitsAndKeepsTheCache) {
  MemoryModel m;
  m.cached = 300;
  m.used_by_others = 400;  // free 300, reclaimable 300: 600 < 800
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);
  worker.set_memory_wait_limit(300ms);

  std::promise<JobOutcome> done;
  worker.submit(sized_job(800, done));
  const JobOutcome o = done.get_future().get();
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error.code, ErrorCode::out_of_memory) << o.error.message;
  std::lock_guard lk(m.mutex);
  EXPECT_EQ(m.trims, 0) << "the cache was given back although the job could not fit anyway";
  EXPECT_EQ(m.cached, 300u);
}

TEST(SchedulerAdmission, WaitingJobRunsOnceTheOthersReleaseMemory) {
  MemoryModel m;
  m.cached = 100;
  m.used_by_others = 700;  // free 200, reclaimable 100
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);
  worker.set_memory_wait_limit(30s);

  std::promise<JobOutcome> done;
  worker.submit(sized_job(500, done));
  auto outcome = done.get_future();
  EXPECT_EQ(outcome.wait_for(300ms), std::future_status::timeout);
  {
    std::lock_guard lk(m.mutex);
    m.used_by_others = 300;  // now free 600: fits without trimming
  }
  ASSERT_EQ(outcome.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(outcome.get().ok);
}

TEST(SchedulerStages, HostStageRunsOnTheCpuPoolWhileTheDeviceServesOtherJobs) {
  MemoryModel m;
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);

  std::promise<void> release_prepare;
  std::shared_future<void> released = release_prepare.get_future().share();
  std::atomic<bool> prepared_on_pool = false;
  std::promise<JobOutcome> slow_done, quick_done;

  Job slow;
  slow.name = "with host stage";
  slow.prepare = [&, released](const std::stop_token&, const ProgressFn& progress, const PipelineConfig&) {
    prepared_on_pool = CpuPool::shared().on_pool_thread();
    progress({0, 1, "execute"});
    released.wait();
    return PreparedInput{{7, 8, 9}};
  };
  slow.run = [](JobContext&, PreparedInput& in) { return in.bytes; };
  slow.done = [&](JobOutcome o) { slow_done.set_value(std::move(o)); };
  worker.submit(std::move(slow));

  // The device is free while the host stage runs: a plain job finishes first.
  std::promise<JobOutcome>& q = quick_done;
  worker.submit(sized_job(1, q));
  auto quick = quick_done.get_future();
  ASSERT_EQ(quick.wait_for(10s), std::future_status::ready);
  EXPECT_TRUE(quick.get().ok);

  release_prepare.set_value();
  const JobOutcome o = slow_done.get_future().get();
  ASSERT_TRUE(o.ok) << o.error.message;
  EXPECT_EQ(o.body, (std::vector<uint8_t>{7, 8, 9}));
  EXPECT_TRUE(prepared_on_pool);
}

TEST(SchedulerStages, FailedHostStageIsTheJobsError) {
  MemoryModel m;
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);
  std::promise<JobOutcome> done;
  Job job;
  job.prepare = [](const std::stop_token&, const ProgressFn&, const PipelineConfig&) -> PreparedInput {
    throw Error(ErrorCode::invalid_argument, "not an ELF");
  };
  job.run = [](JobContext&, PreparedInput&) -> std::vector<uint8_t> { throw std::logic_error("must not run"); };
  job.done = [&](JobOutcome o) { done.set_value(std::move(o)); };
  worker.submit(std::move(job));
  const JobOutcome o = done.get_future().get();
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error.code, ErrorCode::invalid_argument);
  EXPECT_EQ(o.error.message, "not an ELF");
  EXPECT_EQ(worker.stats().jobs_failed, 1u);
}

// The host stage knows the device stage's size once it built its input: its
// estimate replaces the request's for admission, and what it built reaches the
// device stage.
TEST(SchedulerStages, HostStageEstimateDecidesAdmission) {
  MemoryModel m;  // 1000 bytes in total
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);
  for (const uint64_t after : {900u, 1200u}) {
    std::promise<JobOutcome> done;
    Job job;
    job.estimate = [] { return uint64_t(0); };
    job.prepare = [after](const std::stop_token&, const ProgressFn&, const PipelineConfig&) {
      return PreparedInput{{}, std::make_shared<int>(7), after};
    };
    job.run = [](JobContext&, PreparedInput& in) {
      return std::vector<uint8_t>{static_cast<uint8_t>(*static_cast<int*>(in.state.get()))};
    };
    job.done = [&](JobOutcome o) { done.set_value(std::move(o)); };
    worker.submit(std::move(job));
    const JobOutcome o = done.get_future().get();
    if (after == 900) {
      EXPECT_TRUE(o.ok) << o.error.message;
      EXPECT_EQ(o.body, std::vector<uint8_t>{7});
    } else {
      EXPECT_FALSE(o.ok);
      EXPECT_EQ(o.error.code, ErrorCode::out_of_memory);
      EXPECT_NE(o.error.message.find("the job needs 1200 bytes"), std::string::npos) << o.error.message;
    }
  }
}

TEST(SchedulerStages, HostOnlyJobIsAnsweredFromThePoolWhileTheDeviceIsBusy) {
  MemoryModel m;
  PipelineConfig config;
  DeviceWorker worker(test_device(), [&m] { return std::make_unique<CachingBackend>(m); }, config);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<JobOutcome> busy_done, host_done;
  std::promise<void> busy_running;
  Job busy = sized_job(1, busy_done);
  busy.run = [released, &busy_running](JobContext&, PreparedInput&) {
    busy_running.set_value();
    released.wait();
    return std::vector<uint8_t>{1};
  };
  worker.submit(std::move(busy));
  ASSERT_EQ(busy_running.get_future().wait_for(10s), std::future_status::ready);  // it holds the device

  Job host;
  host.name = "host only";
  host.prepare = [](const std::stop_token&, const ProgressFn&, const PipelineConfig&) { return PreparedInput{{5, 6}}; };
  host.done = [&](JobOutcome o) { host_done.set_value(std::move(o)); };
  worker.submit(std::move(host));
  auto host_future = host_done.get_future();
  ASSERT_EQ(host_future.wait_for(10s), std::future_status::ready);
  const JobOutcome o = host_future.get();
  ASSERT_TRUE(o.ok) << o.error.message;
  EXPECT_EQ(o.body, (std::vector<uint8_t>{5, 6}));
  EXPECT_NE(o.job_id, 0u);
  EXPECT_EQ(worker.stats().jobs_done, 1u);
  EXPECT_EQ(worker.stats().jobs_running, 1u);  // the device job still holds the device
  release.set_value();
  EXPECT_TRUE(busy_done.get_future().get().ok);
}

TEST(CpuPool, ParallelRangesCoversEveryItemOnceAndNestsWithoutDeadlock) {
  const size_t n = 1000;
  std::vector<std::atomic<int>> hits(n * n / 100);
  parallel_ranges(n, 64, 1, [&](size_t b, size_t e) {
    for (size_t i = b; i < e; ++i)
      parallel_ranges(n / 100, 8, 1, [&](size_t b2, size_t e2) {
        for (size_t j = b2; j < e2; ++j) ++hits[i * (n / 100) + j];
      });
  });
  for (size_t k = 0; k < hits.size(); ++k) ASSERT_EQ(hits[k], 1) << k;
}

TEST(CpuPool, ParallelRangesRethrowsAPartsException) {
  EXPECT_THROW(parallel_ranges(100, 8, 1,
                               [](size_t b, size_t) {
                                 if (b > 50) throw Error(ErrorCode::internal, "part failed");
                               }),
               Error);
  // The pool still works afterwards.
  std::atomic<size_t> sum = 0;
  parallel_ranges(100, 8, 1, [&](size_t b, size_t e) { sum += e - b; });
  EXPECT_EQ(sum, 100u);
}

}  // namespace
}  // namespace zkgpu
