// groth16 prove / verify: Groth16 proofs over BN254 with snarkjs's files
// (proto/ops-groth16.md). `prove` goes through the daemon unless --local.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "backends/backend.hpp"
#include "cli/commands.hpp"
#include "cli/format.hpp"
#include "cli/local_backend.hpp"
#include "groth16/snarkjs_json.hpp"
#include "groth16/verifier.hpp"
#include "pipelines/device_resources.hpp"
#include "pipelines/groth16_prove.hpp"
#include "pipelines/groth16_wire.hpp"

namespace zkgpu::cli {
namespace {

using nlohmann::json;
namespace wire = groth16_wire;
using Clock = std::chrono::steady_clock;

std::string read_text(const std::string& path, const char* what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::not_found, std::string("cannot read ") + what + " " + path);
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) throw Error(ErrorCode::not_found, std::string("error while reading ") + what + " " + path);
  return s.str();
}

// Witnesses of large circuits run to gigabytes: read them in one piece.
std::vector<uint8_t> read_bytes(const std::string& path, const char* what) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  std::ifstream in(path, std::ios::binary);
  if (ec || !in) throw Error(ErrorCode::not_found, std::string("cannot read ") + what + " " + path);
  std::vector<uint8_t> bytes(size);
  in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(size));
  if (static_cast<uint64_t>(in.gcount()) != size)
    throw Error(ErrorCode::not_found, std::string("error while reading ") + what + " " + path);
  return bytes;
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw Error(ErrorCode::internal, "cannot write " + path);
}

// "[=======>      ] msm-a  4/9  1.2 s" on one terminal line, rewritten in place.
class ProgressBar {
 public:
  explicit ProgressBar(bool enabled) : enabled_(enabled), start_(Clock::now()) {}
  ~ProgressBar() { clear(); }

  void draw(const proto::Progress& p) {
    if (!enabled_) return;
    constexpr int kWidth = 24;
    const double frac = p.total ? static_cast<double>(p.done) / static_cast<double>(p.total) : 0;
    const int filled = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<size_t>(filled), '=');
    if (filled < kWidth) bar += '>';
    bar.resize(kWidth, ' ');
    const double s = std::chrono::duration<double>(Clock::now() - start_).count();
    std::fprintf(stderr, "\r\033[K[%s] %-8s %llu/%llu  %.1f s", bar.c_str(), p.stage.c_str(),
                 static_cast<unsigned long long>(p.done + 1), static_cast<unsigned long long>(p.total), s);
    std::fflush(stderr);
    drew_ = true;
  }

  void clear() {
    if (drew_) std::fputs("\r\033[K", stderr);
    drew_ = false;
  }

 private:
  bool enabled_;
  bool drew_ = false;
  Clock::time_point start_;
};

struct ProveOptions {
  std::vector<std::string> files;  // [zkey] wtns proof public
  std::string key_sha256;
  bool local = false;
  std::string backend = "auto";
  bool no_self_verify = false;
};

// The backend for --local: the CPU, or a CUDA device when this build has CUDA
// and one is present (--device picks its ordinal).
std::unique_ptr<Backend> local_backend(const ProveOptions& o, const CliContext& ctx, std::string& id) {
  if (o.backend != "cpu") {
    std::string why;
    if (auto gpu = local_cuda_backend(ctx.device, id, why)) return gpu;
    if (o.backend == "cuda") throw Error(ErrorCode::no_such_device, "--backend cuda: " + why);
  }
  id = "cpu";
  return make_cpu_backend();
}

// Proves in this process through the same pipeline the daemon runs.
wire::ProveResult prove_local(const ProveOptions& o, const CliContext& ctx, std::span<const uint8_t> body,
                              ProgressBar& bar, std::string& device_id) {
  // The pipeline logs like a daemon; a command-line run reports through its own output.
  spdlog::set_level(spdlog::level::warn);
  auto backend = local_backend(o, ctx, device_id);
  const PipelineConfig config{UINT64_MAX, !o.no_self_verify};
  DeviceResources resources(config);  // destroyed before the backend
  JobContext job{*backend, device_id, config, [&](const proto::Progress& p) { bar.draw(p); }, {}, &resources};
  return wire::decode_result(run_groth16_prove(job, body));
}

