// sp1 prove-recursion: one shard proof of a recursion program (a file in the
// recursion text format, or a seeded random program) on the compress machine
// (inner configuration) or the wrap machine (outer), with SP1 v6.4's parameters of
// that stage, in this process: on the CPU, or with --backend cuda the PCS's
// encoding, Merkle trees, proof-of-work searches, LogUp-GKR and zerocheck on a GPU (the global --device
// picks it; default 0), with the same proof bytes. Writes the vk and the proof in
// SP1's bincode; `sp1 verify-shard` checks them. With --daemon the daemon proves it
// (op sp1_prove_recursion, proto/ops-sp1.md) and the same files are written. Exit 0
// proved, 2 bad input (unreadable or invalid program, a program the machine cannot
// run, found here or by the daemon; --backend cuda without CUDA or a GPU); other
// daemon errors exit 1 (main.cpp).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "backends/backend.hpp"
#include "cli/commands.hpp"
#include "cli/local_backend.hpp"
#if ZKGPU_HAVE_CUDA
#include "sp1/prover_cuda/cuda_pcs_device.hpp"
#include "sp1/prover_cuda/cuda_sumchecks.hpp"
#endif
#include "math/sha256/sha256.hpp"
#include "pipelines/sp1_prove_wire.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/recursion/errors.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/encode.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;
namespace prover = sp1::prover;
namespace wire = sp1::wire;

constexpr int kExitBadInput = 2;

struct ProveArgs {
  std::string program, vk_out, proof_out, machine = "compress", backend = "cpu";
  uint64_t seed = 0;
  unsigned log_rows = 0;
  bool daemon = false, no_self_verify = false;
};

// A chip's height, and a phase's wall time, as both ways of proving report them.
struct ChipRows {
  std::string name;
  size_t rows;
};
using Phases = std::vector<std::pair<std::string, double>>;

double ms_since(Clock::time_point& t) {
  const auto now = Clock::now();
  const double ms = std::chrono::duration<double, std::milli>(now - t).count();
  t = now;
  return ms;
}

[[noreturn]] void bad_input(const std::string& what) {
  std::cerr << "zkgpu: bad input: " << what << '\n';
  throw CLI::RuntimeError(kExitBadInput);
}

std::string read_program(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) bad_input("cannot read the program " + path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

sp1::recursion::Program load(const ProveArgs& a, sp1::air::MachineKind kind) {
  if (a.program.empty()) return sp1::recursion::random_program(a.seed, size_t(1) << a.log_rows, kind);
  return sp1::recursion::load_program(read_program(a.program));
}

void write_file(const std::string& path, const std::vector<uint8_t>& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!out) throw Error(ErrorCode::internal, "cannot write " + path);
}

// Prints what was proved: JSON (the chips, the phases and `extra`) or a summary.
void report(const ProveArgs& a, const std::string& config, const std::vector<ChipRows>& chips, const Phases& phases,
            size_t vk_size, size_t proof_size, const json& extra, const CliContext& ctx) {
  if (ctx.json) {
    json chip_rows = json::array();
    for (const auto& c : chips) chip_rows.push_back({{"name", c.name}, {"rows", c.rows}});
    json phase_ms = json::object();
    for (const auto& [name, ms] : phases) phase_ms[name] = ms;
    json j = {{"machine", a.machine}, {"config", config},       {"chips", chip_rows},
              {"phases_ms", phase_ms}, {"vk_bytes", vk_size}, {"proof_bytes", proof_size}};
    j.update(extra);
    std::cout << j.dump(2) << '\n';
    return;
  }
  std::printf("proved: %s shard (%s config), vk %s (%zu bytes), proof %s (%zu bytes)\n  chips:", a.machine.c_str(),
              config.c_str(), a.vk_out.c_str(), vk_size, a.proof_out.c_str(), proof_size);
  for (const auto& c : chips) std::printf(" %s=%zu", c.name.c_str(), c.rows);
  std::printf("\n  phases:");
  for (const auto& [name, ms] : phases) std::printf(" %s %.1f ms", name.c_str(), ms);
  std::printf("\n");
}

