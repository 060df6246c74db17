// sp1 check-traces: run an SP1 v6 guest, cut it into SP1's shards, generate every
// RISC-V chip's traces for each shard (sp1/riscv/shard_traces.hpp) and check them
// (sp1/riscv/shard_check.hpp): every constraint on every row, every interaction
// kind balanced in each shard's LogUp sum, and the global interactions across
// shards (the vk's initial global cumulative sum plus every shard's sum is
// SP1's zero digest). Exit codes: 0 all hold; 1 a check fails (shard, chip, row
// and constraint, or the interaction kind); 2 bad input (ELF, flags, files);
// 3 the guest failed; 4 a shard needs what this build cannot check (named: the
// mprotect build for a user-mode program, a syscall SP1 has no chip for).
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/sp1_guest_input.hpp"
#include "common/cpu_pool.hpp"
#include "common/ordered_pipeline.hpp"
#include "sp1/errors.hpp"
#include "sp1/riscv/corrupt_cell.hpp"
#include "sp1/riscv/shard_check.hpp"
#include "sp1/riscv/shard_traces.hpp"
#include "sp1/setup/global_sum.hpp"
#include "zkvm/event_buffers.hpp"
#include "zkvm/sharding.hpp"

namespace zkgpu::cli {
namespace {

constexpr int kExitCheckFailed = 1;
constexpr int kExitBadInput = 2;
constexpr int kExitGuestFailed = 3;
constexpr int kExitNotSupported = 4;

using Clock = std::chrono::steady_clock;
namespace rv = sp1::riscv;

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

struct CheckArgs {
  std::string elf;
  GuestInputArgs input;
  std::optional<uint64_t> shard;
  std::optional<uint64_t> corrupt_seed;
  uint64_t element_threshold = 0;
  std::string features = "default";
};

const char* kind_name(zkvm::ShardRecord::Kind k) {
  switch (k) {
    case zkvm::ShardRecord::Kind::execution: return "execution";
    case zkvm::ShardRecord::Kind::precompile: return "precompile";
    case zkvm::ShardRecord::Kind::memory: return "memory";
  }
  return "?";
}

struct Times {
  double execute = 0, tracegen = 0, check = 0, global = 0;
};

// What checking one shard found (made on a pipeline thread).
struct ShardOutcome {
  nlohmann::json entry;  // index, kind, cycles; heights when checked
  bool checked = false;
  sp1::air::septic::Point sum{};
  std::optional<nlohmann::json> failure, corrupted;
  std::optional<std::string> unsupported;
  std::string unsupported_chip;
  double tracegen_s = 0, check_s = 0;
};

// The run: each shard's traces made and checked on a pipeline thread while the
// guest goes on into the next shards; the outcomes taken in shard order (until
// the first failure), then the global sums.
class Checker {
 public:
  // Shards traced and checked at once besides the one being recorded: each holds
  // its events and traces (a few GB for a full rsp shard) until it is finished.
  static constexpr size_t kShardsInFlight = 2;

  Checker(const zkvm::Program& program, const CheckArgs& a, std::stop_source& stop)
      : args_(a),
        tables_(rv::program_tables(program, a.features == "mprotect" ? rv::Features::Mprotect
                                                                     : rv::Features::Default)),
        stop_(stop),
        pipeline_(kShardsInFlight, [this](ShardOutcome&& o) { take(std::move(o)); }) {}

  void on_shard(zkvm::ShardRecord&& s) {
    const Clock::time_point start = Clock::now();
    ++shards_;
    cycles_ += s.instructions;
    const bool wanted = !args_.shard || s.index == *args_.shard;
    auto record = std::make_shared<zkvm::ShardRecord>(std::move(s));
    pipeline_.submit([this, record, wanted] {
      ShardOutcome o = wanted ? check_shard(*record) : unchecked(*record);
      buffers_.give(*record);
      return o;
    });
    // Only that shard is to be checked: the run need not go on.
    if (args_.shard && record->index == *args_.shard) stop_.request_stop();
    execute_excluded_ += seconds_since(start);
  }

  // The executor's next shards record into the event vectors finished shards give back.
  zkvm::EventBufferPool* event_buffers() { return &buffers_; }

  // Takes the outcomes still in flight (after the run, whether it ended or stopped).
  void drain() {
    const Clock::time_point start = Clock::now();
    pipeline_.drain();
    execute_excluded_ += seconds_since(start);
  }

