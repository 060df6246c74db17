// RISC-V trace generation on SP1's guest programs: the guest runs into SP1's
// shards (default thresholds) and each chosen shard's traces are generated as
// check-traces makes them (shard_traces: every chip, the lookup counts, the
// tables), on the process's threads, --repeat times (the median counts). Reports,
// as JSON: the traced shards' instructions; execution alone, and execution with
// event recording and sharding (their difference: event recording); the median
// wall and process-CPU time of shard_traces and the executed instructions per
// second it reaches, in total and per CPU second; and each chip family's share
// (its traces made alone, and the lookup counts of the shard's traces).
// Threads: the process's CPUs (restrict them with taskset).
//   sp1_riscv_trace_bench [--fixtures DIR] [--only NAME] [--shards I,J,...] [--repeat N]
//   sp1_riscv_trace_bench [--fixtures DIR] [--only NAME] --pipeline DEPTH
// --shards traces only those shards (the run stops after the last of them).
// --pipeline instead traces every shard of the run as check-traces does: the
// guest is recorded into shards on one thread while up to DEPTH earlier shards'
// traces are made (each over the CPU pool), and each next shard records into the
// event vectors traced shards gave back; reports the run's wall and CPU time
// from the start of execution to the last shard's traces, once.
#include <algorithm>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <sstream>
#include <stop_token>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/cpu_pool.hpp"
#include "common/ordered_pipeline.hpp"
#include "host_timing.hpp"
#include "sp1/air/riscv/memory_global.hpp"
#include "sp1/air/riscv/syscall_chip.hpp"
#include "sp1/riscv/alu_traces.hpp"
#include "sp1/riscv/control_traces.hpp"
#include "sp1/riscv/global_trace.hpp"
#include "sp1/riscv/lookup_counts.hpp"
#include "sp1/riscv/memory_bump_trace.hpp"
#include "sp1/riscv/memory_global_trace.hpp"
#include "sp1/riscv/memory_local_trace.hpp"
#include "sp1/riscv/memory_traces.hpp"
#include "sp1/riscv/shard_traces.hpp"
#include "sp1/riscv/state_bump_trace.hpp"
#include "sp1/riscv/syscall_instrs_trace.hpp"
#include "sp1/riscv/syscall_table_trace.hpp"
#include "zkvm/event_buffers.hpp"
#include "zkvm/executor.hpp"
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

// Wall and process-CPU milliseconds of one call of `work`.
struct Timing {
  double wall = 0, cpu = 0;
};
template <class Work>
Timing timed(Work&& work) {
  const auto w0 = Clock::now();
  const double c0 = bench::cpu_ms_now();
  work();
  return {bench::ms_since(w0), bench::cpu_ms_now() - c0};
}
// The median wall and CPU time of `repeat` calls.
template <class Work>
Timing median_of(size_t repeat, Work&& work) {
  std::vector<double> wall, cpu;
  for (size_t i = 0; i < repeat; ++i) {
    const Timing t = timed(work);
    wall.push_back(t.wall);
    cpu.push_back(t.cpu);
  }
  return {bench::median(wall), bench::median(cpu)};
}

// Execution's (with event recording) share of execution and trace generation,
// from their times per instruction.
double execution_share(double execute_per_instruction, double trace_per_instruction) {
  return execute_per_instruction / (execute_per_instruction + trace_per_instruction);
}

struct Selection {
  std::vector<size_t> shards;  // empty: all
  size_t repeat = 3;
  bool wants(size_t index) const {
    return shards.empty() || std::find(shards.begin(), shards.end(), index) != shards.end();
  }
};