// The CPU backend, or the GPU the global --device names for --backend cuda (any
// failure to get it is bad input: exit 2).
std::unique_ptr<Backend> make_backend(const ProveArgs& a, const CliContext& ctx, unsigned threads,
                                      std::string& device) {
  if (a.backend != "cuda") return make_cpu_backend(threads);
  std::string why;
  std::unique_ptr<Backend> gpu;
  try {
    gpu = local_cuda_backend(ctx.device, device, why);
  } catch (const Error& e) {
    bad_input(std::string("--backend cuda: ") + e.what());
  }
  if (!gpu) bad_input("--backend cuda: " + why);
  return gpu;
}

template <class C>
void prove(const ProveArgs& a, sp1::air::MachineKind kind, const CliContext& ctx) {
  auto t = Clock::now();
  prover::RecursionShard shard;
  try {
    shard = prover::recursion_shard(load(a, kind), kind);
  } catch (const sp1::recursion::ProgramError& e) {
    bad_input(e.what());
  } catch (const sp1::recursion::ExecutionError& e) {
    bad_input(e.what());
  } catch (const std::invalid_argument& e) {
    bad_input(e.what());
  }
  const double tracegen_ms = ms_since(t);

  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::string device = "cpu";
  const auto backend = make_backend(a, ctx, threads, device);
  t = Clock::now();  // the GPU's start is not the proof's
  std::unique_ptr<prover::PcsDevice> pcs_device;  // null: the PCS opening's tables on the CPU
#if ZKGPU_HAVE_CUDA
  if (backend->kind() == BackendKind::cuda) pcs_device = prover::make_cuda_pcs_device(backend->stark());
#endif
  const prover::PcsProverContext pcs{backend->stark(), threads, nullptr, pcs_device.get()};
  const auto params = sp1::verifier::stage_params<C>();
  const std::vector<prover::ChipTrace> chips = shard.chips();
  const auto pk = prover::setup_shard<C>(pcs, params, chips, prover::recursion_program_constants());
  const double setup_ms = ms_since(t);
  prover::ShardPhaseTimes times;
  std::unique_ptr<prover::SumcheckBackend> sumchecks;  // null: LogUp-GKR and the zerocheck on the CPU
#if ZKGPU_HAVE_CUDA
  if (backend->kind() == BackendKind::cuda) sumchecks = prover::make_cuda_sumcheck_backend();
#endif
  const auto proof = prover::prove_shard<C>(pcs, params, pk, chips, shard.public_values, &times, sumchecks.get());
  const double prove_ms = ms_since(t);
  const auto vk_bytes = wire::encode_vk(pk.vk);
  const auto proof_bytes = wire::encode_shard_proof(proof);
  write_file(a.vk_out, vk_bytes);
  write_file(a.proof_out, proof_bytes);

  std::vector<ChipRows> chip_rows;
  for (const auto& c : chips) chip_rows.push_back({std::string(c.chip->name()), c.trace.rows});
  const Phases phases = {
      {"trace_generation", tracegen_ms}, {"setup", setup_ms},         {"commit", times.commit_ms},
      {"logup_gkr", times.logup_gkr_ms}, {"zerocheck", times.zerocheck_ms}, {"pcs_opening", times.pcs_ms},
      {"prove_total", prove_ms}};
  const json pcs_phases = {{"jagged_sumcheck", times.pcs.jagged_sumcheck_ms}, {"jagged_eval", times.pcs.jagged_eval_ms},
                           {"stacked", times.pcs.stacked_ms},                 {"basefold_fold", times.pcs.basefold_fold_ms},
                           {"grinding", times.pcs.grinding_ms},               {"queries", times.pcs.queries_ms}};
  report(a, std::string(C::kName), chip_rows, phases, vk_bytes.size(), proof_bytes.size(),
         {{"backend", a.backend}, {"device", device}, {"threads", threads}, {"pcs_phases_ms", pcs_phases}}, ctx);
}

