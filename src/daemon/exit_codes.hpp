#pragma once
#include <stdexcept>
#include <string>

// zkgpud's exit codes (also listed in --help).
namespace zkgpu::exit_code {

inline constexpr int kOk = 0;               // clean shutdown (SIGTERM / SIGINT included)
inline constexpr int kStartupFailed = 1;    // bad flags, unknown device, socket or backend failure
inline constexpr int kAlreadyRunning = 2;   // a live daemon already serves the socket path
inline constexpr int kDriverTooOld = 3;     // the NVIDIA driver is older than the bundled CUDA runtime

}  // namespace zkgpu::exit_code

namespace zkgpu {

// A startup failure with the exit code the daemon ends with.
struct StartupError : std::runtime_error {
  StartupError(int code, const std::string& message) : std::runtime_error(message), exit_code(code) {}
  int exit_code;
};

}  // namespace zkgpu
