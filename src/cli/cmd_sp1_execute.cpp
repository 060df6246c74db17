// sp1 execute: run an SP1 v6 guest program on this host's CPU (no daemon) and
// print the execution report. Exit codes: 0 the guest halted with exit code 0,
// 3 the guest failed (panic, trap, non-zero exit, executor error), 2 a bad ELF or
// bad input.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "sp1/errors.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::cli {
namespace {

constexpr int kExitGuestFailed = 3;
constexpr int kExitBadInput = 2;

struct ExecuteArgs {
  std::string elf;
  std::string stdin_file;
  std::vector<std::string> input_files;
  std::vector<uint64_t> input_u64;
  uint64_t max_cycles = 0;
  std::string trace_file;
};

// A file that cannot be read is bad input (exit 2), like a malformed one.
std::vector<uint8_t> read_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sp1::ParseError(what, 0, "cannot read " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

// SP1Stdin entries: the --stdin file's, then --input-file / --input-u64 in command-line order.
std::vector<std::vector<uint8_t>> collect_input(const CLI::App& cmd, const ExecuteArgs& a) {
  std::vector<std::vector<uint8_t>> entries;
  if (!a.stdin_file.empty()) entries = zkvm::parse_sp1_stdin(read_file(a.stdin_file, "--stdin"));
  size_t next_file = 0, next_u64 = 0;
  for (const CLI::Option* opt : cmd.parse_order()) {
    if (opt->get_name() == "--input-file") entries.push_back(read_file(a.input_files.at(next_file++), "--input-file"));
    if (opt->get_name() == "--input-u64") entries.push_back(zkvm::u64_entry(a.input_u64.at(next_u64++)));
  }
  return entries;
}

void print_text(const zkvm::Report& r) {
  std::fwrite(r.guest_stdout.data(), 1, r.guest_stdout.size(), stdout);
  std::fwrite(r.guest_stderr.data(), 1, r.guest_stderr.size(), stderr);
  const nlohmann::json j = r.to_json();
  if (r.halted)
    std::printf("halted with exit code %u\n", r.exit_code);
  else
    std::printf("failed: %s\n", r.error.c_str());
  std::printf("instructions %llu (+%llu unconstrained), clk %llu, %.3f s, %.1f MHz\n",
              static_cast<unsigned long long>(r.instructions),
              static_cast<unsigned long long>(r.unconstrained_instructions), static_cast<unsigned long long>(r.clk),
              r.wall_s, r.mhz);
  std::printf("syscalls:");
  for (const auto& [name, n] : r.syscalls) std::printf(" %s=%llu", name.c_str(), static_cast<unsigned long long>(n));
  std::printf("\npublic values (%zu bytes): %s\npublic values sha256: %s\n", r.public_values.size(),
              j["public_values"].get<std::string>().c_str(), j["public_values_sha256"].get<std::string>().c_str());
}

void run_execute(const CLI::App& cmd, const ExecuteArgs& a, const CliContext& ctx) {
  zkvm::Program program;
  std::vector<std::vector<uint8_t>> input;
  try {
    program = zkvm::load_elf(read_file(a.elf, "ELF"));
    input = collect_input(cmd, a);
  } catch (const zkvm::ElfError& e) {
    std::cerr << "zkgpu: " << e.what() << '\n';
    throw CLI::RuntimeError(kExitBadInput);
  } catch (const sp1::ParseError& e) {
    std::cerr << "zkgpu: bad input: " << e.what() << '\n';
    throw CLI::RuntimeError(kExitBadInput);
  }

  zkvm::ExecOptions options;
  options.max_cycles = a.max_cycles;
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> trace(nullptr, &std::fclose);
  if (!a.trace_file.empty()) {
    trace.reset(std::fopen(a.trace_file.c_str(), "w"));
    if (!trace) throw Error(ErrorCode::not_found, "cannot write the trace file " + a.trace_file);
    options.step_trace = trace.get();
  }
  const zkvm::Report r = zkvm::execute(program, std::move(input), options);
  if (ctx.json)
    std::cout << r.to_json().dump(2) << '\n';
  else
    print_text(r);
  if (!r.ok()) {
    if (!r.halted) std::cerr << "zkgpu: guest failed: " << r.error << '\n';
    else std::cerr << "zkgpu: guest exited with code " << r.exit_code << '\n';
    throw CLI::RuntimeError(kExitGuestFailed);
  }
}

}  // namespace

void add_sp1_execute_command(CLI::App& app, CliContext& ctx) {
  // The sp1 family may already exist (other sp1 commands); add to it.
  CLI::App* sp1 = nullptr;
  try {
    sp1 = app.get_subcommand("sp1");
  } catch (const CLI::OptionNotFound&) {
    sp1 = app.add_subcommand("sp1", "SP1 v6 programs and proofs on this host's CPU (no daemon)");
    sp1->require_subcommand(1);
  }
  auto a = std::make_shared<ExecuteArgs>();
  auto* cmd = sp1->add_subcommand(
      "execute",
      "Run an SP1 guest ELF and report exit code, cycles, syscalls and public values (exit 0: the guest halted "
      "with 0; 3: the guest failed; 2: bad ELF or input)");
  cmd->add_option("elf", a->elf, "Guest program (RV64IM ELF built for SP1 v6)")->required();
  cmd->add_option("--stdin", a->stdin_file, "SP1Stdin in bincode (as inside a ProveWithMode request)");
  cmd->add_option("--input-file", a->input_files, "Add the file's bytes as one stdin entry (SP1Stdin::write_vec)");
  cmd->add_option("--input-u64", a->input_u64, "Add a u64 as one stdin entry (SP1Stdin::write of a u64/usize)");
  cmd->add_option("--max-cycles", a->max_cycles, "Stop with an error after this many instructions (0: no limit)")
      ->capture_default_str();
  cmd->add_option("--trace", a->trace_file, "Debugging: write one line per executed instruction to this file");
  cmd->callback([cmd, a, &ctx] { run_execute(*cmd, *a, ctx); });
}

}  // namespace zkgpu::cli
