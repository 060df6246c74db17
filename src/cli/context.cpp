#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "cli/commands.hpp"

namespace zkgpu::cli {
namespace {

// Draws "stage  done/total (pct%)" on one terminal line, rewritten in place.
void draw_progress(const proto::Progress& p) {
  if (p.total > 0)
    std::fprintf(stderr, "\r\033[K%s  %llu/%llu (%.0f%%)", p.stage.c_str(),
                 static_cast<unsigned long long>(p.done), static_cast<unsigned long long>(p.total),
                 100.0 * static_cast<double>(p.done) / static_cast<double>(p.total));
  else
    std::fprintf(stderr, "\r\033[K%s  %llu", p.stage.c_str(), static_cast<unsigned long long>(p.done));
  std::fflush(stderr);
}

}  // namespace

Client CliContext::connect() const {
  ClientOptions options;
  options.socket_path = socket;
  options.connect_attempts = 3;
  options.io_timeout = std::chrono::milliseconds(static_cast<long long>(timeout_s * 1000));
  return Client(options);
}

proto::Reply CliContext::call(proto::Op op, std::vector<uint8_t> body) const {
  Client client = connect();
  proto::Request request{op, 0, 0, device, std::move(body)};
  const bool show_progress = !json && ::isatty(STDERR_FILENO);
  bool drew = false;
  Client::ProgressFn on_progress;
  if (show_progress)
    on_progress = [&](const proto::Progress& p) {
      draw_progress(p);
      drew = true;
    };
  auto clear_line = [&] {
    if (drew) std::fputs("\r\033[K", stderr);
  };
  try {
    auto reply = client.call(std::move(request), on_progress);
    clear_line();
    return reply;
  } catch (...) {
    clear_line();
    throw;
  }
}

}  // namespace zkgpu::cli
