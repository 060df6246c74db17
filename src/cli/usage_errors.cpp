#include <map>
#include <vector>

#include "cli/commands.hpp"

namespace zkgpu::cli {
namespace {

std::map<const CLI::App*, int>& codes() {
  static std::map<const CLI::App*, int> m;
  return m;
}

}  // namespace

void set_usage_error_exit_code(const CLI::App* cmd, int code) { codes()[cmd] = code; }

int usage_error_exit_code(const CLI::App& app, int cli11_code) {
  if (cli11_code == 0) return 0;
  int code = cli11_code;
  for (const CLI::App* at = &app;;) {
    if (const auto it = codes().find(at); it != codes().end()) code = it->second;
    const auto parsed = at->get_subcommands();
    if (parsed.empty()) return code;
    at = parsed.front();
  }
}

}  // namespace zkgpu::cli