  // After the run (`summary` null when it was stopped early, after a failure, a
  // missing chip or the --shard one): the global sums when every shard was
  // checked. Returns the exit code.
  int finish(const zkvm::ShardingSummary* summary, const zkvm::Program& program, double run_s, bool json) {
    times_.execute = run_s - execute_excluded_;
    report_["sp1_features"] = args_.features;
    report_["cycles"] = cycles_;
    report_["shard_count"] = shards_;
    report_["checked_shards"] = checked_;
    report_["run_stopped_early"] = summary == nullptr;
    int code = 0;
    if (summary && !summary->report.ok()) {
      std::cerr << summary->report.guest_stderr;
      report_["status"] = "guest_failed";
      report_["error"] = summary->report.halted
                             ? "guest exited with code " + std::to_string(summary->report.exit_code)
                             : "guest failed: " + summary->report.error;
      code = kExitGuestFailed;
    } else if (args_.shard && !checked_ && !unsupported_) {
      report_["status"] = "bad_input";
      report_["error"] =
          "--shard " + std::to_string(*args_.shard) + ": the run has " + std::to_string(shards_) + " shards";
      code = kExitBadInput;
    } else if (unsupported_) {
      report_["status"] = "not_supported";
      report_["error"] = *unsupported_;
      report_["chip"] = unsupported_chip_;
      code = kExitNotSupported;
    } else if (failure_) {
      report_["status"] = "failed";
      report_["failure"] = *failure_;
      code = kExitCheckFailed;
    } else if (args_.corrupt_seed && !corrupted_) {
      report_["status"] = "bad_input";
      report_["error"] = "--debug-corrupt: no checked shard has a cell whose change breaks a constraint";
      code = kExitBadInput;
    } else if (!args_.shard) {
      const Clock::time_point start = Clock::now();
      const bool cancel = rv::global_sums_cancel(sp1::setup::initial_global_cumulative_sum(program, cpu_count()),
                                                 shard_sums_);
      times_.global = seconds_since(start);
      report_["global_sum"] = cancel ? "zero" : "not zero";
      if (!cancel) {
        report_["status"] = "failed";
        report_["failure"] = {{"what", "the vk's initial global cumulative sum and the shards' sums do not add up "
                                       "to SP1's zero digest"}};
        code = kExitCheckFailed;
      } else {
        report_["status"] = "ok";
      }
    } else {
      report_["status"] = "ok";
      report_["global_sum"] = "not checked (one shard)";
    }
    report_["times_s"] = {{"execute_and_shard", times_.execute},
                          {"tracegen", times_.tracegen},
                          {"check", times_.check},
                          {"global_sum", times_.global}};
    print(json, code);
    return code;
  }

 private:
  static nlohmann::json entry_of(const zkvm::ShardRecord& s) {
    return {{"index", s.index}, {"kind", kind_name(s.kind)}, {"cycles", s.instructions}};
  }
  static ShardOutcome unchecked(const zkvm::ShardRecord& s) {
    ShardOutcome o;
    o.entry = entry_of(s);
    o.entry["checked"] = false;
    return o;
  }

  // On a pipeline thread: the shard's traces, the test aid's corruption, the
  // constraints and interactions. Nothing is checked once the run is stopping.
  ShardOutcome check_shard(const zkvm::ShardRecord& s) const {
    if (stop_.stop_requested() && !(args_.shard && s.index == *args_.shard)) return unchecked(s);
    ShardOutcome o = unchecked(s);
    const Clock::time_point start = Clock::now();
    std::optional<rv::ShardTraces> traces;
    try {
      traces = rv::shard_traces(s, tables_);
    } catch (const rv::UnsupportedChip& e) {
      o.unsupported = "shard " + std::to_string(s.index) + ": " + e.what();
      o.unsupported_chip = e.chip();
      return o;
    } catch (const std::exception& e) {
      // A record a trace generator refuses (out of time order, out of range).
      o.failure = {{"shard", s.index},
                   {"what", "shard " + std::to_string(s.index) + ": trace generation failed: " + e.what()}};
      return o;
    }
    o.tracegen_s = seconds_since(start);
    o.checked = true;
    o.entry.erase("checked");
    o.sum = traces->global_cumulative_sum;
    if (args_.corrupt_seed)
      if (const auto cell = rv::corrupt_one_cell(*traces, *args_.corrupt_seed))
        o.corrupted = {{"shard", s.index}, {"chip", cell->chip}, {"row", cell->row}, {"column", cell->column}};
    nlohmann::json heights = nlohmann::json::object();
    for (const rv::ShardChipTrace& t : traces->chips)
      if (t.rows) heights[std::string(t.chip->name())] = t.rows;
    o.entry["heights"] = std::move(heights);
    const Clock::time_point check_start = Clock::now();
    o.failure = check(*traces, s.index);
    o.check_s = seconds_since(check_start);
    return o;
  }

