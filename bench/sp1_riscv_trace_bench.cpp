// RISC-V trace generation on SP1's guest programs: the guest runs into SP1's
// shards (default thresholds), and each shard's traces of every chip built so far
// (ALU, control flow, loads and stores, ECALL, the syscall table, global and local
// memory, memory and state bumps, Global) are generated on N threads as it comes.
// Reports, as JSON: instructions, shards, wall and process-CPU seconds for
// execution (with event recording and sharding) and for each chip family's
// traces, and executed instructions per second of trace generation, in total and
// per thread. The precompile chips and the lookup tables' multiplicities are not
// built yet, so the figures cover the rest of a shard's traces.
// Threads: the process's CPUs (restrict them with taskset).
//   sp1_riscv_trace_bench [--fixtures DIR] [--only NAME]
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/cpu_pool.hpp"
#include "host_timing.hpp"
#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/air/riscv/syscall_chip.hpp"
#include "sp1/riscv/alu_traces.hpp"
#include "sp1/riscv/control_traces.hpp"
#include "sp1/riscv/global_trace.hpp"
#include "sp1/riscv/memory_bump_trace.hpp"
#include "sp1/riscv/memory_global_trace.hpp"
#include "sp1/riscv/memory_local_trace.hpp"
#include "sp1/riscv/memory_traces.hpp"
#include "sp1/riscv/state_bump_trace.hpp"
#include "sp1/riscv/syscall_instrs_trace.hpp"
#include "sp1/riscv/syscall_table_trace.hpp"
#include "zkvm/sharding.hpp"

namespace {

using namespace zkgpu;
using namespace zkgpu::sp1::riscv;
namespace rv = zkgpu::sp1::air::riscv;
using bench::Clock;

std::vector<uint8_t> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  return {std::istreambuf_iterator<char>(in), {}};
}

std::vector<uint8_t> u64_entry(uint64_t x) {
  std::vector<uint8_t> out(8);
  for (size_t i = 0; i < 8; ++i) out[i] = uint8_t(x >> (8 * i));
  return out;
}

struct Guest {
  std::string name, elf;
  std::vector<uint8_t> input;
};

// Each chip family's traces of one shard; returns their cells (to keep the work).
using Family = std::function<size_t(const zkvm::ShardRecord&)>;

size_t cells(const RiscvChipTrace& t) { return t.main.size(); }

std::vector<std::pair<std::string, Family>> families() {
  std::vector<std::pair<std::string, Family>> out;
  out.emplace_back("alu", [](const zkvm::ShardRecord& s) {
    size_t n = 0;
    for (int k = 0; k <= int(AluChipKind::ShiftRight); ++k) n += cells(alu_trace(AluChipKind(k), s.alu));
    return n;
  });
  out.emplace_back("control", [](const zkvm::ShardRecord& s) {
    std::vector<zkvm::InstrEvent> events = s.branch;
    events.insert(events.end(), s.jump.begin(), s.jump.end());
    events.insert(events.end(), s.utype.begin(), s.utype.end());
    size_t n = 0;
    for (int k = 0; k <= int(ControlChipKind::Jalr); ++k) n += cells(control_trace(ControlChipKind(k), events));
    return n;
  });
  out.emplace_back("memory_instructions", [](const zkvm::ShardRecord& s) {
    size_t n = 0;
    for (int k = 0; k <= int(MemoryChipKind::StoreDouble); ++k) n += cells(memory_trace(MemoryChipKind(k), s.memory));
    return n;
  });
  out.emplace_back("syscalls", [](const zkvm::ShardRecord& s) {
    return cells(syscall_instrs_trace(s.syscalls)) + cells(syscall_table_trace(rv::SyscallShardKind::Core, s)) +
           cells(syscall_table_trace(rv::SyscallShardKind::Precompile, s));
  });
  out.emplace_back("memory_local_global_bumps", [](const zkvm::ShardRecord& s) {
    return cells(memory_local_trace(s)) + cells(memory_bump_trace(s)) + cells(state_bump_trace(s)) +
           cells(memory_global_trace(rv::MemoryGlobalKind::Initialize, s)) +
           cells(memory_global_trace(rv::MemoryGlobalKind::Finalize, s));
  });
  out.emplace_back("global", [](const zkvm::ShardRecord& s) { return cells(global_trace(s).trace); });
  return out;
}

