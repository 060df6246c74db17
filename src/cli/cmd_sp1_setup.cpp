// sp1 setup: SP1's setup of a guest program on this host's CPU: the preprocessed
// Program, Byte and Range tables committed with the core machine's parameters and
// the program's verifying key (SP1VerifyingKey) in SP1's bincode, its digest and
// SP1's bytes32 form of it. Exit 0 done, 2 bad input (an ELF SP1 refuses, a file
// that cannot be read or written).
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "backends/backend.hpp"
#include "cli/commands.hpp"
#include "sp1/setup/program_setup.hpp"
#include "sp1/stage/digests.hpp"
#include "sp1/wire/encode.hpp"
#include "zkvm/program.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;
namespace wire = sp1::wire;

constexpr int kExitBadInput = 2;

struct SetupArgs {
  std::string elf, vk_out, features = "default";
};

[[noreturn]] void bad_input(const std::string& what) {
  std::cerr << "zkgpu: bad input: " << what << '\n';
  throw CLI::RuntimeError(kExitBadInput);
}

std::string hex_digest(const wire::InnerDigest& d) {
  std::string s = "[";
  for (size_t i = 0; i < d.size(); ++i) s += (i ? ", " : "") + std::to_string(d[i].to_canonical());
  return s + "]";
}

void run_setup(const SetupArgs& a, const CliContext& ctx) {
  const auto variant = wire::parse_variant(a.features);
  if (!variant) bad_input("--sp1-features must be default or mprotect");
  std::ifstream in(a.elf, std::ios::binary);
  if (!in) bad_input("cannot read " + a.elf);
  const std::vector<uint8_t> elf(std::istreambuf_iterator<char>(in), {});
  zkvm::Program program;
  try {
    program = zkvm::load_elf(elf);
  } catch (const zkvm::ElfError& e) {
    bad_input(e.what());
  }

  const auto start = std::chrono::steady_clock::now();
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto backend = make_cpu_backend(threads);
  std::optional<sp1::setup::ProgramSetup> setup;
  try {
    setup.emplace(sp1::setup::setup_program(program, *variant, {backend->stark(), threads}));
  } catch (const zkvm::TranspileError& e) {
    bad_input(e.what());
  } catch (const zkvm::ElfError& e) {  // a memory image too large to commit
    bad_input(e.what());
  }
  const sp1::setup::ProgramSetup& s = *setup;
  const double total_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  const auto& vk = s.pk.vk;
  const std::vector<uint8_t> vk_bytes = wire::encode_vk(vk);
  if (!a.vk_out.empty()) {
    std::ofstream out(a.vk_out, std::ios::binary);
    out.write(reinterpret_cast<const char*>(vk_bytes.data()), std::streamsize(vk_bytes.size()));
    if (!out) bad_input("cannot write " + a.vk_out);
  }
  const wire::InnerDigest digest = sp1::stage::vk_digest(vk);
  const std::string bytes32 = sp1::stage::digest_bytes32_hex(digest);

  if (ctx.json) {
    json heights = json::object();
    for (const auto& [name, rows] : s.heights) heights[name] = rows;
    const auto words = [](const auto& arr) {
      json j = json::array();
      for (const auto& x : arr) j.push_back(x.to_canonical());
      return j;
    };
    std::cout << json{{"elf", a.elf},
                      {"sp1_features", std::string(wire::variant_name(*variant))},
                      {"pc_start", program.entry},
                      {"instructions", program.code.size()},
                      {"preprocessed_heights", heights},
                      {"preprocessed_commit", words(vk.preprocessed_commit)},
                      {"initial_global_cumulative_sum", {{"x", words(vk.initial_global_cumulative_sum_x)},
                                                         {"y", words(vk.initial_global_cumulative_sum_y)}}},
                      {"enable_untrusted_programs", vk.untrusted_config.enable_untrusted_programs.to_canonical()},
                      {"vk_digest", words(digest)},
                      {"vk_bytes32", bytes32},
                      {"vk_bytes", vk_bytes.size()},
                      {"time_ms", {{"traces", s.times.traces_ms},
                                   {"global_sum", s.times.global_sum_ms},
                                   {"commit", s.times.commit_ms},
                                   {"total", total_ms}}}}
                     .dump(2)
              << '\n';
    return;
  }
  std::printf("setup: %s (%s), pc_start 0x%llx, %zu instructions\n  preprocessed:", a.elf.c_str(),
              std::string(wire::variant_name(*variant)).c_str(), static_cast<unsigned long long>(program.entry),
              program.code.size());
  for (const auto& [name, rows] : s.heights) std::printf(" %s=%zu", name.c_str(), rows);
  std::printf("\n  commit %s\n  vk digest %s\n  vk bytes32 %s\n", hex_digest(vk.preprocessed_commit).c_str(),
              hex_digest(digest).c_str(), bytes32.c_str());
  if (!a.vk_out.empty()) std::printf("  vk written to %s (%zu bytes)\n", a.vk_out.c_str(), vk_bytes.size());
  std::printf("  time: traces %.1f ms, global sum %.1f ms, commit %.1f ms, total %.1f ms\n", s.times.traces_ms,
              s.times.global_sum_ms, s.times.commit_ms, total_ms);
}

}  // namespace

void add_sp1_setup_command(CLI::App& app, CliContext& ctx) {
  CLI::App* sp1 = app.get_subcommand("sp1");  // registered by add_sp1_commands
  auto a = std::make_shared<SetupArgs>();
  auto* cmd = sp1->add_subcommand(
      "setup",
      "SP1's setup of a guest program on this host's CPU: commit the Program, Byte and Range tables with the core "
      "machine's parameters, print the verifying key's digest and SP1's bytes32 form (vk.bytes32()), and write "
      "the vk (SP1VerifyingKey) in SP1's bincode. Exit 0 done, 2 bad input");
  cmd->add_option("elf", a->elf, "The guest program (RV64IM ELF)")->required();
  cmd->add_option("--vk-out", a->vk_out, "Write the verifying key here");
  cmd->add_option("--sp1-features", a->features, "SP1's build: default or mprotect (the vk's untrusted config)")
      ->check(CLI::IsMember({"default", "mprotect"}));
  cmd->callback([a, &ctx] { run_setup(*a, ctx); });
}

}  // namespace zkgpu::cli
