#include "pipelines/groth16_prove.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iterator>

#include "groth16/prover.hpp"
#include "groth16/snarkjs_json.hpp"
#include "groth16/verifier.hpp"
#include "groth16/wtns.hpp"
#include "pipelines/device_resources.hpp"
#include "pipelines/groth16_wire.hpp"
#include "zkgpu/error.hpp"

namespace zkgpu {
namespace {

using Clock = std::chrono::steady_clock;
namespace wire = groth16_wire;

uint64_t nanoseconds_since(Clock::time_point start) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
}

// Sends progress frames for the stages of one proof, in kGroth16Stages order.
class StageReporter {
 public:
  StageReporter(JobContext& ctx, bool with_verify)
      : ctx_(ctx), total_(std::size(kGroth16Stages) - (with_verify ? 0 : 1)) {}

  void begin(const std::string& stage) {
    ctx_.check_cancelled();
    const auto* end = std::begin(kGroth16Stages) + total_;
    const auto* it = std::find(std::begin(kGroth16Stages), end, stage);
    const uint64_t index = it == end ? next_ : static_cast<uint64_t>(it - std::begin(kGroth16Stages));
    next_ = index + 1;
    ctx_.progress({index, total_, stage});
  }

 private:
  JobContext& ctx_;
  uint64_t total_;
  uint64_t next_ = 0;
};

std::string stage_summary(const std::vector<wire::StageTiming>& stages) {
  std::string s;
  char buf[96];
  for (const auto& t : stages) {
    std::snprintf(buf, sizeof buf, "%s%s %.1f ms", s.empty() ? "" : ", ", t.stage.c_str(),
                  static_cast<double>(t.nanoseconds) / 1e6);
    s += buf;
  }
  return s;
}

}  // namespace

uint64_t estimate_groth16_prove(std::span<const uint8_t> body) {
  // The witness is n_vars * 32 bytes; the prover holds the scalars and four
  // domain-sized vectors (A, B, C evaluations, H) with the domain about the
  // size of the witness, plus MSM scratch: ten times the witness covers it.
  const wire::ProveRequest r = wire::decode_request(body);
  return 10 * static_cast<uint64_t>(r.witness.size());
}

std::vector<uint8_t> run_groth16_prove(JobContext& ctx, std::span<const uint8_t> body) {
  const wire::ProveRequest request = wire::decode_request(body);
  if (!ctx.resources) throw Error(ErrorCode::internal, "groth16_prove: the job has no device resources");
  const bool self_verify = ctx.config.self_verify;
  StageReporter report(ctx, self_verify);
  wire::ProveResult result;
  const auto job_start = Clock::now();

  report.begin("load");
  auto start = Clock::now();
  auto& cache = ctx.resources->groth16_keys;
  const auto acquired = request.key_kind == wire::KeyKind::path
                            ? cache.acquire_path(ctx.backend, request.key_path, ctx.device_id)
                            : cache.acquire_sha256(request.key_sha256, ctx.device_id);
  const groth16::ProvingKey& key = acquired.key->key->key();
  const groth16::Witness witness = groth16::parse_wtns(request.witness);
  if (witness.values.size() != key.n_vars)
    throw Error(ErrorCode::invalid_argument,
                "the witness has " + std::to_string(witness.values.size()) + " values but the proving key " +
                    wire::to_hex(acquired.key->sha256) + " expects " + std::to_string(key.n_vars) +
                    ": the witness was not computed for this circuit");
  result.stages.push_back({"load", nanoseconds_since(start)});

  groth16::ProveResult proved =
      groth16::prove(ctx.backend, *acquired.key->key, witness, [&](const std::string& stage) { report.begin(stage); });
  for (const auto& s : proved.stages)
    result.stages.push_back(
        {s.stage, static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(s.elapsed).count())});

  if (self_verify) {
    report.begin("verify");
    start = Clock::now();
    if (!groth16::verify(acquired.key->vk, proved.public_signals, proved.proof))
      throw Error(ErrorCode::verify_failed, "self-verification failed: the proof computed on " + ctx.device_id +
                                                " does not verify against key " + wire::to_hex(acquired.key->sha256) +
                                                "; no proof is returned");
    result.stages.push_back({"verify", nanoseconds_since(start)});
  }

  result.key_sha256 = acquired.key->sha256;
  result.key_source = acquired.source;
  result.self_verified = self_verify;
  result.proof_json = groth16::proof_to_json(proved.proof);
  result.public_json = groth16::public_to_json(proved.public_signals);
  spdlog::info("{}: groth16 proof with key {} ({}, {} signals, domain 2^{}) in {:.1f} ms: {}", ctx.device_id,
               wire::to_hex(result.key_sha256), wire::key_source_name(result.key_source), key.n_vars, key.log_domain,
               static_cast<double>(nanoseconds_since(job_start)) / 1e6, stage_summary(result.stages));
  return wire::encode_result(result);
}

OpHandler groth16_prove_handler() { return {estimate_groth16_prove, run_groth16_prove}; }

}  // namespace zkgpu