nlohmann::json run(const Guest& g, const std::string& fixtures, const Selection& sel) {
  const zkvm::Program program = zkvm::load_elf(read_file(fixtures + "/" + g.elf));
  const ProgramTables tables = program_tables(program);
  const auto fams = families();
  std::map<std::string, Timing> family;
  Timing traces, callbacks;
  size_t traced = 0, traced_instructions = 0, cycles = 0;
  std::stop_source stop;
  zkvm::EventBufferPool buffers;
  zkvm::ShardOptions options;
  options.exec.stop = stop.get_token();
  options.event_buffers = &buffers;
  const size_t last = sel.shards.empty() ? SIZE_MAX : *std::max_element(sel.shards.begin(), sel.shards.end());
  const auto on_shard = [&](zkvm::ShardRecord&& s) {
    const Timing t = timed([&] {
      cycles += s.instructions;
      if (!sel.wants(s.index)) return;
      ++traced;
      traced_instructions += s.instructions;
      const Timing all = median_of(sel.repeat, [&] { shard_traces(s, tables); });
      traces.wall += all.wall;
      traces.cpu += all.cpu;
      for (const auto& [name, fn] : fams) {
        const Timing f = median_of(sel.repeat, [&] { fn(s); });
        family[name].wall += f.wall;
        family[name].cpu += f.cpu;
      }
      const ShardTraces out = shard_traces(s, tables);
      const Timing lookups = median_of(sel.repeat, [&] {
        LookupCounts counts;
        for (const ShardChipTrace& c : out.chips)
          if (c.rows) count_lookups(*c.chip, c.view(), out.public_value_felts, counts);
      });
      family["lookup_counts"].wall += lookups.wall;
      family["lookup_counts"].cpu += lookups.cpu;
    });
    buffers.give(s);
    callbacks.wall += t.wall;
    callbacks.cpu += t.cpu;
    if (s.index >= last) stop.request_stop();
  };
  bool stopped = false;
  const Timing sharded = timed([&] {
    try {
      const zkvm::ShardingSummary summary = zkvm::execute_shards(program, {g.input}, options, on_shard);
      if (!summary.report.ok()) throw std::runtime_error(g.name + " failed: " + summary.report.error);
    } catch (const zkvm::ExecutionCancelled&) {
      stopped = true;
    }
  });
  // Execution alone over the same cycles (stopped by its cycle limit after a subset).
  zkvm::ExecOptions plain;
  plain.max_cycles = stopped ? cycles : 0;
  const Timing executed = timed([&] { zkvm::execute(program, {g.input}, plain); });

  const double record_wall = sharded.wall - callbacks.wall;
  const double instructions = double(traced_instructions);
  double family_cpu = 0;
  for (const auto& [_, t] : family) family_cpu += t.cpu;
  nlohmann::json fam = nlohmann::json::object();
  for (const auto& [name, t] : family)
    fam[name] = {{"wall_ms", t.wall}, {"cpu_ms", t.cpu}, {"cpu_share", family_cpu > 0 ? t.cpu / family_cpu : 0}};
  return {{"guest", g.name},
          {"executed_instructions", cycles},
          {"traced_shards", traced},
          {"traced_instructions", traced_instructions},
          {"threads", cpu_count()},
          {"repeat", sel.repeat},
          {"execute_ms", executed.wall},
          {"execute_record_and_shard_ms", record_wall},
          {"event_recording_and_sharding_ms", record_wall - executed.wall},
          {"trace_median_wall_ms", traces.wall},
          {"trace_median_cpu_ms", traces.cpu},
          {"trace_instructions_per_s", instructions / (traces.wall / 1e3)},
          {"trace_instructions_per_cpu_s", instructions / (traces.cpu / 1e3)},
          {"execution_share", execution_share(record_wall / double(cycles), traces.wall / instructions)},
          {"families", fam}};
}

