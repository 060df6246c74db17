#pragma once
// zkgpud's command line.
#include <cstdint>
#include <string>
#include <vector>

#include "zkgpu/protocol.hpp"

namespace zkgpu {

struct DaemonOptions {
  std::vector<std::string> devices;   // --device (repeatable): ordinal, GPU-<uuid>, PCI bus id, cpu
  std::string backend = "auto";       // --backend cpu|cuda|auto
  std::vector<std::string> sockets;   // --socket (repeatable, paired with the served devices)
  unsigned socket_mode = 0660;        // --socket-mode (octal)
  uint64_t max_frame_bytes = proto::kDefaultMaxFrameBytes;
  unsigned frame_timeout_s = 60;      // --frame-timeout-seconds
  std::string log_level = "info";
  uint64_t key_cache_bytes = 8ull << 30;
  bool self_verify = true;            // --no-self-verify
  unsigned io_threads = 2;            // --io-threads
  unsigned cpu_threads = 0;           // --cpu-threads (CPU backend; 0 = all)
  unsigned shutdown_grace_s = 30;     // --shutdown-grace
};

// Parses argv. Returns the exit code when the process should end now (--help,
// --version, a usage error; the message is already printed), else -1.
int parse_options(int argc, char** argv, DaemonOptions& out);

}  // namespace zkgpu
