// sp1_execute as the daemon schedules it: a host-only job on the CPU pool that
// leaves the device's queue to other jobs, and that ends soon after its client
// goes away or the daemon shuts down, saying so. The guest jumps to itself
// forever, so only cancellation ends it.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <future>
#include <thread>

#include "backends/backend.hpp"
#include "elf_builder.hpp"
#include "pipelines/pipeline.hpp"
#include "pipelines/sp1_ops.hpp"
#include "scheduler/device_worker.hpp"
#include "scheduler/job.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::zkvm::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

// proto/ops-sp1.md: max_cycles 0 (none), the ELF, an empty SP1Stdin.
std::vector<uint8_t> spin_forever_body() {
  const auto elf = spinning_elf();
  std::vector<uint8_t> b(16);
  const uint64_t len = elf.size();
  std::memcpy(b.data() + 8, &len, 8);
  b.insert(b.end(), elf.begin(), elf.end());
  const auto s = encode_sp1_stdin({});
  b.insert(b.end(), s.begin(), s.end());
  return b;
}

// proto/ops-stark.md: one KoalaBear Poseidon2 permutation of width 16 (a device job).
std::vector<uint8_t> poseidon2_body() {
  std::vector<uint8_t> b = {1, 0, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0};
  b.resize(b.size() + 16 * 4, 0);
  return b;
}

struct Submitted {
  std::stop_source client;
  std::promise<JobOutcome> outcome;
  std::future<JobOutcome> future = outcome.get_future();
};

void submit(DeviceWorker& worker, proto::Op op, std::vector<uint8_t> body, Submitted& s) {
  Job job = job_for_handler(proto::op_name(op), *find_handler(op), std::move(body));
  job.client_gone = s.client.get_token();
  job.done = [&s](JobOutcome o) { s.outcome.set_value(std::move(o)); };
  worker.submit(std::move(job));
}

DeviceInfo cpu_device() {
  DeviceInfo d;
  d.id = "cpu";
  return d;
}

TEST(ZkvmExecuteHostStage, LongExecuteLeavesTheDeviceFreeAndEndsWhenItsClientLeaves) {
  const PipelineConfig config;
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(1); }, config);
  Submitted exec, device_job;
  submit(worker, proto::Op::sp1_execute, spin_forever_body(), exec);
  // A device job queued after the execute runs and finishes while the guest spins.
  submit(worker, proto::Op::poseidon2, poseidon2_body(), device_job);
  ASSERT_EQ(device_job.future.wait_for(30s), std::future_status::ready);
  const JobOutcome d = device_job.future.get();
  EXPECT_TRUE(d.ok) << d.error.message;
  EXPECT_EQ(exec.future.wait_for(100ms), std::future_status::timeout) << "the guest never halts";
  EXPECT_EQ(worker.stats().jobs_running, 0u);

  const auto cancelled_at = Clock::now();
  exec.client.request_stop();
  ASSERT_EQ(exec.future.wait_for(10s), std::future_status::ready);
  const double took = std::chrono::duration<double>(Clock::now() - cancelled_at).count();
  EXPECT_LT(took, 2.0);  // one check every 2^22 instructions: tens of milliseconds
  const JobOutcome o = exec.future.get();
  EXPECT_FALSE(o.ok);
  EXPECT_EQ(o.error.code, ErrorCode::cancelled);
  EXPECT_NE(o.error.message.find("sp1_execute: job cancelled after "), std::string::npos) << o.error.message;
  EXPECT_NE(o.error.message.find(" guest instructions"), std::string::npos) << o.error.message;
  EXPECT_GT(o.ran_for, 0ns);
  EXPECT_EQ(worker.stats().jobs_cancelled, 1u);
  EXPECT_EQ(worker.stats().jobs_done, 1u);
}

TEST(ZkvmExecuteHostStage, ShutdownStopsARunningExecuteAndAnswersIt) {
  const PipelineConfig config;
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(1); }, config);
  Submitted exec;
  submit(worker, proto::Op::sp1_execute, spin_forever_body(), exec);
  EXPECT_EQ(exec.future.wait_for(200ms), std::future_status::timeout);
  const auto start = Clock::now();
  EXPECT_TRUE(worker.shutdown(0ms));
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 2.0);
  ASSERT_EQ(exec.future.wait_for(0s), std::future_status::ready);
  const JobOutcome o = exec.future.get();
  EXPECT_EQ(o.error.code, ErrorCode::shutting_down);
  EXPECT_NE(o.error.message.find("the daemon is shutting down; sp1_execute: job cancelled after "), std::string::npos)
      << o.error.message;
}

// SP1's Setup (which checks the ELF) is answered while the device is busy.
TEST(ZkvmExecuteHostStage, SetupIsAnsweredWhileTheDeviceIsBusy) {
  const PipelineConfig config;
  DeviceWorker worker(cpu_device(), [] { return make_cpu_backend(1); }, config);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> running;
  std::promise<JobOutcome> busy_done;
  Job busy;
  busy.name = "busy";
  busy.run = [released, &running](JobContext&, PreparedInput&) {
    running.set_value();
    released.wait();
    return std::vector<uint8_t>{1};
  };
  busy.done = [&](JobOutcome o) { busy_done.set_value(std::move(o)); };
  worker.submit(std::move(busy));
  // The device job must hold the device before Setup arrives.
  ASSERT_EQ(running.get_future().wait_for(10s), std::future_status::ready);

  // proto/sp1-envelope.md "Setup": variant 0, ELF 7f454c46 (4 bytes), then 2 more bytes.
  std::vector<uint8_t> setup_payload = {0, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0x7f, 0x45, 0x4c, 0x46, 0xaa, 0xbb};
  Submitted setup;
  Job job = job_for_handler("sp1.setup", sp1_handler(sp1::RequestKind::setup), std::move(setup_payload));
  job.done = [&setup](JobOutcome o) { setup.outcome.set_value(std::move(o)); };
  worker.submit(std::move(job));
  ASSERT_EQ(setup.future.wait_for(10s), std::future_status::ready);
  const JobOutcome o = setup.future.get();
  EXPECT_EQ(o.error.code, ErrorCode::internal);
  EXPECT_EQ(o.error.message, "Setup: invalid ELF: ELF header lies outside the file");
  EXPECT_EQ(worker.stats().jobs_running, 1u);  // the device job still holds the device

  release.set_value();
  EXPECT_TRUE(busy_done.get_future().get().ok);
}

TEST(ZkvmExecuteHostStage, ExecutorStopsSoonAfterItsTokenIsRequested) {
  const Program p = load_elf(spinning_elf());
  std::stop_source stop;
  ExecOptions options;
  options.stop = stop.get_token();
  std::thread canceller([&] {
    std::this_thread::sleep_for(50ms);
    stop.request_stop();
  });
  const auto start = Clock::now();
  try {
    execute(p, {}, options);
    ADD_FAILURE() << "a guest that spins forever returned";
  } catch (const ExecutionCancelled& e) {
    EXPECT_GT(e.instructions(), 0u);
  }
  canceller.join();
  EXPECT_LT(std::chrono::duration<double>(Clock::now() - start).count(), 2.0);
}

}  // namespace
}  // namespace zkgpu::zkvm::test