// Every shard of the run recorded and traced through an OrderedPipeline of
// `depth` (check-traces' arrangement, without the checks).
nlohmann::json run_pipelined(const Guest& g, const std::string& fixtures, size_t depth) {
  const zkvm::Program program = zkvm::load_elf(read_file(fixtures + "/" + g.elf));
  const ProgramTables tables = program_tables(program);
  size_t shards = 0, cycles = 0, rows = 0;
  Timing blocked;  // the recording thread's time waiting for a slot (it finishes the oldest shard meanwhile)
  const Timing total = timed([&] {
    zkvm::EventBufferPool buffers;
    OrderedPipeline<size_t> pipeline(depth, [&](size_t&& r) { rows += r; });
    zkvm::ShardOptions options;
    options.event_buffers = &buffers;
    const zkvm::ShardingSummary summary =
        zkvm::execute_shards(program, {g.input}, options, [&](zkvm::ShardRecord&& s) {
          ++shards;
          cycles += s.instructions;
          auto record = std::make_shared<zkvm::ShardRecord>(std::move(s));
          const Timing t = timed([&] {
            pipeline.submit([record, &tables, &buffers] {
              size_t n = 0;
              for (const ShardChipTrace& c : shard_traces(*record, tables).chips) n += c.rows;
              buffers.give(*record);
              return n;
            });
          });
          blocked.wall += t.wall;
        });
    if (!summary.report.ok()) throw std::runtime_error(g.name + " failed: " + summary.report.error);
    const Timing rest = timed([&] { pipeline.drain(); });
    blocked.wall += rest.wall;
  });
  const Timing executed = timed([&] { zkvm::execute(program, {g.input}, zkvm::ExecOptions{}); });
  return {{"guest", g.name},
          {"mode", "pipeline"},
          {"pipeline_depth", depth},
          {"threads", cpu_count()},
          {"shards", shards},
          {"executed_instructions", cycles},
          {"trace_rows", rows},
          {"execute_ms", executed.wall},
          {"record_ms", total.wall - blocked.wall},
          {"waiting_for_traces_ms", blocked.wall},
          {"total_wall_ms", total.wall},
          {"total_cpu_ms", total.cpu},
          {"instructions_per_s", double(cycles) / (total.wall / 1e3)},
          {"instructions_per_cpu_s", double(cycles) / (total.cpu / 1e3)}};
}

}  // namespace

// "3,7,21" into shard indices.
std::vector<size_t> parse_shards(const std::string& list) {
  std::vector<size_t> out;
  std::stringstream in(list);
  for (std::string item; std::getline(in, item, ',');) out.push_back(std::stoul(item));
  return out;
}

int main(int argc, char** argv) {
  std::string fixtures = ZKGPU_SP1_FIXTURES_DIR, only;
  Selection sel;
  size_t pipeline_depth = 0;  // 0: per-shard mode
  try {
    for (int i = 1; i < argc; i += 2) {
      if (i + 1 >= argc) throw std::invalid_argument(argv[i]);
      if (!std::strcmp(argv[i], "--fixtures")) fixtures = argv[i + 1];
      else if (!std::strcmp(argv[i], "--only")) only = argv[i + 1];
      else if (!std::strcmp(argv[i], "--shards")) sel.shards = parse_shards(argv[i + 1]);
      else if (!std::strcmp(argv[i], "--repeat")) sel.repeat = std::max<size_t>(1, std::stoul(argv[i + 1]));
      else if (!std::strcmp(argv[i], "--pipeline")) pipeline_depth = std::max<size_t>(1, std::stoul(argv[i + 1]));
      else throw std::invalid_argument(argv[i]);
    }
  } catch (const std::exception&) {
    std::cerr << "usage: sp1_riscv_trace_bench [--fixtures DIR] [--only NAME] [--shards I,J,...] [--repeat N]\n"
                 "       sp1_riscv_trace_bench [--fixtures DIR] [--only NAME] --pipeline DEPTH\n";
    return 2;
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
      if (only.empty() || only == g.name)
        out["runs"].push_back(pipeline_depth ? run_pipelined(g, fixtures, pipeline_depth) : run(g, fixtures, sel));
  } catch (const std::exception& e) {
    std::cerr << "sp1_riscv_trace_bench: " << e.what() << "\n";
    return 1;
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}
