#include "cli/sp1_guest_input.hpp"

#include <fstream>
#include <iterator>

#include "sp1/errors.hpp"
#include "zkvm/stdin.hpp"

namespace zkgpu::cli {

void add_guest_input_options(CLI::App& cmd, GuestInputArgs& a) {
  cmd.add_option("--stdin", a.stdin_file, "SP1Stdin in bincode (as inside a ProveWithMode request)");
  cmd.add_option("--input-file", a.input_files, "Add the file's bytes as one stdin entry (SP1Stdin::write_vec)");
  cmd.add_option("--input-u64", a.input_u64, "Add a u64 as one stdin entry (SP1Stdin::write of a u64/usize)");
}

std::vector<uint8_t> read_input_file(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw sp1::ParseError(what, 0, "cannot read " + path);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::vector<uint8_t>> collect_guest_input(const CLI::App& cmd, const GuestInputArgs& a) {
  std::vector<std::vector<uint8_t>> entries;
  if (!a.stdin_file.empty()) entries = zkvm::parse_sp1_stdin(read_input_file(a.stdin_file, "--stdin"));
  size_t next_file = 0, next_u64 = 0;
  for (const CLI::Option* opt : cmd.parse_order()) {
    if (opt->get_name() == "--input-file")
      entries.push_back(read_input_file(a.input_files.at(next_file++), "--input-file"));
    if (opt->get_name() == "--input-u64") entries.push_back(zkvm::u64_entry(a.input_u64.at(next_u64++)));
  }
  return entries;
}

}  // namespace zkgpu::cli
