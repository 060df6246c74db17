// SP1 shard proving on the CPU, on one and on two threads: the LogUp-GKR prover (and
// the circuit build inside it) and the zerocheck prover on random balanced
// BaseAlu/MemoryConst programs whose largest chip has 2^k rows, at the compress
// machine's 2^21-row hypercube. Each proof is checked by the verifier's GKR and
// zerocheck functions once. Prints one JSON document: per k and thread count, the
// chips' heights and the median milliseconds of each phase, as wall time and as the
// process's CPU time summed over threads (on a shared machine wall time also counts
// the waits for a core).
// With --backend cpu|cuda (and --device N for cuda), also whole shard proofs of
// seeded random recursion programs of 2^k instructions on the compress machine,
// the PCS's encoding, Merkle trees, query openings and proofs of work on that
// backend: per k the chips' heights and the median milliseconds of trace
// generation, setup, commit, LogUp-GKR, zerocheck, the PCS opening (and its
// phases, grinding among them) and the proof, each proof checked by
// verify_shard once.
//   sp1_prover_bench [MIN_LOG_ROWS] [MAX_LOG_ROWS] [REPS] [--backend cpu|cuda] [--device N]
//   (defaults: 12 18 3, no shard proofs)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <thread>
#include <utility>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alu_program.hpp"
#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/logup_gkr_circuit.hpp"
#include "sp1/prover/logup_gkr_prover.hpp"
#include "sp1/prover/recursion_shard.hpp"
#include "sp1/prover/zerocheck_prover.hpp"
#include "sp1/recursion/random_program.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/verifier/logup_gkr.hpp"
#include "sp1/verifier/shard_verifier.hpp"
#include "sp1/verifier/zerocheck.hpp"
#include "host_timing.hpp"
#include "prover_backend.hpp"

