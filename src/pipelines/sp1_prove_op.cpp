// sp1_prove_recursion (op 0x0302, proto/ops-sp1.md): one shard proof of a
// recursion program on SP1's compress or wrap machine, as `zkgpu sp1
// prove-recursion` makes it, replying with the vk and the proof in SP1's bincode.
//
// Host stage (CPU pool): read or generate the program, execute it, fill the
// chips' traces, hash the preprocessed traces (the program digest that names the
// proving key) and size the device stage from the real traces. Device stage: the
// proving key (resident, or set up and made resident), the proof phase by phase,
// then the shard verifier on the bytes that are sent (unless self-verification is
// off). Cancellation is checked between every two stages and phases.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <memory>
#include <optional>
#include <string_view>
#include <thread>

#include "pipelines/device_resources.hpp"
#include "pipelines/pipeline.hpp"
#include "pipelines/sp1_prove_wire.hpp"
#include "pipelines/sp1_shard_keys.hpp"
#include "sp1/errors.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/recursion/errors.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/recursion/text_format.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"
#include "sp1/wire/encode.hpp"
#include "zkgpu/error.hpp"
#if ZKGPU_HAVE_CUDA
#include "sp1/prover_cuda/cuda_pcs_device.hpp"
#include "sp1/prover_cuda/cuda_sumchecks.hpp"
#endif

namespace zkgpu {
namespace {

using Clock = std::chrono::steady_clock;
namespace wire = sp1_prove_wire;
namespace prover = sp1::prover;
using sp1::air::MachineKind;

constexpr const char* kOp = "sp1_prove_recursion";

// The stages, in order, as progress frames name them (`verify` last, when on).
constexpr const char* kStages[] = {"trace_generation", "setup",       "commit", "logup_gkr",
                                   "zerocheck",        "pcs_opening", "verify"};
constexpr size_t kStageCount = std::size(kStages);

enum Stage : uint64_t { trace_generation, setup, commit, logup_gkr, zerocheck, pcs_opening, verify };

Stage stage_of(prover::ShardPhase p) {
  switch (p) {
    case prover::ShardPhase::commit: return commit;
    case prover::ShardPhase::logup_gkr: return logup_gkr;
    case prover::ShardPhase::zerocheck: return zerocheck;
    case prover::ShardPhase::pcs_opening: return pcs_opening;
  }
  return commit;
}

uint64_t ns_since(Clock::time_point start) {
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - start).count());
}

[[noreturn]] void cancelled(const char* during) {
  throw Error(ErrorCode::cancelled, std::string(kOp) + ": job cancelled during " + during);
}

// Sends a progress frame as each stage starts, first checking for cancellation,
// and times the stages.
class Stages {
 public:
  Stages(const ProgressFn& progress, bool with_verify) : progress_(progress), total_(with_verify ? kStageCount : kStageCount - 1) {}

  void begin(Stage s, const std::stop_token& cancel) {
    end();
    if (cancel.stop_requested()) cancelled(kStages[s]);
    current_ = s;
    started_ = Clock::now();
    progress_({s, total_, kStages[s]});
  }
  // Ends the current stage (if any), recording its time.
  void end() {
    if (current_) timings_.push_back({kStages[*current_], ns_since(started_)});
    current_.reset();
  }
  std::vector<wire::StageTiming> take() {
    end();
    return std::move(timings_);
  }

 private:
  ProgressFn progress_;
  uint64_t total_;
  std::optional<Stage> current_;
  Clock::time_point started_;
  std::vector<wire::StageTiming> timings_;
};

MachineKind machine_kind(wire::Machine m) { return m == wire::Machine::wrap ? MachineKind::Wrap : MachineKind::Compress; }

// What the host stage hands the device stage.
struct Prepared {
  prover::RecursionShard shard;
  std::vector<prover::ChipTrace> chips;  // views of shard.traces, in name order
  crypto::Sha256Digest digest{};
  bool self_verify = true;
  std::shared_ptr<Stages> stages;  // trace generation recorded
};

