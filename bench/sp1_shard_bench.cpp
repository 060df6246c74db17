// Whole SP1 shard proofs of seeded random recursion programs of 2^k instructions on
// the compress machine, on one backend: with --backend cuda the PCS's encoding,
// Merkle trees, query openings and proofs of work run on that GPU, and so do
// LogUp-GKR, the zerocheck, the jagged sumcheck and BaseFold's folding
// (sp1/prover_cuda; --host-pcs keeps the last two on the host, for comparison);
// the rest on the host's threads.
// Prints one JSON document: per k the chips' heights and the median wall
// milliseconds of trace generation, setup, commit, LogUp-GKR, zerocheck, the PCS
// opening (and its phases, grinding among them) and the whole proof. Each proof is
// checked by verify_shard once. --shape FILE proves instead one program whose chips
// have the heights of the first proof in a compress witness (SP1's shrink_input.bin:
// a compress-stage proof), the shape the recursion prover meets in practice; with
// --scale LO HI, that shape scaled so that its largest chip has 2^k rows, k = LO..HI.
//   sp1_shard_bench [MIN_LOG_INSTRUCTIONS] [MAX_LOG_INSTRUCTIONS] [REPS] [--backend cpu|cuda] [--device N] [--host-pcs]
//   sp1_shard_bench --shape FILE [--scale LO HI] [REPS] [--backend cpu|cuda] [--device N] [--host-pcs]
//   (defaults: 12 18 3, cpu)
#include <algorithm>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "host_timing.hpp"
#include "prover_backend.hpp"
#include "sp1/prover/pcs_device.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/recursion/executor.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/wire/decode.hpp"
#if ZKGPU_SP1_PROVER_CUDA
#include "sp1/prover_cuda/cuda_pcs_device.hpp"
#include "sp1/prover_cuda/cuda_sumchecks.hpp"
#endif

namespace {

using namespace zkgpu::bench;
using namespace zkgpu::sp1;
using nlohmann::json;

constexpr size_t kMaxLogInstructions = 20;
constexpr size_t kMinScaleLog = 10, kMaxScaleLog = 22;  // the compress machine's tallest chip: 2^22 rows

// The chip heights of the first proof in a compress witness file.
recursion::ChipRows compress_shape(const std::string& path) {
  const wire::CompressWitness w = wire::decode_compress_witness(wire::read_artifact_file(path));
  if (w.vks_and_proofs.empty()) throw std::invalid_argument(path + ": no proofs in the witness");
  recursion::ChipRows rows;
  for (const auto& [name, opened] : w.vks_and_proofs.front().proof.opened_values) {
    uint64_t height = 0;
    for (const wire::F& bit : opened.degree) height = 2 * height + bit.to_canonical();
    if (height > 0) rows[name] = height;
  }
  return rows;
}

// `shape` with every chip's rows multiplied so that the tallest has 2^log_rows (at
// least one row each; PublicValues keeps its fixed rows).
recursion::ChipRows scaled(const recursion::ChipRows& shape, size_t log_rows) {
  size_t tallest = 1;
  for (const auto& [name, rows] : shape) tallest = std::max(tallest, rows);
  recursion::ChipRows out;
  for (const auto& [name, rows] : shape)
    out[name] = name == "PublicValues" ? rows
                                       : std::max<size_t>(1, size_t((double(rows) / double(tallest)) *
                                                                    double(size_t(1) << log_rows)));
  return out;
}

// Whole shard proofs of one program (made anew each rep, as trace generation is
// timed with it) on `backend` (host parts on `threads`).
json run_shard(const std::function<recursion::Program()>& make_program, zkgpu::Backend& backend,
               const prover::SumcheckBackend* sumchecks, const prover::PcsDevice* pcs_device, unsigned threads,
               int reps) {
  using C = wire::InnerConfig;
  const air::MachineKind kind = air::MachineKind::Compress;
  const pcs::JaggedParams params = verifier::stage_params<C>();
  std::map<std::string, std::vector<double>> ms;
  json heights = json::object();
  size_t main_cells = 0;  // the main trace's area, which the jagged sumcheck runs over
  for (int rep = 0; rep < reps; ++rep) {
    auto t = Clock::now();
    const recursion::Program program = make_program();
    ms["random_program"].push_back(ms_since(t));
    t = Clock::now();
    // Execution alone, the serial part of trace generation (untimed otherwise: the
    // shard's traces are made while it runs).
    (void)recursion::execute(program);
    ms["trace_generation.execute"].push_back(ms_since(t));
    t = Clock::now();
    const prover::RecursionShard shard = prover::recursion_shard(program, kind);
    const std::vector<prover::ChipTrace> chips = shard.chips();
    ms["trace_generation"].push_back(ms_since(t));  // execution and traces
    const prover::PcsProverContext ctx{backend.stark(), threads, nullptr, pcs_device};
    t = Clock::now();
    const auto pk = prover::setup_shard<C>(ctx, params, chips, prover::recursion_program_constants());
    ms["setup"].push_back(ms_since(t));
    prover::ShardPhaseTimes times;
    t = Clock::now();
    const wire::ShardProof<C> proof =
        prover::prove_shard<C>(ctx, params, pk, chips, shard.public_values, &times, sumchecks);
    ms["prove_total"].push_back(ms_since(t));
    for (const auto& [name, v] : std::initializer_list<std::pair<const char*, double>>{
             {"commit", times.commit_ms},
             {"logup_gkr", times.logup_gkr_ms},
             {"gkr.open_shard", times.open_shard_ms},
             {"gkr.grinding", times.gkr.grinding_ms},
             {"gkr.circuit", times.gkr.circuit_ms},
             {"gkr.layers", times.gkr.layers_ms},
             {"gkr.evaluations", times.gkr.evaluations_ms},
             {"zerocheck", times.zerocheck_ms},
             {"pcs_opening", times.pcs_ms},
             {"pcs.jagged_sumcheck", times.pcs.jagged_sumcheck_ms},
             {"pcs.jagged_eval", times.pcs.jagged_eval_ms},
             {"pcs.stacked", times.pcs.stacked_ms},
             {"pcs.basefold_fold", times.pcs.basefold_fold_ms},
             {"pcs.grinding", times.pcs.grinding_ms},
             {"pcs.queries", times.pcs.queries_ms}})
      ms[name].push_back(v);
    if (rep == 0) {
      verifier::verify_shard(pk.vk, proof, kind);
      for (const prover::ChipTrace& c : chips) {
        heights[std::string(c.chip->name())] = c.trace.rows;
        main_cells += c.trace.rows * c.chip->width();
      }
    }
  }
  json phases = json::object();
  for (const auto& [name, v] : ms) phases[name] = median(v);
  return {{"heights", heights}, {"main_cells", main_cells}, {"median_wall_ms", phases}};
}

}  // namespace

