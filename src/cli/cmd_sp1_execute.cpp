// sp1 execute: run an SP1 v6 guest program on this host's CPU, or with --daemon
// through the daemon's sp1_execute op (proto/ops-sp1.md), and print the execution
// report. Exit codes: 0 the guest halted with exit code 0, 3 the guest failed
// (panic, trap, non-zero exit, executor error), 2 a bad ELF or bad input (found
// here or by the daemon); other daemon errors exit 1 (main.cpp).
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <memory>
#include <span>
#include <string_view>

#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/sp1_guest_input.hpp"
#include "sp1/errors.hpp"
#include "zkvm/executor.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::cli {
namespace {

constexpr int kExitGuestFailed = 3;
constexpr int kExitBadInput = 2;

struct ExecuteArgs {
  std::string elf;
  GuestInputArgs input;
  uint64_t max_cycles = 0;
  std::string trace_file;
  bool daemon = false;
};

// The report as text. `j` is the report's JSON (zkvm::Report::to_json, which is also
// the daemon's reply); the guest's own output is passed as bytes, since the JSON
// holds it as UTF-8 (invalid sequences replaced).
void print_text(const nlohmann::json& j, std::string_view guest_stdout, std::string_view guest_stderr) {
  std::fwrite(guest_stdout.data(), 1, guest_stdout.size(), stdout);
  std::fwrite(guest_stderr.data(), 1, guest_stderr.size(), stderr);
  if (j.at("status") == "halted")
    std::printf("halted with exit code %u\n", j.at("exit_code").get<uint32_t>());
  else
    std::printf("failed: %s\n", j.at("error").get<std::string>().c_str());
  using u64 = unsigned long long;
  std::printf("instructions %llu (+%llu unconstrained), clk %llu, %.3f s, %.1f MHz\n", j.at("instructions").get<u64>(),
              j.at("unconstrained_instructions").get<u64>(), j.at("clk").get<u64>(), j.at("wall_s").get<double>(),
              j.at("mhz").get<double>());
  std::printf("syscalls:");
  for (const auto& [name, n] : j.at("syscalls").items())
    std::printf(" %s=%llu", name.c_str(), n.get<u64>());
  const auto& pv = j.at("public_values").get_ref<const std::string&>();
  std::printf("\npublic values (%zu bytes): %s\npublic values sha256: %s\n", pv.size() / 2, pv.c_str(),
              j.at("public_values_sha256").get<std::string>().c_str());
}

// Prints the report (JSON or text) and turns a failed guest into exit code 3.
void report(const nlohmann::json& j, std::string_view guest_stdout, std::string_view guest_stderr,
            const CliContext& ctx) {
  if (ctx.json)
    std::cout << j.dump(2) << '\n';
  else
    print_text(j, guest_stdout, guest_stderr);
  if (j.at("status") != "halted") {
    std::cerr << "zkgpu: guest failed: " << j.at("error").get<std::string>() << '\n';
    throw CLI::RuntimeError(kExitGuestFailed);
  }
  if (const auto code = j.at("exit_code").get<uint32_t>(); code != 0) {
    std::cerr << "zkgpu: guest exited with code " << code << '\n';
    throw CLI::RuntimeError(kExitGuestFailed);
  }
}

void run_local(std::span<const uint8_t> elf, std::vector<std::vector<uint8_t>> input, const ExecuteArgs& a,
               const CliContext& ctx) {
  zkvm::Program program;
  try {
    program = zkvm::load_elf(elf);
  } catch (const zkvm::ElfError& e) {
    std::cerr << "zkgpu: " << e.what() << '\n';
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
  report(r.to_json(), r.guest_stdout, r.guest_stderr, ctx);
}

// The sp1_execute request body (proto/ops-sp1.md): u64 max_cycles, u64 elf_len,
// the ELF, then the input as a bincode SP1Stdin.
std::vector<uint8_t> execute_body(std::span<const uint8_t> elf, const std::vector<std::vector<uint8_t>>& input,
                                  uint64_t max_cycles) {
  const uint64_t elf_len = elf.size();
  const auto stdin_bytes = zkvm::encode_sp1_stdin(input);
  std::vector<uint8_t> body(16 + elf.size() + stdin_bytes.size());
  std::memcpy(body.data(), &max_cycles, 8);
  std::memcpy(body.data() + 8, &elf_len, 8);
  std::copy(elf.begin(), elf.end(), body.begin() + 16);
  std::copy(stdin_bytes.begin(), stdin_bytes.end(), body.begin() + 16 + static_cast<ptrdiff_t>(elf.size()));
  return body;
}

// The daemon refuses a bad ELF or body as invalid_argument / bad_request: that is
// bad input (exit 2), as when found here.
void run_on_daemon(std::span<const uint8_t> elf, const std::vector<std::vector<uint8_t>>& input,
                   const ExecuteArgs& a, const CliContext& ctx) {
  proto::Reply reply;
  try {
    reply = ctx.call(proto::Op::sp1_execute, execute_body(elf, input, a.max_cycles));
  } catch (const Error& e) {
    if (e.code() != ErrorCode::invalid_argument && e.code() != ErrorCode::bad_request) throw;
    std::cerr << "zkgpu: " << to_string(e.code()) << ": " << e.what() << '\n';
    throw CLI::RuntimeError(kExitBadInput);
  }
  nlohmann::json j = nlohmann::json::parse(reply.body.begin(), reply.body.end(), nullptr, false);
  if (!j.is_object() || !j.contains("status"))
    throw Error(ErrorCode::internal, "sp1_execute: the daemon's reply is not an execution report");
  const std::string out = j.value("stdout", ""), err = j.value("stderr", "");
  report(j, out, err, ctx);
}

void run_execute(const CLI::App& cmd, const ExecuteArgs& a, const CliContext& ctx) {
  std::vector<uint8_t> elf;
  std::vector<std::vector<uint8_t>> input;
  try {
    elf = read_input_file(a.elf, "ELF");
    input = collect_guest_input(cmd, a.input);
  } catch (const sp1::ParseError& e) {
    std::cerr << "zkgpu: bad input: " << e.what() << '\n';
    throw CLI::RuntimeError(kExitBadInput);
  }
  if (a.daemon)
    run_on_daemon(elf, input, a, ctx);
  else
    run_local(elf, std::move(input), a, ctx);
}

}  // namespace

void add_sp1_execute_command(CLI::App& app, CliContext& ctx) {
  CLI::App* sp1 = app.get_subcommand("sp1");  // registered by add_sp1_commands
  auto a = std::make_shared<ExecuteArgs>();
  auto* cmd = sp1->add_subcommand(
      "execute",
      "Run an SP1 guest ELF on this host's CPU (or the daemon's, with --daemon) and report exit code, cycles, "
      "syscalls and public values (exit 0: the guest halted with 0; 3: the guest failed; 2: bad ELF or input)");
  cmd->add_option("elf", a->elf, "Guest program (RV64IM ELF built for SP1 v6)")->required();
  add_guest_input_options(*cmd, a->input);
  cmd->add_option("--max-cycles", a->max_cycles, "Stop with an error after this many instructions (0: no limit)")
      ->capture_default_str();
  auto* trace =
      cmd->add_option("--trace", a->trace_file, "Debugging: write one line per executed instruction to this file");
  cmd->add_flag("--daemon", a->daemon, "Run it on the daemon (op sp1_execute) instead of in this process")
      ->excludes(trace);
  cmd->callback([cmd, a, &ctx] { run_execute(*cmd, *a, ctx); });
}

}  // namespace zkgpu::cli