sp1::recursion::Program load_program(const wire::ProveRequest& r, MachineKind kind) {
  if (r.program_kind == wire::ProgramKind::random)
    return sp1::recursion::random_program(r.seed, size_t(1) << r.log_rows, kind);
  const std::string_view text(reinterpret_cast<const char*>(r.program_text.data()), r.program_text.size());
  return sp1::recursion::load_program(text);
}

template <class C>
const sp1::pcs::JaggedParams& params() {
  static const sp1::pcs::JaggedParams p = sp1::verifier::stage_params<C>();
  return p;
}

const sp1::pcs::JaggedParams& params_for(MachineKind kind) {
  return kind == MachineKind::Wrap ? params<sp1::wire::OuterConfig>() : params<sp1::wire::InnerConfig>();
}

// Peak memory of the device stage, from the traces: both committed rounds (each
// round's values padded to a multiple of the stacking height, its codeword at the
// stage's blowup, and the Merkle tree, counted as a quarter more) and the GKR and
// zerocheck provers' extension-field tables (about two degree-4 elements, 32
// bytes, per main trace value).
uint64_t device_stage_bytes(std::span<const prover::ChipTrace> chips, const sp1::pcs::JaggedParams& p) {
  uint64_t main = 0, preprocessed = 0;
  for (const auto& c : chips) {
    main += c.trace.main.size();
    preprocessed += c.trace.preprocessed.size();
  }
  const uint64_t stack = uint64_t(1) << p.stacked.log_stacking_height;
  const auto committed = [&](uint64_t values) { return std::max<uint64_t>(1, (values + stack - 1) / stack) * stack; };
  const uint64_t per_value = 4 * (1 + (uint64_t(1) << p.stacked.fri.log_blowup));
  return (committed(main) + committed(preprocessed)) * per_value * 5 / 4 + 32 * main;
}

HostStageOutput prepare(const std::stop_token& cancel, const ProgressFn& progress, const PipelineConfig& config,
                        std::span<const uint8_t> body) {
  const wire::ProveRequest request = wire::decode_request(body);
  const MachineKind kind = machine_kind(request.machine);
  auto out = std::make_shared<Prepared>();
  out->self_verify = config.self_verify && !request.no_self_verify;
  out->stages = std::make_shared<Stages>(progress, out->self_verify);
  out->stages->begin(trace_generation, cancel);
  try {
    const sp1::recursion::Program program = load_program(request, kind);
    if (cancel.stop_requested()) cancelled("trace generation");
    out->shard = prover::recursion_shard(program, kind);
    if (cancel.stop_requested()) cancelled("trace generation");
    out->chips = out->shard.chips();
    prover::check_chip_traces(out->chips, params_for(kind).max_log_row_count);
  } catch (const sp1::recursion::ProgramError& e) {
    throw Error(ErrorCode::invalid_argument, std::string(kOp) + ": invalid program: " + e.what());
  } catch (const sp1::recursion::ExecutionError& e) {
    throw Error(ErrorCode::invalid_argument, std::string(kOp) + ": the program fails: " + e.what());
  } catch (const std::invalid_argument& e) {
    throw Error(ErrorCode::invalid_argument,
                std::string(kOp) + ": the " + wire::machine_name(request.machine) + " machine cannot prove it: " + e.what());
  }
  out->digest = sp1_program_digest(kind, out->chips);
  out->stages->end();
  const uint64_t bytes = device_stage_bytes(out->chips, params_for(kind));
  return {std::move(out), bytes};
}

