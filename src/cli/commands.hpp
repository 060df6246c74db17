#pragma once
// The zkgpu CLI is one CLI11 app; each command family registers its subcommands
// from its own file (cmd_<family>.cpp) through one add_<family>_commands()
// function, called from main.cpp. To add a family: write cmd_<family>.cpp, declare
// its function below, call it in main.cpp, list the file in CMakeLists.txt.
#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "zkgpu/client.hpp"
#include "zkgpu/protocol.hpp"

namespace zkgpu::cli {

// Global options, filled by CLI11 before any subcommand callback runs.
struct CliContext {
  std::string socket = kDefaultSocketPath;  // --socket
  bool json = false;                        // --json: machine-readable output
  std::string device;                       // --device: selector sent with requests ("" = daemon default)
  double timeout_s = 0;                     // --timeout: longest wait for one reply frame, 0 = none

  // Connects to the daemon at `socket` (a few retries while it starts).
  Client connect() const;

  // One request on a fresh connection, with `device` as the selector. Progress
  // frames are drawn on stderr (a single updating line) when stderr is a
  // terminal and --json is off. Daemon errors are thrown as zkgpu::Error.
  proto::Reply call(proto::Op op, std::vector<uint8_t> body = {}) const;
};

// Usage errors (CLI11's ParseError: an unknown or malformed flag, a missing
// argument) exit with CLI11's codes (100+), unless the innermost subcommand
// being parsed registered a code of its own (sp1 check-traces: 2, bad input).
// Help and --version (code 0) keep theirs.
void set_usage_error_exit_code(const CLI::App* cmd, int code);
int usage_error_exit_code(const CLI::App& app, int cli11_code);

void add_basic_commands(CLI::App& app, CliContext& ctx);  // ping, info, devices, stats
void add_primitive_commands(CLI::App& app, CliContext& ctx);  // primitive OP (JSON on stdin/stdout)
void add_groth16_commands(CLI::App& app, CliContext& ctx);  // groth16 prove, groth16 verify
void add_sp1_commands(CLI::App& app, CliContext& ctx);      // sp1 verify-wrap, verify-compress-witness, verify-shard
void add_sp1_prove_command(CLI::App& app, CliContext& ctx);  // sp1 prove-recursion (after add_sp1_commands)
void add_sp1_setup_command(CLI::App& app, CliContext& ctx);  // sp1 setup (after add_sp1_commands)
void add_sp1_execute_command(CLI::App& app, CliContext& ctx);  // sp1 execute (after add_sp1_commands)
void add_sp1_check_traces_command(CLI::App& app, CliContext& ctx);  // sp1 check-traces (after add_sp1_commands)

}  // namespace zkgpu::cli