// The daemon proves it: the request carries the program's text (or the random
// program's seed and size), the reply the vk, the proof and what it took.
void prove_on_daemon(const ProveArgs& a, const CliContext& ctx) {
  namespace pw = sp1_prove_wire;
  pw::ProveRequest request;
  request.machine = a.machine == "wrap" ? pw::Machine::wrap : pw::Machine::compress;
  request.no_self_verify = a.no_self_verify;
  std::string text;
  if (a.program.empty()) {
    request.program_kind = pw::ProgramKind::random;
    request.seed = a.seed;
    request.log_rows = a.log_rows;
  } else {
    text = read_program(a.program);
    request.program_kind = pw::ProgramKind::text;
    request.program_text = {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
  }
  proto::Reply reply;
  try {
    reply = ctx.call(proto::Op::sp1_prove_recursion, pw::encode_request(request));
  } catch (const Error& e) {
    if (e.code() != ErrorCode::invalid_argument && e.code() != ErrorCode::bad_request) throw;
    bad_input(e.what());
  }
  const pw::ProveResult r = pw::decode_result(reply.body);
  write_file(a.vk_out, r.vk);
  write_file(a.proof_out, r.proof);
  std::vector<ChipRows> chip_rows;
  for (const auto& c : r.chips) chip_rows.push_back({c.name, size_t(c.rows)});
  Phases phases;
  for (const auto& s : r.stages) phases.emplace_back(s.stage, double(s.nanoseconds) / 1e6);
  const std::string config = a.machine == "wrap" ? std::string(wire::OuterConfig::kName)
                                                 : std::string(wire::InnerConfig::kName);
  report(a, config, chip_rows, phases, r.vk.size(), r.proof.size(),
         {{"backend", "daemon"},
          {"key_source", pw::key_source_name(r.key_source)},
          {"self_verified", r.self_verified},
          {"program_digest", crypto::to_hex(r.program_digest)}},
         ctx);
}

}  // namespace

void add_sp1_prove_command(CLI::App& app, CliContext& ctx) {
  CLI::App* sp1 = app.get_subcommand("sp1");  // registered by add_sp1_commands
  auto a = std::make_shared<ProveArgs>();
  auto* cmd = sp1->add_subcommand(
      "prove-recursion",
      "Prove one shard of a recursion program (the recursion text format, or --random) on SP1's compress or wrap "
      "machine with SP1 v6.4's parameters for that stage, in this process (--backend cpu or cuda) or on the daemon "
      "(--daemon); write the vk and the proof in SP1's bincode. Exit 0 proved, 2 bad input");
  auto* program = cmd->add_option("program", a->program, "Recursion program file (text format)");
  auto* seed = cmd->add_option("--random", a->seed, "Prove a random program of this seed instead");
  auto* log_rows = cmd->add_option("--log-rows", a->log_rows, "With --random: about 2^N instructions")
                       ->check(CLI::Range(1u, sp1_prove_wire::kMaxLogRows));
  seed->needs(log_rows);
  log_rows->needs(seed);
  program->excludes(seed);
  cmd->add_option("--vk-out", a->vk_out, "Where to write the vk (bincode MachineVerifyingKey)")->required();
  cmd->add_option("--proof-out", a->proof_out, "Where to write the proof (bincode ShardProof)")->required();
  cmd->add_option("--machine", a->machine, "compress (inner configuration) or wrap (outer)")
      ->capture_default_str()
      ->check(CLI::IsMember({"compress", "wrap"}));
  cmd->add_option("--backend", a->backend,
                  "cpu, or cuda: the PCS's encoding, Merkle trees, proof of work, LogUp-GKR and zerocheck on the GPU that the global "
                  "--device names (default 0); the same proof bytes")
      ->capture_default_str()
      ->check(CLI::IsMember({"cpu", "cuda"}));
  auto* daemon = cmd->add_flag("--daemon", a->daemon,
                               "Prove it on the daemon (op sp1_prove_recursion; --socket names it) instead of "
                               "in this process; the same files are written");
  cmd->add_flag("--no-self-verify", a->no_self_verify,
                "With --daemon: ask the daemon not to verify the proof before it replies")
      ->needs(daemon);
  cmd->callback([program, seed, a, &ctx] {
    if (program->count() == 0 && seed->count() == 0)
      throw CLI::RequiredError("a PROGRAM file or --random SEED --log-rows N");
    if (a->daemon)
      prove_on_daemon(*a, ctx);
    else if (a->machine == "wrap")
      prove<wire::OuterConfig>(*a, sp1::air::MachineKind::Wrap, ctx);
    else
      prove<wire::InnerConfig>(*a, sp1::air::MachineKind::Compress, ctx);
  });
}

}  // namespace zkgpu::cli