void run_prove(const ProveOptions& o, const CliContext& ctx) {
  const bool by_sha = !o.key_sha256.empty();
  const size_t want = by_sha ? 3 : 4;
  if (o.files.size() != want)
    throw CLI::ValidationError("files", by_sha ? "with --key-sha256 give <witness.wtns> <proof.json> <public.json>"
                                               : "give <circuit.zkey> <witness.wtns> <proof.json> <public.json>");
  if (o.local && by_sha) throw CLI::ValidationError("--key-sha256", "names a key resident in the daemon; not with --local");
  const size_t w = by_sha ? 0 : 1;
  const std::string& proof_path = o.files[w + 1];
  const std::string& public_path = o.files[w + 2];

  const std::vector<uint8_t> witness = read_bytes(o.files[w], "witness file");
  wire::ProveRequest request;
  request.witness = witness;
  if (by_sha) {
    request.key_kind = wire::KeyKind::sha256;
    request.key_sha256 = wire::sha256_from_hex(o.key_sha256);
  } else {
    request.key_kind = wire::KeyKind::path;
    request.key_path = std::filesystem::absolute(o.files[0]).lexically_normal().string();
  }
  const std::vector<uint8_t> body = wire::encode_request(request);

  ProgressBar bar(!ctx.json && ::isatty(STDERR_FILENO));
  const auto start = Clock::now();
  std::string where;
  wire::ProveResult result;
  if (o.local) {
    result = prove_local(o, ctx, body, bar, where);
  } else {
    Client client = ctx.connect();
    const auto reply = client.call({proto::Op::groth16_prove, 0, 0, ctx.device, body},
                                   [&](const proto::Progress& p) { bar.draw(p); });
    result = wire::decode_result(reply.body);
    where = "zkgpud at " + ctx.socket;
  }
  bar.clear();
  const double total_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  write_text(proof_path, result.proof_json);
  write_text(public_path, result.public_json);

  if (ctx.json) {
    json stages = json::array();
    for (const auto& s : result.stages)
      stages.push_back({{"stage", s.stage}, {"ms", static_cast<double>(s.nanoseconds) / 1e6}});
    std::cout << json{{"proof", proof_path},
                      {"public", public_path},
                      {"prover", o.local ? where : std::string("daemon")},
                      {"key_sha256", wire::to_hex(result.key_sha256)},
                      {"key_source", wire::key_source_name(result.key_source)},
                      {"self_verified", result.self_verified},
                      {"stages", stages},
                      {"total_ms", total_ms}}
                     .dump(2)
              << '\n';
    return;
  }
  std::printf("proof written to %s, public signals to %s\n", proof_path.c_str(), public_path.c_str());
  std::printf("proved by %s with key %s (%s)%s\n", where.c_str(), wire::to_hex(result.key_sha256).c_str(),
              wire::key_source_name(result.key_source), result.self_verified ? ", self-verified" : "");
  Table t;
  for (const auto& s : result.stages) {
    char ms[32];
    std::snprintf(ms, sizeof ms, "%10.1f ms", static_cast<double>(s.nanoseconds) / 1e6);
    t.add({"  " + s.stage, ms});
  }
  char ms[32];
  std::snprintf(ms, sizeof ms, "%10.1f ms", total_ms);
  t.add({"  total", ms});
  t.print(std::cout);
}

void run_verify(const std::string& vk_path, const std::string& public_path, const std::string& proof_path,
                const CliContext& ctx) {
  const auto vk = groth16::parse_verification_key(read_text(vk_path, "verification key"));
  const auto signals = groth16::parse_public(read_text(public_path, "public signals file"));
  const auto proof = groth16::parse_proof(read_text(proof_path, "proof file"));
  const bool valid = groth16::verify(vk, signals, proof);
  if (ctx.json) std::cout << json{{"valid", valid}, {"public_signals", signals.size()}}.dump(2) << '\n';
  if (!valid)
    throw Error(ErrorCode::verify_failed,
                "INVALID: the proof in " + proof_path + " does not verify for the public signals in " + public_path +
                    " and the key in " + vk_path);
  if (!ctx.json) std::printf("OK: the proof is valid (%zu public signals)\n", signals.size());
}

}  // namespace

void add_groth16_commands(CLI::App& app, CliContext& ctx) {
  auto* g = app.add_subcommand("groth16", "Groth16 proofs over BN254 with circom/snarkjs files");
  g->require_subcommand(1);

  auto po = std::make_shared<ProveOptions>();
  auto* prove = g->add_subcommand(
      "prove",
      "Prove: <circuit.zkey> <witness.wtns> <proof.json> <public.json> (rapidsnark's order); through the daemon "
      "unless --local");
  prove->add_option("files", po->files, "[circuit.zkey] witness.wtns proof.json public.json")
      ->required()
      ->expected(3, 4);
  prove->add_option("--key-sha256", po->key_sha256,
                    "Use the key resident in the daemon with this SHA-256 (of its .zkey file) instead of a path; "
                    "then omit <circuit.zkey>");
  prove->add_flag("--local", po->local, "Prove in this process instead of through the daemon");
  prove->add_option("--backend", po->backend, "With --local: cpu, cuda or auto (cuda when a GPU is present)")
      ->check(CLI::IsMember({"cpu", "cuda", "auto"}))
      ->capture_default_str();
  prove->add_flag("--no-self-verify", po->no_self_verify,
                  "With --local: skip verifying the proof before writing it (the daemon decides for itself)");
  prove->callback([&ctx, po] { run_prove(*po, ctx); });

  auto vk = std::make_shared<std::string>();
  auto pub = std::make_shared<std::string>();
  auto proof = std::make_shared<std::string>();
  auto* verify = g->add_subcommand(
      "verify", "Verify <verification_key.json> <public.json> <proof.json> (exit 0 when valid, 1 when not)");
  verify->add_option("verification_key", *vk, "snarkjs verification_key.json")->required();
  verify->add_option("public", *pub, "snarkjs public.json")->required();
  verify->add_option("proof", *proof, "snarkjs proof.json")->required();
  verify->callback([&ctx, vk, pub, proof] { run_verify(*vk, *pub, *proof, ctx); });
}

}  // namespace zkgpu::cli
