#include "scheduler/device_worker.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <new>
#include <optional>
#include <vector>

#include "common/cpu_pool.hpp"

namespace zkgpu {
namespace {

using Clock = std::chrono::steady_clock;

// How long a cancelled job may take to notice (handlers check between pieces of
// work); a grace period of 0 still leaves it this long to answer its client.
constexpr std::chrono::milliseconds kCancelAllowance{10000};

std::string bytes_text(uint64_t n) {
  char s[64];
  std::snprintf(s, sizeof s, "%llu bytes (%.2f GiB)", static_cast<unsigned long long>(n),
                static_cast<double>(n) / (1ull << 30));
  return s;
}

JobOutcome failure(ErrorCode code, std::string message) {
  JobOutcome o;
  o.ok = false;
  o.error = {code, std::move(message)};
  return o;
}

}  // namespace

DeviceWorker::DeviceWorker(DeviceInfo info, BackendFactory factory, const PipelineConfig& config)
    : info_(std::move(info)), config_(config), resources_(std::make_unique<DeviceResources>(config)) {
  std::promise<void> started;
  auto ready = started.get_future();
  thread_ = std::thread([this, f = std::move(factory), p = &started]() mutable { run_loop(std::move(f), p); });
  try {
    ready.get();
  } catch (...) {
    thread_.join();
    throw;
  }
}

DeviceWorker::~DeviceWorker() {
  if (thread_.joinable()) shutdown(std::chrono::seconds(30));
  if (thread_.joinable()) thread_.join();
}

std::string DeviceWorker::backend_description() const {
  std::lock_guard lk(mutex_);
  return backend_description_;
}

void DeviceWorker::finish(Job& job, JobOutcome outcome) {
  if (job.done) job.done(std::move(outcome));
}

void DeviceWorker::refresh_memory() {
  try {
    const MemoryInfo m = backend_->memory();
    free_bytes_ = m.free_bytes;
    total_bytes_ = m.total_bytes;
    reclaimable_bytes_ = m.reclaimable_bytes;
  } catch (const std::exception& e) {
    spdlog::warn("{}: memory query failed: {}", info_.id, e.what());
  }
}

void DeviceWorker::reclaim_for(uint64_t bytes) {
  // Given back only when that lets the job fit: otherwise the keys would be
  // uploaded again later for nothing.
  const uint64_t keys = resources_->reclaimable_bytes();
  if (bytes > free_bytes_ + reclaimable_bytes_ + keys) return;
  try {
    if (reclaimable_bytes_ > 0) {
      spdlog::info("{}: trimming the allocator cache ({}) for a job that needs {}", info_.id,
                   bytes_text(reclaimable_bytes_), bytes_text(bytes));
      backend_->trim_caches();
      refresh_memory();
    }
    if (bytes > free_bytes_ && keys > 0) {
      spdlog::info("{}: evicting resident keys for a job that needs {}; {} free", info_.id, bytes_text(bytes),
                   bytes_text(free_bytes_));
      resources_->reclaim(bytes - free_bytes_, info_.id);
      refresh_memory();
    }
  } catch (const std::exception& e) {
    spdlog::warn("{}: giving back memory failed: {}", info_.id, e.what());
  }
}

std::optional<JobOutcome> DeviceWorker::too_large(uint64_t estimate) const {
  const uint64_t total = total_bytes_;
  if (estimate <= total) return std::nullopt;
  return failure(ErrorCode::out_of_memory, "the job needs " + bytes_text(estimate) + " of memory; " + info_.id +
                                               " has " + bytes_text(total) +
                                               " in total, so it cannot run there even alone");
}

void DeviceWorker::submit(Job job) {
  if (!job.run && !job.prepare) {
    ++failed_;
    finish(job, failure(ErrorCode::internal, "the job has nothing to run"));
    return;
  }
  uint64_t estimate = 0;
  try {
    if (job.estimate) estimate = job.estimate();
  } catch (const Error& e) {
    ++failed_;
    finish(job, failure(e.code(), e.what()));
    return;
  } catch (const std::exception& e) {
    ++failed_;
    finish(job, failure(ErrorCode::bad_request, e.what()));
    return;
  }
  if (auto refused = too_large(estimate)) {
    ++failed_;
    finish(job, std::move(*refused));
    return;
  }
  Queued q{std::move(job), 0, estimate, Clock::now(), {}};
  if (!q.job.prepare) {
    enqueue(std::move(q));
    return;
  }
  {
    std::unique_lock lk(mutex_);
    if (stopping_) {
      lk.unlock();
      ++failed_;
      finish(q.job, failure(ErrorCode::shutting_down, "the daemon is shutting down"));
      return;
    }
    ++preparing_;
    if (!q.job.run) q.job_id = next_job_id_++;  // host-only: never enqueued, numbered now
  }
  CpuPool::shared().post([this, q = std::make_shared<Queued>(std::move(q))]() mutable {
    prepare_then_enqueue(std::move(*q));
  });
}

void DeviceWorker::prepare_then_enqueue(Queued q) {
  // The host stage stops when the client leaves or the daemon shuts down.
  std::stop_source stop;
  std::stop_callback on_client(q.job.client_gone, [&stop] { stop.request_stop(); });
  std::stop_callback on_shutdown(stopping_source_.get_token(), [&stop] { stop.request_stop(); });
  const ProgressFn progress = q.job.progress ? q.job.progress : [](const proto::Progress&) {};
  const auto start = Clock::now();
  std::optional<JobOutcome> failed;
  try {
    q.prepared = q.job.prepare(stop.get_token(), progress, config_);
    if (q.job.client_gone.stop_requested()) {
      failed = failure(ErrorCode::cancelled, "job cancelled: the client disconnected");
    } else if (q.prepared.estimate && q.job.run) {
      // What the host stage built sizes the device stage better than the request did.
      q.estimate = *q.prepared.estimate;
      failed = too_large(q.estimate);
    }
  } catch (const Error& e) {
    failed = failure(e.code(), e.what());
  } catch (const std::bad_alloc&) {
    failed = failure(ErrorCode::out_of_memory, "host memory allocation failed while preparing the job");
  } catch (const std::exception& e) {
    failed = failure(ErrorCode::internal, e.what());
  }
  if (failed && failed->error.code == ErrorCode::cancelled && !q.job.client_gone.stop_requested() &&
      stopping_source_.stop_requested()) {
    // Stopped by the shutdown, not by its client: answered as queued jobs are then.
    failed->error = {ErrorCode::shutting_down, "the daemon is shutting down; " + failed->error.message};
  }
  if (failed) {
    ++failed_;
    if (failed->error.code == ErrorCode::cancelled) ++cancelled_;
    failed->job_id = q.job_id;
    failed->queued_for = start - q.enqueued;
    failed->ran_for = Clock::now() - start;
    finish(q.job, std::move(*failed));
  } else if (!q.job.run) {
    // A host-only job ends here, without the device.
    JobOutcome out;
    out.ok = true;
    out.body = std::move(q.prepared.bytes);
    out.job_id = q.job_id;
    out.queued_for = start - q.enqueued;
    out.ran_for = Clock::now() - start;
    ++done_;
    finish(q.job, std::move(out));
  } else {
    enqueue(std::move(q));
  }
  std::lock_guard lk(mutex_);
  --preparing_;
  idle_.notify_all();
}

void DeviceWorker::enqueue(Queued q) {
  std::unique_lock lk(mutex_);
  if (stopping_) {
    lk.unlock();
    ++failed_;
    finish(q.job, failure(ErrorCode::shutting_down, "the daemon is shutting down"));
    return;
  }
  q.job_id = next_job_id_++;
  queue_.push_back(std::move(q));
  lk.unlock();
  wake_.notify_all();
}

void DeviceWorker::purge_cancelled() { wake_.notify_all(); }

void DeviceWorker::run_loop(BackendFactory factory, std::promise<void>* started) {
  try {
    backend_ = factory();
    {
      std::lock_guard lk(mutex_);
      backend_description_ = backend_->describe();
    }
    refresh_memory();
    started->set_value();
  } catch (...) {
    started->set_exception(std::current_exception());
    return;
  }

  uint64_t waiting_job = 0;  // the head job that is waiting for free memory
  Clock::time_point waiting_since{};
  std::unique_lock lk(mutex_);
  while (true) {
    // Drop queued jobs whose client went away.
    std::vector<Queued> dropped;
    for (auto it = queue_.begin(); it != queue_.end();) {
      if (it->job.client_gone.stop_requested()) {
        // Counted while the lock is held, so STATS never shows a job that is
        // neither queued nor counted.
        ++failed_;
        ++cancelled_;
        dropped.push_back(std::move(*it));
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
    if (!dropped.empty()) {
      lk.unlock();
      for (auto& q : dropped) {
        JobOutcome o = failure(ErrorCode::cancelled, "job cancelled: the client disconnected");
        o.job_id = q.job_id;
        finish(q.job, std::move(o));
      }
      lk.lock();
      continue;
    }
    if (queue_.empty()) {
      if (stopping_) break;
      if (wake_.wait_for(lk, std::chrono::seconds(1)) == std::cv_status::timeout) {
        lk.unlock();
        refresh_memory();  // keeps STATS fresh while idle
        lk.lock();
      }
      continue;
    }

    // Admission by free memory, measured on this thread (the backend's).
    lk.unlock();
    refresh_memory();
    lk.lock();
    if (queue_.empty()) continue;  // shutdown emptied it meanwhile; the head cannot change otherwise
    if (queue_.front().estimate > free_bytes_) {
      const uint64_t need = queue_.front().estimate;
      lk.unlock();
      reclaim_for(need);
      lk.lock();
      if (queue_.empty()) continue;
    }
    Queued& head = queue_.front();
    if (head.estimate > free_bytes_) {
      const auto now = Clock::now();
      if (waiting_job != head.job_id) {
        waiting_job = head.job_id;
        waiting_since = now;
        spdlog::info("{}: job {} waits for {} free; {} free now", info_.id, head.job_id,
                     bytes_text(head.estimate), bytes_text(free_bytes_));
      } else if (now - waiting_since > memory_wait_limit_) {
        Queued q = std::move(queue_.front());
        queue_.pop_front();
        ++failed_;
        lk.unlock();
        JobOutcome o = failure(ErrorCode::out_of_memory,
                               "the job needs " + bytes_text(q.estimate) + " of memory; " + info_.id +
                                   " had only " + bytes_text(free_bytes_) + " free for " +
                                   std::to_string(memory_wait_limit_.count() / 1000) + " s");
        o.job_id = q.job_id;
        finish(q.job, std::move(o));
        lk.lock();
        continue;
      }
      wake_.wait_for(lk, std::chrono::milliseconds(100));
      continue;
    }

    Queued q = std::move(queue_.front());
    queue_.pop_front();
    std::stop_source stop;
    running_stop_ = stop;
    running_ = true;
    lk.unlock();
    run_one(std::move(q));
    lk.lock();
    running_ = false;
    idle_.notify_all();
  }
  lk.unlock();
  resources_->clear();  // resident keys live in the backend's memory
  backend_.reset();  // on this thread: a CUDA backend frees its stream on its own device
  lk.lock();
  exited_ = true;
  idle_.notify_all();
}

void DeviceWorker::run_one(Queued q) {
  std::stop_source stop;
  {
    std::lock_guard lk(mutex_);
    stop = running_stop_;
  }
  // A client that goes away while its job runs cancels it.
  std::stop_callback link(q.job.client_gone, [stop]() mutable { stop.request_stop(); });

  JobOutcome out;
  out.job_id = q.job_id;
  const auto start = Clock::now();
  out.queued_for = start - q.enqueued;
  auto progress = q.job.progress ? q.job.progress : [](const proto::Progress&) {};
  JobContext ctx{*backend_, info_.id, config_, progress, stop.get_token(), resources_.get()};
  try {
    out.body = q.job.run(ctx, q.prepared);
    out.ok = true;
  } catch (const Error& e) {
    out.error = {e.code(), e.what()};
  } catch (const std::bad_alloc&) {
    out.error = {ErrorCode::out_of_memory, "host memory allocation failed while running the job"};
  } catch (const std::exception& e) {
    out.error = {ErrorCode::internal, e.what()};
  } catch (...) {
    out.error = {ErrorCode::internal, "the job failed with an unknown exception"};
  }
  out.ran_for = Clock::now() - start;

  if (out.ok) {
    ++done_;
  } else {
    ++failed_;
    if (out.error.code == ErrorCode::cancelled) ++cancelled_;
    if (out.error.code == ErrorCode::device_error) {
      // A sticky CUDA error poisons the context; the backend resets it so the
      // next job runs on a clean device.
      try {
        resources_->clear();  // device memory does not survive a reset
        backend_->recover();
        spdlog::warn("{}: recovered after a device error in job {}", info_.id, q.job_id);
      } catch (const std::exception& e) {
        spdlog::error("{}: recovery after a device error failed: {}", info_.id, e.what());
      }
    }
  }
  refresh_memory();
  finish(q.job, std::move(out));
}

bool DeviceWorker::shutdown(std::chrono::milliseconds grace) {
  std::deque<Queued> dropped;
  {
    std::lock_guard lk(mutex_);
    stopping_ = true;
    dropped.swap(queue_);
    failed_ += dropped.size();
  }
  stopping_source_.request_stop();
  wake_.notify_all();
  for (auto& q : dropped) {
    JobOutcome o = failure(ErrorCode::shutting_down, "the daemon is shutting down; the job did not run");
    o.job_id = q.job_id;
    finish(q.job, std::move(o));
  }
  if (!thread_.joinable()) return true;

  std::unique_lock lk(mutex_);
  // Host stages in progress were told to stop; they end refused (shutting_down).
  idle_.wait_for(lk, std::max(grace, kCancelAllowance), [&] { return preparing_ == 0; });
  if (!idle_.wait_for(lk, grace, [&] { return exited_; })) {
    spdlog::warn("{}: the running job did not finish within {} ms; cancelling it", info_.id, grace.count());
    running_stop_.request_stop();
    if (!idle_.wait_for(lk, std::max(grace, kCancelAllowance), [&] { return exited_; })) {
      spdlog::error("{}: the running job ignores cancellation; leaving it behind", info_.id);
      lk.unlock();
      thread_.detach();
      return false;
    }
  }
  lk.unlock();
  thread_.join();
  return true;
}

DeviceStats DeviceWorker::stats() const {
  DeviceStats s;
  s.jobs_done = done_;
  s.jobs_failed = failed_;
  s.jobs_cancelled = cancelled_;
  {
    std::lock_guard lk(mutex_);
    s.jobs_queued = queue_.size();
    s.jobs_running = running_ ? 1 : 0;
  }
  s.memory = {free_bytes_, total_bytes_, reclaimable_bytes_};
  return s;
}

}  // namespace zkgpu