  // In shard order, on the recording thread. After the first failure (or a
  // shard this build cannot check) later outcomes count as unchecked; the first
  // shard whose cell was changed is the one the report names.
  void take(ShardOutcome&& o) {
    if (failure_ || unsupported_) {
      report_["shards"].push_back(unchecked_entry(std::move(o.entry)));
      return;
    }
    times_.tracegen += o.tracegen_s;
    times_.check += o.check_s;
    if (o.unsupported) {
      unsupported_ = std::move(o.unsupported);
      unsupported_chip_ = std::move(o.unsupported_chip);
      stop_.request_stop();
    } else if (o.failure) {
      failure_ = std::move(o.failure);
      stop_.request_stop();
    }
    if (o.checked) {
      ++checked_;
      shard_sums_.push_back(o.sum);
      if (o.corrupted && !corrupted_) {
        corrupted_ = true;
        report_["corrupted"] = std::move(*o.corrupted);
      }
    }
    report_["shards"].push_back(std::move(o.entry));
  }

  static nlohmann::json unchecked_entry(nlohmann::json entry) {
    entry.erase("heights");
    entry["checked"] = false;
    return entry;
  }

  static std::optional<nlohmann::json> check(const rv::ShardTraces& traces, uint64_t shard) {
    if (const auto v = rv::first_violation(traces)) {
      return nlohmann::json{{"shard", shard}, {"chip", v->chip}, {"row", v->row}, {"constraint", v->constraint},
                  {"what", "shard " + std::to_string(shard) + ": chip " + v->chip + " row " + std::to_string(v->row) +
                               " breaks constraint " + std::to_string(v->constraint)}};
    }
    const std::vector<sp1::air::InteractionKind> kinds = rv::unbalanced_kinds(traces, rv::random_challenge());
    if (kinds.empty()) return std::nullopt;
    std::string names;
    nlohmann::json list = nlohmann::json::array();
    for (const auto k : kinds) {
      names += (names.empty() ? "" : ", ") + std::string(rv::kind_name(k));
      list.push_back(rv::kind_name(k));
    }
    if (traces.uncounted_lookups)
      names += " (" + std::to_string(traces.uncounted_lookups) + " table lookups address no table row)";
    return nlohmann::json{{"shard", shard}, {"interactions", list},
                          {"what", "shard " + std::to_string(shard) + ": interactions do not balance: " + names}};
  }

  void print(bool json, int code) const {
    if (json) {
      std::cout << report_.dump(2) << '\n';
    } else {
      for (const auto& s : report_["shards"]) {
        std::printf("shard %llu (%s, %llu cycles)", (unsigned long long)s["index"].get<uint64_t>(),
                    s["kind"].get<std::string>().c_str(), (unsigned long long)s["cycles"].get<uint64_t>());
        if (s.contains("heights")) {
          std::printf(":");
          for (const auto& [name, rows] : s["heights"].items())
            std::printf(" %s=%llu", name.c_str(), (unsigned long long)rows.get<uint64_t>());
        } else {
          std::printf(": not checked");
        }
        std::printf("\n");
      }
      if (report_.contains("corrupted")) {
        const auto& c = report_["corrupted"];
        std::printf("debug-corrupt: changed shard %llu chip %s row %llu column %llu\n",
                    (unsigned long long)c["shard"].get<uint64_t>(), c["chip"].get<std::string>().c_str(),
                    (unsigned long long)c["row"].get<uint64_t>(), (unsigned long long)c["column"].get<uint64_t>());
      }
      const auto& t = report_["times_s"];
      std::printf("cycles %llu, shards %llu (%llu checked); execute+shard %.3f s, tracegen %.3f s, check %.3f s, "
                  "global sum %.3f s\n",
                  (unsigned long long)cycles_, (unsigned long long)shards_, (unsigned long long)checked_,
                  t["execute_and_shard"].get<double>(), t["tracegen"].get<double>(), t["check"].get<double>(),
                  t["global_sum"].get<double>());
      if (code == 0) std::printf("all constraints and interactions hold (global sum: %s)\n",
                                 report_["global_sum"].get<std::string>().c_str());
    }
    if (code == kExitCheckFailed)
      std::cerr << "zkgpu: check-traces: " << report_["failure"]["what"].get<std::string>() << '\n';
    if (code == kExitNotSupported || code == kExitGuestFailed || code == kExitBadInput)
      std::cerr << "zkgpu: check-traces: " << report_["error"].get<std::string>() << '\n';
  }