int main(int argc, char** argv) {
  constexpr const char* kUsage =
      "usage: sp1_shard_bench [MIN_LOG_INSTRUCTIONS>=4] [MAX_LOG_INSTRUCTIONS<=20] [REPS>=1] [--backend cpu|cuda] "
      "[--device N] [--host-pcs]\n       sp1_shard_bench --shape COMPRESS_WITNESS [--scale LO>=10 HI<=22] [REPS>=1] "
      "[--backend cpu|cuda] [--device N] [--host-pcs]\n";
  BackendChoice choice;
  try {
    choice = parse_backend(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n" << kUsage;
    return 2;
  }
  std::vector<std::string> args = choice.rest;
  const auto host_pcs_flag = std::find(args.begin(), args.end(), "--host-pcs");
  const bool host_pcs = host_pcs_flag != args.end();
  if (host_pcs) args.erase(host_pcs_flag);
  std::string shape_file;
  if (const auto it = std::find(args.begin(), args.end(), "--shape"); it != args.end()) {
    if (it + 1 == args.end()) {
      std::cerr << kUsage;
      return 2;
    }
    shape_file = *(it + 1);
    args.erase(it, it + 2);
  }
  size_t scale_lo = 0, scale_hi = 0;  // 0: the shape as it is
  if (const auto it = std::find(args.begin(), args.end(), "--scale"); it != args.end()) {
    if (shape_file.empty() || args.end() - it < 3) {
      std::cerr << kUsage;
      return 2;
    }
    scale_lo = size_t(std::atoi((it + 1)->c_str()));
    scale_hi = size_t(std::atoi((it + 2)->c_str()));
    args.erase(it, it + 3);
    if (scale_lo < kMinScaleLog || scale_hi > kMaxScaleLog || scale_lo > scale_hi) {
      std::cerr << kUsage;
      return 2;
    }
  }
  // With --shape the one positional argument is REPS.
  const size_t lo = shape_file.empty() && args.size() > 0 ? size_t(std::atoi(args[0].c_str())) : 12,
               hi = shape_file.empty() && args.size() > 1 ? size_t(std::atoi(args[1].c_str())) : 18;
  const size_t reps_at = shape_file.empty() ? 2 : 0;
  const int reps = args.size() > reps_at ? std::atoi(args[reps_at].c_str()) : 3;
  if (lo < 4 || hi > kMaxLogInstructions || lo > hi || reps < 1) {
    std::cerr << kUsage;
    return 2;
  }
  try {
    const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    const auto backend = choice.make(threads);
    std::unique_ptr<prover::SumcheckBackend> sumchecks;  // null: on the CPU
    std::unique_ptr<prover::PcsDevice> pcs_device;   // null: on the CPU
#if ZKGPU_SP1_PROVER_CUDA
    if (choice.kind == "cuda") {
      sumchecks = prover::make_cuda_sumcheck_backend();
      if (!host_pcs) pcs_device = prover::make_cuda_pcs_device(backend->stark());
    }
#endif
    const air::MachineKind kind = air::MachineKind::Compress;
    json out{{"bench", "sp1_shard_" + choice.kind},
             {"device", backend->describe()},
             {"threads", threads},
             {"program", shape_file.empty() ? "random recursion program of 2^k instructions, compress machine"
                                            : "random recursion program with the chip heights of " + shape_file},
             {"reps", reps},
             {"pcs_tables", pcs_device ? "device" : "host"},
             {"proofs", json::array()}};
    const auto prove = [&](const std::function<recursion::Program()>& make_program, json label) {
      json p = run_shard(make_program, *backend, sumchecks.get(), pcs_device.get(), threads, reps);
      p.update(label);
      std::cerr << p.dump() << "\n";
      out["proofs"].push_back(std::move(p));
    };
    if (!shape_file.empty()) {
      const recursion::ChipRows rows = compress_shape(shape_file);
      if (scale_lo == 0) prove([&] { return recursion::random_program_with_rows(1, rows, kind); }, {{"shape", shape_file}});
      for (size_t k = scale_lo; scale_lo > 0 && k <= scale_hi; ++k) {
        const recursion::ChipRows at_k = scaled(rows, k);
        prove([&] { return recursion::random_program_with_rows(1, at_k, kind); },
              {{"shape", shape_file}, {"log_tallest_rows", k}});
      }
    } else {
      for (size_t k = lo; k <= hi; ++k)
        prove([&] { return recursion::random_program(k, size_t(1) << k, kind); }, {{"log_instructions", k}});
    }
    std::cout << out.dump(2) << "\n";
  } catch (const std::exception& e) {  // a rejected proof, or no CUDA device for --backend cuda
    std::cerr << "sp1_shard_bench: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