namespace {

using namespace zkgpu::bench;

using namespace zkgpu::sp1;
using nlohmann::json;

constexpr size_t kMaxLogRowCount = 21;  // compress_params().max_log_row_count

// Wall and CPU milliseconds of one call.
struct Timer {
  Clock::time_point wall = Clock::now();
  double cpu = cpu_ms_now();
  void stop(std::vector<double>& wall_ms, std::vector<double>& cpu_ms) const {
    wall_ms.push_back(ms_since(wall));
    cpu_ms.push_back(cpu_ms_now() - cpu);
  }
};

transcript::DuplexChallenger challenger() {
  transcript::DuplexChallenger c;
  c.observe(F::from_canonical(1));
  return c;
}

void check(std::span<const prover::ChipTrace> chips, const wire::LogupGkrProof& gkr,
           const prover::ZerocheckProof& zc) {
  verifier::ShardChips shard;
  for (const prover::ChipTrace& c : chips) {
    const std::string name(c.chip->name());
    shard.push_back({c.chip, &zc.opened_values.at(name), &gkr.chip_openings.at(name)});
  }
  transcript::DuplexChallenger ch = challenger();
  verifier::verify_logup_gkr(shard, gkr, kMaxLogRowCount, {}, ch);
  verifier::verify_zerocheck(shard, gkr, zc.sumcheck, kMaxLogRowCount, {}, ch);
}

json run(size_t log_rows, unsigned threads, int reps) {
  const test::AluProgram program = test::make_alu_program(size_t(1) << (log_rows - 4), size_t(1) << log_rows, log_rows);
  const std::vector<prover::ChipTrace> chips = program.chips(air::compress_machine());
  enum Phase { kCircuit, kGkr, kZerocheck, kPhases };
  std::vector<double> wall[kPhases], cpu[kPhases];
  for (int rep = 0; rep < reps; ++rep) {
    // The circuit alone (prove_logup_gkr builds it again inside), at fixed challenges.
    const std::vector<EF> betas = multilinear::partial_lagrange<EF>(std::vector<EF>(3, ext(F::from_canonical(5))));
    Timer t;
    const prover::GkrCircuit circuit =
        prover::build_gkr_circuit(chips, kMaxLogRowCount, {}, ext(F::from_canonical(7)), betas, threads);
    t.stop(wall[kCircuit], cpu[kCircuit]);

    transcript::DuplexChallenger ch = challenger();
    t = Timer{};
    const wire::LogupGkrProof gkr = prover::prove_logup_gkr(chips, kMaxLogRowCount, {}, ch, threads);
    t.stop(wall[kGkr], cpu[kGkr]);
    t = Timer{};
    const prover::ZerocheckProof zc = prover::prove_zerocheck(chips, gkr, kMaxLogRowCount, {}, ch, threads);
    t.stop(wall[kZerocheck], cpu[kZerocheck]);
    if (rep == 0) check(chips, gkr, zc);
  }
  auto phases = [&](std::vector<double>* v) {
    return json{{"gkr_circuit", median(v[kCircuit])},
                {"logup_gkr_total", median(v[kGkr])},
                {"logup_gkr_sumchecks_and_openings", median(v[kGkr]) - median(v[kCircuit])},
                {"zerocheck", median(v[kZerocheck])},
                {"gkr_plus_zerocheck", median(v[kGkr]) + median(v[kZerocheck])}};
  };
  json heights = json::object();
  for (const prover::ChipTrace& c : chips) heights[std::string(c.chip->name())] = c.trace.rows;
  return {{"log_rows", log_rows},
          {"threads", threads},
          {"heights", heights},
          {"median_wall_ms", phases(wall)},
          {"median_cpu_ms", phases(cpu)}};
}

// Whole shard proofs of one random program on `backend` (host parts on `threads`).
json run_shard(size_t log_rows, zkgpu::Backend& backend, unsigned threads, int reps) {
  using C = wire::InnerConfig;
  const air::MachineKind kind = air::MachineKind::Compress;
  const pcs::JaggedParams params = verifier::stage_params<C>();
  std::map<std::string, std::vector<double>> ms;
  json heights = json::object();
  for (int rep = 0; rep < reps; ++rep) {
    auto t = Clock::now();
    const prover::RecursionShard shard =
        prover::recursion_shard(recursion::random_program(log_rows, size_t(1) << log_rows, kind), kind);
    const std::vector<prover::ChipTrace> chips = shard.chips();
    ms["trace_generation"].push_back(ms_since(t));
    const prover::PcsProverContext ctx{backend.stark(), threads};
    t = Clock::now();
    const auto pk = prover::setup_shard<C>(ctx, params, chips, prover::recursion_program_constants());
    ms["setup"].push_back(ms_since(t));
    prover::ShardPhaseTimes times;
    t = Clock::now();
    const wire::ShardProof<C> proof = prover::prove_shard<C>(ctx, params, pk, chips, shard.public_values, &times);
    ms["prove_total"].push_back(ms_since(t));
    for (const auto& [name, v] : std::initializer_list<std::pair<const char*, double>>{
             {"commit", times.commit_ms},
             {"logup_gkr", times.logup_gkr_ms},
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
      for (const prover::ChipTrace& c : chips) heights[std::string(c.chip->name())] = c.trace.rows;
    }
  }
  json phases = json::object();
  for (const auto& [name, v] : ms) phases[name] = median(v);
  return {{"log_instructions", log_rows}, {"threads", threads}, {"heights", heights}, {"median_wall_ms", phases}};
}

}  // namespace

int main(int argc, char** argv) {
  constexpr const char* kUsage =
      "usage: sp1_prover_bench [MIN_LOG_ROWS>=4] [MAX_LOG_ROWS<=21] [REPS>=1] [--backend cpu|cuda] [--device N]\n";
  bool shards = false;
  BackendChoice choice;
  try {
    choice = parse_backend(argc, argv);
    for (int i = 1; i < argc; ++i) shards = shards || std::string(argv[i]) == "--backend";
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n" << kUsage;
    return 2;
  }
  const auto& args = choice.rest;
  const size_t lo = args.size() > 0 ? size_t(std::atoi(args[0].c_str())) : 12,
               hi = args.size() > 1 ? size_t(std::atoi(args[1].c_str())) : 18;
  const int reps = args.size() > 2 ? std::atoi(args[2].c_str()) : 3;
  if (lo < 4 || hi > kMaxLogRowCount || lo > hi || reps < 1) {
    std::cerr << kUsage;
    return 2;
  }
  json out{{"bench", "sp1_prover_cpu"},
           {"max_log_row_count", kMaxLogRowCount},
           {"program", "random BaseAlu (2^k rows) + MemoryConst (2^(k-4) rows), balanced"},
           {"reps", reps},
           {"note", "median ms; gkr_circuit is timed apart and is also inside logup_gkr_total"},
           {"sizes", json::array()}};
  try {
    for (size_t k = lo; k <= hi; ++k)
      for (unsigned threads : {1u, 2u}) out["sizes"].push_back(run(k, threads, reps));
    if (shards) {
      const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
      const auto backend = choice.make(threads);
      out["shards"] = {{"backend", choice.kind}, {"device", backend->describe()}, {"proofs", json::array()}};
      for (size_t k = lo; k <= std::min<size_t>(hi, 20); ++k) {
        out["shards"]["proofs"].push_back(run_shard(k, *backend, threads, reps));
        std::cerr << out["shards"]["proofs"].back().dump() << "\n";
      }
    }
  } catch (const Rejected& e) {
    std::cerr << "a proof was rejected: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}