nlohmann::json run(const Guest& g, const std::string& fixtures) {
  const zkvm::Program program = zkvm::load_elf(read_file(fixtures + "/" + g.elf));
  const auto fams = families();
  std::map<std::string, double> wall, cpu;
  size_t shards = 0, total_cells = 0;
  double trace_wall = 0, trace_cpu = 0;
  const auto t0 = Clock::now();
  const double c0 = bench::cpu_ms_now();
  const zkvm::ShardingSummary summary =
      zkvm::execute_shards(program, {g.input}, zkvm::ShardOptions{}, [&](zkvm::ShardRecord&& s) {
        ++shards;
        for (const auto& [name, family] : fams) {
          const auto f0 = Clock::now();
          const double fc0 = bench::cpu_ms_now();
          total_cells += family(s);
          const double w = bench::ms_since(f0), c = bench::cpu_ms_now() - fc0;
          wall[name] += w;
          cpu[name] += c;
          trace_wall += w;
          trace_cpu += c;
        }
      });
  const double all_wall = bench::ms_since(t0), all_cpu = bench::cpu_ms_now() - c0;
  if (!summary.report.ok()) throw std::runtime_error(g.name + " failed: " + summary.report.error);
  const double instructions = double(summary.report.instructions);
  const size_t threads = cpu_count();
  nlohmann::json fam = nlohmann::json::object();
  for (const auto& [name, _] : fams) fam[name] = {{"wall_ms", wall[name]}, {"cpu_ms", cpu[name]}};
  return {{"guest", g.name},
          {"instructions", summary.report.instructions},
          {"shards", shards},
          {"threads", threads},
          {"execute_and_shard_wall_ms", all_wall - trace_wall},
          {"execute_and_shard_cpu_ms", all_cpu - trace_cpu},
          {"trace_wall_ms", trace_wall},
          {"trace_cpu_ms", trace_cpu},
          {"trace_cells", total_cells},
          {"trace_instructions_per_s", instructions / (trace_wall / 1e3)},
          {"trace_instructions_per_s_per_thread", instructions / (trace_wall / 1e3) / double(threads)},
          {"families", fam}};
}

}  // namespace

int main(int argc, char** argv) {
  std::string fixtures = ZKGPU_SP1_FIXTURES_DIR, only;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--fixtures")) fixtures = argv[i + 1];
    else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
    else {
      std::cerr << "usage: sp1_riscv_trace_bench [--fixtures DIR] [--only NAME]\n";
      return 2;
    }
  }
  std::vector<uint8_t> data(136 * 200);
  for (size_t i = 0; i < data.size(); ++i) data[i] = uint8_t(i * 37 + 11);
  const std::vector<Guest> guests{{"fibonacci", "elf/fibonacci.elf", u64_entry(300000)},
                                  {"loop", "elf/loop.elf", u64_entry(300000)},
                                  {"keccak", "elf/keccak.elf", data},
                                  {"rsp", "rsp/rsp-client.elf", read_file(fixtures + "/rsp/21000001.bin")}};
  nlohmann::json out = {{"benchmark", "sp1_riscv_trace"}, {"device", "cpu"}, {"runs", nlohmann::json::array()}};
  try {
    for (const Guest& g : guests)
      if (only.empty() || only == g.name) out["runs"].push_back(run(g, fixtures));
  } catch (const std::exception& e) {
    std::cerr << "sp1_riscv_trace_bench: " << e.what() << "\n";
    return 1;
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}
