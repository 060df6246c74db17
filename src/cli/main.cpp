// zkgpu: command-line client for zkgpud. Global options live here; each command
// family adds its subcommands through its add_*_commands() (see commands.hpp).
#include <iostream>

#include "cli/commands.hpp"
#include "zkgpu/version.hpp"

namespace {

// Exit codes: 0 ok, 1 the daemon answered with an error (or the reply was bad),
// 3 the daemon could not be reached; usage errors exit with CLI11's own codes (100+)
// unless the subcommand chose its own (commands.hpp).
constexpr int kExitDaemonError = 1;
constexpr int kExitUnreachable = 3;

}  // namespace

int main(int argc, char** argv) {
  using namespace zkgpu;
  CLI::App app{"zkgpu: client for the zkgpud GPU prover daemon"};
  app.name("zkgpu");
  cli::CliContext ctx;
  app.set_version_flag("--version", std::string(kVersion));
  app.add_option("--socket", ctx.socket, "Daemon socket")->capture_default_str();
  app.add_flag("--json", ctx.json, "Machine-readable JSON output");
  app.add_option("--device", ctx.device,
                 "Device selector sent with requests: ordinal, GPU-<uuid>, PCI bus id or cpu "
                 "(default: the daemon's default device)");
  app.add_option("--timeout", ctx.timeout_s, "Seconds to wait for each reply frame (0 = no limit)")
      ->capture_default_str()
      ->check(CLI::NonNegativeNumber);
  app.require_subcommand(1);
  // Global options are also accepted after the subcommand: `zkgpu ping --socket S`.
  app.fallthrough();

  cli::add_basic_commands(app, ctx);
  cli::add_primitive_commands(app, ctx);
  cli::add_groth16_commands(app, ctx);
  cli::add_sp1_commands(app, ctx);
  cli::add_sp1_prove_command(app, ctx);
  cli::add_sp1_setup_command(app, ctx);
  cli::add_sp1_execute_command(app, ctx);
  cli::add_sp1_check_traces_command(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::RuntimeError& e) {
    return app.exit(e);  // a command's own exit code
  } catch (const CLI::ParseError& e) {
    return cli::usage_error_exit_code(app, app.exit(e));
  } catch (const ConnectionError& e) {
    std::cerr << "zkgpu: " << e.what() << '\n';
    return kExitUnreachable;
  } catch (const Error& e) {
    std::cerr << "zkgpu: " << to_string(e.code()) << ": " << e.what() << '\n';
    return kExitDaemonError;
  } catch (const std::exception& e) {
    std::cerr << "zkgpu: " << e.what() << '\n';
    return kExitDaemonError;
  }
  return 0;
}
