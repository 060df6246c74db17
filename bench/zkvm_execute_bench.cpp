// Executor speed on SP1's guest programs: instructions, wall and CPU time (median
// of N runs) and MHz, as JSON. CPU time is this thread's, so the number stays
// meaningful on a shared machine; wall time is what a caller waits. --record
// runs with the event recorder instead, dropping the events every 2^20
// instructions so that memory stays bounded.
//   zkvm_execute_bench [--reps N] [--fixtures DIR] [--only NAME] [--record 1]   (DIR: tests/data/sp1)
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "zkvm/executor.hpp"
#include "zkvm/recorder.hpp"
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

struct Case {
  std::string name, elf;
  std::vector<std::vector<uint8_t>> input;
};

}  // namespace

int main(int argc, char** argv) {
  int reps = 5;
  std::string dir = ZKGPU_SP1_FIXTURES_DIR, only;
  bool record = false;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--reps")) reps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--fixtures")) dir = argv[i + 1];
    if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
    if (!std::strcmp(argv[i], "--record")) record = std::atoi(argv[i + 1]) != 0;
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
