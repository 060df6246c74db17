#include "daemon/options.hpp"

#include <CLI/CLI.hpp>

#include "daemon/exit_codes.hpp"
#include "zkgpu/version.hpp"

namespace zkgpu {

namespace {

constexpr const char* kFooter = R"(Device selection:
  With no --device, zkgpud serves CUDA device 0 (or the CPU backend when no
  GPU is present and --backend is auto). Spawned as SP1's SDK does it (no
  --device, CUDA_VISIBLE_DEVICES=N), it serves the one visible GPU on
  /tmp/sp1-cuda-N.sock. --device wins over the environment.

Sockets:
  Default /tmp/sp1-cuda-<ordinal>.sock per served GPU; a CPU-only daemon uses
  /tmp/sp1-cuda-0.sock. Under systemd socket activation the passed listening
  sockets are used (one per served device, in order) and never removed.

Exit codes:
  0  clean shutdown (also after SIGTERM / SIGINT)
  1  startup failed (bad flags, unknown device, socket or backend failure)
  2  a live zkgpud already serves the socket path
  3  the NVIDIA driver is older than the CUDA runtime built into zkgpud)";

}  // namespace

int parse_options(int argc, char** argv, DaemonOptions& o) {
  CLI::App app{"zkgpud: GPU prover daemon (native protocol v1 and SP1's sp1-gpu-server envelope on Unix sockets)",
               "zkgpud"};
  app.footer(kFooter);
  app.set_version_flag("--version", std::string(kVersion), "Print the version number and exit");
  app.add_option("--device", o.devices,
                 "Device to serve (repeatable): CUDA ordinal (0), UUID (GPU-..., a unique prefix is enough), "
                 "PCI bus id (0000:65:00.0) or cpu")
      ->type_name("SELECTOR");
  app.add_option("--backend", o.backend, "cpu, cuda, or auto (CUDA when a GPU is present, else CPU)")
      ->check(CLI::IsMember({"cpu", "cuda", "auto"}))
      ->capture_default_str();
  app.add_option("--socket", o.sockets, "Unix socket path (repeatable; the i-th serves the i-th device)")
      ->type_name("PATH");
  std::string mode = "0660";
  app.add_option("--socket-mode", mode, "File mode of the socket, octal")->capture_default_str();
  app.add_option("--max-frame-bytes", o.max_frame_bytes,
                 "Largest request frame accepted; longer ones get frame_too_large and the connection closes")
      ->check(CLI::Range(uint64_t{64}, uint64_t{1} << 40))
      ->capture_default_str();
  app.add_option("--frame-timeout-seconds", o.frame_timeout_s,
                 "Seconds a client may stay silent inside an unfinished frame before the connection closes "
                 "(idle connections between frames stay open)")
      ->check(CLI::Range(1u, 86400u))
      ->capture_default_str();
  app.add_option("--log-level", o.log_level, "trace, debug, info, warn, error, critical or off")
      ->capture_default_str();
  app.add_option("--key-cache-bytes", o.key_cache_bytes,
                 "Proving keys (Groth16, SP1 shard) kept resident per device, in bytes")
      ->capture_default_str();
  app.add_flag("--no-self-verify{false}", o.self_verify, "Skip verifying each proof before replying");
  app.add_option("--io-threads", o.io_threads, "Threads serving the sockets")
      ->check(CLI::Range(1u, 64u))
      ->capture_default_str();
  app.add_option("--cpu-threads", o.cpu_threads, "Threads of the CPU backend (0 = every hardware thread)")
      ->capture_default_str();
  app.add_option("--shutdown-grace", o.shutdown_grace_s,
                 "Seconds a running job may take to finish after SIGTERM before it is cancelled")
      ->capture_default_str();
  try {
    app.parse(argc, argv);
    size_t used = 0;
    unsigned long m = std::stoul(mode, &used, 8);
    if (used != mode.size() || m > 07777) throw CLI::ValidationError("--socket-mode", "not an octal mode: " + mode);
    o.socket_mode = static_cast<unsigned>(m);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_code::kOk : exit_code::kStartupFailed;
  } catch (const std::exception&) {
    std::fprintf(stderr, "--socket-mode: not an octal mode: %s\n", mode.c_str());
    return exit_code::kStartupFailed;
  }
  return -1;
}

}  // namespace zkgpu
