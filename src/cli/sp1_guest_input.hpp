#pragma once
// What the sp1 commands that run a guest share: the ELF and stdin options and
// SP1Stdin's entries built from them (--stdin's entries, then --input-file /
// --input-u64 in command-line order). A file that cannot be read is bad input:
// sp1::ParseError naming the option.
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace zkgpu::cli {

struct GuestInputArgs {
  std::string stdin_file;
  std::vector<std::string> input_files;
  std::vector<uint64_t> input_u64;
};

void add_guest_input_options(CLI::App& cmd, GuestInputArgs& a);

std::vector<uint8_t> read_input_file(const std::string& path, const char* what);

std::vector<std::vector<uint8_t>> collect_guest_input(const CLI::App& cmd, const GuestInputArgs& a);

}  // namespace zkgpu::cli
