// Executor speed on SP1's guest programs: instructions, wall and CPU time (median
// of N runs) and MHz, as JSON. CPU time is this thread's, so the number stays
// meaningful on a shared machine; wall time is what a caller waits. --record
// runs with the event recorder instead, dropping the events every 2^20
// instructions so that memory stays bounded. --shard 1 runs the sharded
// executor (SP1's default thresholds, each shard dropped once made, its
// checkpoint kept), then re-executes every execution shard from its checkpoint
// on --threads N threads (default: the hardware's), and reports both rates.
// --element-threshold E replaces SP1's default trace-area threshold (smaller shards).
//   zkvm_execute_bench [--reps N] [--fixtures DIR] [--only NAME] [--record 1]
//                      [--shard 1 [--threads N] [--element-threshold E]]
//   (DIR: tests/data/sp1)
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "zkvm/executor.hpp"
#include "zkvm/recorder.hpp"
#include "zkvm/sharding.hpp"
#include "zkvm/stdin.hpp"

namespace {

using namespace zkgpu::zkvm;

double thread_cpu_s() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

double median(std::vector<double> v) {
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// A run with the event recorder, its events dropped shard by shard.
Report execute_recorded(const Program& program, std::vector<std::vector<uint8_t>> input) {
  RecordingRun run(program, std::move(input));
  EventRecorder rec;
  for (;;) {
    rec.stop_at(rec.instructions() + (uint64_t(1) << 20));
    const bool done = run.resume(rec);
    rec.clear_events();
    if (done) return run.report();
  }
}

// The sharded executor on one thread; returns the checkpoints of its execution shards.
std::vector<std::shared_ptr<const Checkpoint>> execute_sharded(const Program& program,
                                                               std::vector<std::vector<uint8_t>> input,
                                                               const ShardOptions& options, Report& report,
                                                               uint64_t& shards) {
  std::vector<std::shared_ptr<const Checkpoint>> checkpoints;
  shards = 0;
  const ShardingSummary s = execute_shards(program, std::move(input), options, [&](ShardRecord&& r) {
    ++shards;
    if (r.kind == ShardRecord::Kind::execution) checkpoints.push_back(r.checkpoint);
  });
  report = s.report;
  return checkpoints;
}

// Every execution shard again from its checkpoint, `threads` at a time; the wall time.
double reexecute_all(const Program& program, const std::vector<std::shared_ptr<const Checkpoint>>& checkpoints,
                     const ShardOptions& options, unsigned threads) {
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  const auto w0 = std::chrono::steady_clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t)
    pool.emplace_back([&] {
      for (size_t k; (k = next++) < checkpoints.size();) try {
          reexecute_shard(program, *checkpoints[k], options);
        } catch (const std::exception& e) {
          std::cerr << "shard " << k << ": " << e.what() << '\n';
          failed = true;
        }
    });
  for (auto& th : pool) th.join();
  if (failed) throw std::runtime_error("re-execution failed");
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
}

struct Case {
  std::string name, elf;
  std::vector<std::vector<uint8_t>> input;
};

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  std::string dir = ZKGPU_SP1_FIXTURES_DIR, only;
  bool record = false, sharded = false;
  ShardOptions shard_options;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--fixtures")) dir = argv[i + 1];
    if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
    if (!std::strcmp(argv[i], "--record")) record = std::atoi(argv[i + 1]) != 0;
    if (!std::strcmp(argv[i], "--shard")) sharded = std::atoi(argv[i + 1]) != 0;
    if (!std::strcmp(argv[i], "--element-threshold"))
      shard_options.threshold.element_threshold = std::strtoull(argv[i + 1], nullptr, 10);
    if (!std::strcmp(argv[i], "--threads")) threads = unsigned(std::max(1, std::atoi(argv[i + 1])));
  }
  std::mt19937 rng(1);
  std::vector<uint8_t> data(1 << 20);
  for (auto& b : data) b = uint8_t(rng());
  std::vector<Case> cases = {
      {"loop", dir + "/elf/loop.elf", {u64_entry(10'000'000)}},
      {"fibonacci", dir + "/elf/fibonacci.elf", {u64_entry(300'000)}},
      {"sha2", dir + "/elf/sha2.elf", {data}},
      {"keccak", dir + "/elf/keccak.elf", {data}},
      {"rsp", dir + "/rsp/rsp-client.elf", {}},
  };
  nlohmann::json out = nlohmann::json::array();
  for (Case& c : cases) {
    if (!only.empty() && c.name != only) continue;
    if (c.name == "rsp") c.input = {read_file(dir + "/rsp/21000001.bin")};
    const Program program = load_elf(read_file(c.elf));
    if (sharded) {
      // One run: the sharded execution, then the re-execution from checkpoints.
      Report r;
      uint64_t shards = 0;
      const double c0 = thread_cpu_s();
      const auto w0 = std::chrono::steady_clock::now();
      const auto checkpoints = execute_sharded(program, c.input, shard_options, r, shards);
      const double w = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
      const double t = thread_cpu_s() - c0;
      if (!r.ok()) {
        std::cerr << c.name << " failed: " << r.error << '\n';
        return 1;
      }
      const double re_w = reexecute_all(program, checkpoints, shard_options, threads);
      const double insns = double(r.instructions);
      out.push_back({{"program", c.name},
                     {"instructions", r.instructions},
                     {"shards", shards},
                     {"execution_shards", checkpoints.size()},
                     {"sharded_wall_s", w},
                     {"sharded_cpu_s", t},
                     {"sharded_mhz_wall", insns / w / 1e6},
                     {"sharded_mhz_cpu", insns / t / 1e6},
                     {"element_threshold", shard_options.threshold.element_threshold},
                     {"threads", threads},
                     {"reexecute_wall_s", re_w},
                     {"reexecute_mhz_wall", insns / re_w / 1e6}});
      std::cerr << out.back().dump() << '\n';
      continue;
    }
    std::vector<double> wall, cpu;
    Report r;
    for (int i = 0; i < reps; ++i) {
      const double c0 = thread_cpu_s();
      const auto w0 = std::chrono::steady_clock::now();
      r = record ? execute_recorded(program, c.input) : execute(program, c.input);
      wall.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count());
      cpu.push_back(thread_cpu_s() - c0);
      if (!r.ok()) {
        std::cerr << c.name << " failed: " << r.error << '\n';
        return 1;
      }
    }
    const double insns = double(r.instructions + r.unconstrained_instructions);
    const double w = median(wall), t = median(cpu);
    out.push_back({{"program", c.name},
                   {"instructions", r.instructions},
                   {"unconstrained_instructions", r.unconstrained_instructions},
                   {"reps", reps},
                   {"recorded", record},
                   {"median_wall_s", w},
                   {"median_cpu_s", t},
                   {"mhz_wall", insns / w / 1e6},
                   {"mhz_cpu", insns / t / 1e6}});
    std::cerr << out.back().dump() << '\n';
  }
  std::cout << out.dump(2) << '\n';
  return 0;
}