  const CheckArgs& args_;
  rv::ProgramTables tables_;
  std::stop_source& stop_;
  nlohmann::json report_{{"shards", nlohmann::json::array()}};
  std::vector<sp1::air::septic::Point> shard_sums_;
  std::optional<nlohmann::json> failure_;
  std::optional<std::string> unsupported_;
  std::string unsupported_chip_;
  bool corrupted_ = false;
  uint64_t shards_ = 0, checked_ = 0, cycles_ = 0;
  double execute_excluded_ = 0;
  Times times_;
  zkvm::EventBufferPool buffers_;
  OrderedPipeline<ShardOutcome> pipeline_;  // last: its destructor waits for the threads that use the rest
};

[[noreturn]] void bad_input(const std::string& what) {
  std::cerr << "zkgpu: bad input: " << what << '\n';
  throw CLI::RuntimeError(kExitBadInput);
}

void run_check(const CLI::App& cmd, const CheckArgs& a, const CliContext& ctx) {
  std::vector<uint8_t> elf;
  std::vector<std::vector<uint8_t>> input;
  zkvm::Program program;
  try {
    elf = read_input_file(a.elf, "ELF");
    input = collect_guest_input(cmd, a.input);
    program = zkvm::load_elf(elf);
  } catch (const sp1::ParseError& e) {
    bad_input(e.what());
  } catch (const zkvm::ElfError& e) {
    bad_input(e.what());
  }
  std::stop_source stop;
  std::unique_ptr<Checker> checker;
  try {
    checker = std::make_unique<Checker>(program, a, stop);
  } catch (const zkvm::TranspileError& e) {
    bad_input(e.what());
  }
  zkvm::ShardOptions options;
  if (a.element_threshold) options.threshold.element_threshold = a.element_threshold;
  options.exec.stop = stop.get_token();
  options.event_buffers = checker->event_buffers();
  const Clock::time_point start = Clock::now();
  std::optional<zkvm::ShardingSummary> summary;
  try {
    summary = zkvm::execute_shards(program, std::move(input), options,
                                   [&](zkvm::ShardRecord&& s) { checker->on_shard(std::move(s)); });
  } catch (const std::invalid_argument& e) {
    bad_input(e.what());
  } catch (const zkvm::ExecutionCancelled&) {
    // Stopped by the checker: the outcome is known.
  } catch (const std::runtime_error& e) {
    // What event recording does not support (in user mode: untrusted code, the
    // page checks of MPROTECT and precompile calls).
    std::cerr << "zkgpu: check-traces: not supported yet: " << e.what() << '\n';
    throw CLI::RuntimeError(kExitNotSupported);
  }
  checker->drain();
  const int code = checker->finish(summary ? &*summary : nullptr, program, seconds_since(start), ctx.json);
  if (code != 0) throw CLI::RuntimeError(code);
}

}  // namespace

void add_sp1_check_traces_command(CLI::App& app, CliContext& ctx) {
  CLI::App* sp1 = app.get_subcommand("sp1");  // registered by add_sp1_commands
  auto a = std::make_shared<CheckArgs>();
  auto* cmd = sp1->add_subcommand(
      "check-traces",
      "Run an SP1 guest, shard it as SP1 does, generate every RISC-V chip's traces and check every constraint and "
      "interaction (exit 0: all hold; 1: a check fails, naming shard, chip, row and constraint or the interaction "
      "kind; 2: bad ELF, flags or files; 3: the guest failed; 4: a shard needs the mprotect build or a chip SP1 does not have)");
  cmd->add_option("elf", a->elf, "Guest program (RV64IM ELF built for SP1 v6)")->required();
  add_guest_input_options(*cmd, a->input);
  cmd->add_option("--shard", a->shard,
                  "Check only this shard (its index in the run); the global sum is then not checked");
  cmd->add_option("--element-threshold", a->element_threshold,
                  "SP1's trace-area threshold per shard (SP1CoreOpts; default SP1's): smaller gives more shards");
  cmd->add_option("--sp1-features", a->features,
                  "SP1 build whose constraints to check: default, or mprotect (its chips assert the untrusted-program "
                  "flag, its public values carry the trap handler)")
      ->check(CLI::IsMember({"default", "mprotect"}))
      ->capture_default_str();
  cmd->add_option("--debug-corrupt", a->corrupt_seed,
                  "Test aid: change one main-trace cell of the first checked shard (chosen from this seed among cells "
                  "that break a constraint of their row); the check must then fail");
  set_usage_error_exit_code(cmd, kExitBadInput);
  cmd->callback([cmd, a, &ctx] { run_check(*cmd, *a, ctx); });
}

}  // namespace zkgpu::cli
