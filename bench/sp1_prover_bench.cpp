// SP1 shard proving on the CPU, on one and on two threads: the LogUp-GKR prover (and
// the circuit build inside it) and the zerocheck prover on random balanced
// BaseAlu/MemoryConst programs whose largest chip has 2^k rows, at the compress
// machine's 2^21-row hypercube. Each proof is checked by the verifier's GKR and
// zerocheck functions once. Prints one JSON document: per k and thread count, the
// chips' heights and the median milliseconds of each phase, as wall time and as the
// process's CPU time summed over threads (on a shared machine wall time also counts
// the waits for a core). With --backend cuda (CUDA builds) the same phases run
// through the CUDA sumchecks (sp1/prover_cuda) instead, one shard opened per
// repetition: "upload" is its traces' and programs' upload, "gkr_circuit" the
// circuit alone, and the proofs are also checked to equal the CPU's.
//   sp1_prover_bench [--backend cpu|cuda] [MIN_LOG_ROWS] [MAX_LOG_ROWS] [REPS]   (defaults: cpu 12 18 3)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "alu_program.hpp"
#include "sp1/errors.hpp"
#include "sp1/multilinear/eq.hpp"
#include "sp1/prover/logup_gkr_circuit.hpp"
#include "sp1/prover/logup_gkr_prover.hpp"
#include "sp1/prover/zerocheck_prover.hpp"
#include "sp1/transcript/duplex_challenger.hpp"
#include "sp1/verifier/logup_gkr.hpp"
#include "sp1/verifier/zerocheck.hpp"
#include "host_timing.hpp"
#if ZKGPU_SP1_PROVER_CUDA
#include "sp1/prover_cuda/cuda_sumchecks.hpp"
#include "sp1/wire/encode.hpp"
#endif

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

#if ZKGPU_SP1_PROVER_CUDA
// The same phases through the CUDA sumchecks; wall milliseconds (every phase ends
// in a download, which waits for the device).
json run_cuda(size_t log_rows, int reps) {
  const test::AluProgram program = test::make_alu_program(size_t(1) << (log_rows - 4), size_t(1) << log_rows, log_rows);
  const std::vector<prover::ChipTrace> chips = program.chips(air::compress_machine());
  const auto backend = prover::make_cuda_sumcheck_backend();
  enum Phase { kUpload, kCircuit, kGkr, kZerocheck, kPhases };
  std::vector<double> wall[kPhases];
  for (int rep = 0; rep < reps; ++rep) {
    Clock::time_point t = Clock::now();
    const auto shard = backend->open_shard(chips, kMaxLogRowCount, {});
    const std::vector<EF> betas = multilinear::partial_lagrange<EF>(std::vector<EF>(3, ext(F::from_canonical(5))));
    std::vector<EF> num, den;
    // Timed from after the upload (open_shard returns once the copies are queued;
    // the circuit's output download waits for them and for the circuit).
    wall[kUpload].push_back(ms_since(t));
    t = Clock::now();
    shard->gkr_circuit(ext(F::from_canonical(7)), betas)->output(num, den);
    wall[kCircuit].push_back(ms_since(t));

    transcript::DuplexChallenger ch = challenger();
    t = Clock::now();
    const wire::LogupGkrProof gkr = prover::prove_logup_gkr(chips, kMaxLogRowCount, {}, ch, 1, shard.get());
    wall[kGkr].push_back(ms_since(t));
    t = Clock::now();
    const prover::ZerocheckProof zc = prover::prove_zerocheck(chips, gkr, kMaxLogRowCount, {}, ch, 1, shard.get());
    wall[kZerocheck].push_back(ms_since(t));
    if (rep == 0) {
      check(chips, gkr, zc);
      transcript::DuplexChallenger cpu_ch = challenger();
      const wire::LogupGkrProof cpu_gkr = prover::prove_logup_gkr(chips, kMaxLogRowCount, {}, cpu_ch, 2);
      const prover::ZerocheckProof cpu_zc = prover::prove_zerocheck(chips, cpu_gkr, kMaxLogRowCount, {}, cpu_ch, 2);
      if (!(cpu_ch.sample_ext() == ch.sample_ext()) || cpu_zc.sumcheck.univariate_polys != zc.sumcheck.univariate_polys)
        throw Rejected("the CUDA sumchecks' proof differs from the CPU's");
    }
  }
  json heights = json::object();
  for (const prover::ChipTrace& c : chips) heights[std::string(c.chip->name())] = c.trace.rows;
  return {{"log_rows", log_rows},
          {"backend", "cuda"},
          {"heights", heights},
          {"median_wall_ms",
           {{"upload", median(wall[kUpload])},
            {"gkr_circuit", median(wall[kCircuit])},
            {"logup_gkr_total", median(wall[kGkr])},
            {"zerocheck", median(wall[kZerocheck])},
            {"gkr_plus_zerocheck", median(wall[kGkr]) + median(wall[kZerocheck])}}}};
}
#endif

}  // namespace

int main(int argc, char** argv) {
  std::string backend = "cpu";
  if (argc > 2 && std::string(argv[1]) == "--backend") {
    backend = argv[2];
    argc -= 2;
    argv += 2;
  }
  const size_t lo = argc > 1 ? size_t(std::atoi(argv[1])) : 12, hi = argc > 2 ? size_t(std::atoi(argv[2])) : 18;
  const int reps = argc > 3 ? std::atoi(argv[3]) : 3;
  bool backend_ok = backend == "cpu";
#if ZKGPU_SP1_PROVER_CUDA
  backend_ok = backend_ok || backend == "cuda";
#endif
  if (lo < 4 || hi > kMaxLogRowCount || lo > hi || reps < 1 || !backend_ok) {
    std::cerr << "usage: sp1_prover_bench [--backend cpu|cuda] [MIN_LOG_ROWS>=4] [MAX_LOG_ROWS<=21] [REPS>=1]\n"
                 "(cuda: CUDA builds only)\n";
    return 2;
  }
  json out{{"bench", "sp1_prover_" + backend},
           {"max_log_row_count", kMaxLogRowCount},
           {"program", "random BaseAlu (2^k rows) + MemoryConst (2^(k-4) rows), balanced"},
           {"reps", reps},
           {"note", "median ms; gkr_circuit is timed apart and is also inside logup_gkr_total"},
           {"sizes", json::array()}};
  try {
    for (size_t k = lo; k <= hi; ++k) {
#if ZKGPU_SP1_PROVER_CUDA
      if (backend == "cuda") {
        out["sizes"].push_back(run_cuda(k, reps));
        continue;
      }
#endif
      for (unsigned threads : {1u, 2u}) out["sizes"].push_back(run(k, threads, reps));
    }
  } catch (const Rejected& e) {
    std::cerr << "a proof was rejected: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {  // e.g. no CUDA device for --backend cuda
    std::cerr << "sp1_prover_bench: " << e.what() << "\n";
    return 1;
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}