template <class C>
std::vector<uint8_t> prove(JobContext& ctx, const wire::ProveRequest& request, Prepared& in) {
  if (!ctx.resources) throw Error(ErrorCode::internal, std::string(kOp) + ": the job has no device resources");
  const MachineKind kind = machine_kind(request.machine);
  const auto& p = params<C>();
  Stages& stages = *in.stages;
  const auto job_start = Clock::now();
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  // On a GPU worker LogUp-GKR, the zerocheck and the PCS opening's tables are on its device too.
  std::unique_ptr<prover::PcsDevice> pcs_device;
  std::unique_ptr<prover::SumcheckBackend> sumchecks;
#if ZKGPU_HAVE_CUDA
  if (ctx.backend.kind() == BackendKind::cuda) {
    pcs_device = prover::make_cuda_pcs_device(ctx.backend.stark());
    sumchecks = prover::make_cuda_sumcheck_backend();
  }
#endif
  const prover::PcsProverContext pcs{ctx.backend.stark(), threads, nullptr, pcs_device.get()};

  stages.begin(setup, ctx.cancel);
  const auto key = ctx.resources->sp1_keys.acquire<C>(
      in.digest, device_stage_bytes(in.chips, p) / 2,
      [&] { return prover::setup_shard<C>(pcs, p, in.chips, prover::recursion_program_constants()); }, ctx.device_id);

  const auto proof = prover::prove_shard<C>(pcs, p, *key.key, in.chips, in.shard.public_values, nullptr, sumchecks.get(),
                                            [&](prover::ShardPhase phase) { stages.begin(stage_of(phase), ctx.cancel); });
  stages.end();

  wire::ProveResult result;
  result.machine = request.machine;
  result.key_source = key.resident ? wire::KeySource::resident : wire::KeySource::setup;
  result.program_digest = in.digest;
  result.vk = sp1::wire::encode_vk(key.key->vk);
  result.proof = sp1::wire::encode_shard_proof(proof);
  if (in.self_verify) {
    // The bytes that leave, read back as a client reads them.
    stages.begin(verify, ctx.cancel);
    try {
      sp1::verifier::verify_shard(sp1::wire::decode_vk<C>(result.vk), sp1::wire::decode_shard_proof<C>(result.proof),
                                  kind);
    } catch (const std::exception& e) {
      throw Error(ErrorCode::verify_failed, std::string(kOp) + ": self-verification failed: the proof computed on " +
                                                ctx.device_id + " does not verify (" + e.what() +
                                                "); no proof is returned");
    }
    stages.end();
  }
  result.self_verified = in.self_verify;
  for (const auto& c : in.chips) result.chips.push_back({std::string(c.chip->name()), c.trace.rows});
  result.stages = stages.take();
  std::string timings;
  for (const auto& t : result.stages)
    timings += (timings.empty() ? "" : ", ") + t.stage + " " + std::to_string(t.nanoseconds / 1'000'000) + " ms";
  spdlog::info("{}: {} {} proof, program {} (key {}), {} + {} bytes, device stage {:.1f} ms: {}", ctx.device_id, kOp,
               wire::machine_name(request.machine), crypto::to_hex(in.digest).substr(0, 16),
               wire::key_source_name(result.key_source), result.vk.size(), result.proof.size(),
               static_cast<double>(ns_since(job_start)) / 1e6, timings);
  return wire::encode_result(result);
}

std::vector<uint8_t> run(JobContext& ctx, std::span<const uint8_t> body, HostStageOutput& prepared) {
  const wire::ProveRequest request = wire::decode_request(body);
  auto* in = static_cast<Prepared*>(prepared.state.get());
  if (!in) throw Error(ErrorCode::internal, std::string(kOp) + ": the host stage handed over nothing");
  return request.machine == wire::Machine::wrap ? prove<sp1::wire::OuterConfig>(ctx, request, *in)
                                                : prove<sp1::wire::InnerConfig>(ctx, request, *in);
}

}  // namespace

// Trace generation is the host stage; the job is admitted to the device by the
// memory its traces need, then proves there.
OpHandler sp1_prove_recursion_handler() {
  OpHandler h;
  // A body that does not decode is refused before the host stage; the memory is
  // known only from the traces.
  h.estimate_bytes = [](std::span<const uint8_t> body) -> uint64_t {
    wire::decode_request(body);
    return 0;
  };
  h.prepare = prepare;
  h.run_prepared = run;
  return h;
}

}  // namespace zkgpu
