// SP1's PCS prover with SP1's compress parameters (stacking
// height 2^20, blowup 4, 16 + 5 bits of grinding, rows up to 2^21): a preprocessed
// round of 2^14 values and a main round of `area` values in chips of varying
// heights and widths, for area = 2^16 .. 2^20. Times the commitment of both rounds
// and the opening (jagged sumcheck, jagged evaluation proof, stacked BaseFold) with
// 1 and 2 threads (wall time, and CPU time summed over threads: on a shared
// machine wall time also counts the waits for a core); each configuration's proof
// is checked by the verifier once, untimed. The encoding, the KoalaBear Merkle
// trees, the query openings and the proofs of work run on the chosen backend
// (the CPU's threads, or a GPU); the rest on the host threads. Prints one JSON
// document of medians.
//   sp1_pcs_prover_bench [REPS] [--backend cpu|cuda] [--device N]   (defaults: 3 cpu 0)
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "backends/backend.hpp"
#include "sp1/pcs/params.hpp"
#include "sp1/prover/jagged_prover.hpp"
#include "host_timing.hpp"
#include "prover_backend.hpp"

namespace {

using namespace zkgpu::bench;

using namespace zkgpu;
using namespace zkgpu::sp1;
using nlohmann::json;
using C = wire::InnerConfig;

json phase_medians(const std::map<std::string, std::vector<double>>& phases) {
  json out = json::object();
  for (const auto& [name, v] : phases) out[name] = median(v);
  return out;
}

// Chips of widths 8..71 and heights area / 2^k (not powers of two: 7/8 of that),
// filling `area` values, plus a remainder chip.
std::vector<std::vector<F>> make_tables(uint64_t area, std::mt19937_64& gen, std::vector<prover::TraceTable>& views) {
  std::vector<std::pair<size_t, size_t>> shape;
  uint64_t left = area;
  for (size_t k = 0; left > 64; ++k) {
    const size_t cols = 8 + (k * 13) % 64;
    size_t rows = std::max<size_t>(1, size_t(area >> (k + 4)) * 7 / 8);
    rows = std::min<size_t>(rows, size_t(left / cols));
    if (rows == 0) break;
    shape.emplace_back(rows, cols);
    left -= uint64_t(rows) * cols;
  }
  if (left) shape.emplace_back(size_t(left), 1);
  std::vector<std::vector<F>> values;
  for (const auto& [rows, cols] : shape) {
    std::vector<F> v(rows * cols);
    for (F& x : v) x = F::from_canonical(uint32_t(gen() % F::kP));
    values.push_back(std::move(v));
  }
  views.clear();
  for (size_t i = 0; i < shape.size(); ++i) views.push_back({shape[i].first, shape[i].second, values[i]});
  return values;
}

}  // namespace

int main(int argc, char** argv) {
  BackendChoice choice;
  try {
    choice = parse_backend(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\nusage: sp1_pcs_prover_bench [REPS] [--backend cpu|cuda] [--device N]\n";
    return 2;
  }
  const int reps = !choice.rest.empty() ? std::max(1, std::atoi(choice.rest[0].c_str())) : 3;
  const pcs::JaggedParams params = pcs::compress_params();
  json results = json::array();
  std::unique_ptr<Backend> gpu;
  std::string device = "cpu";
  try {
    if (choice.kind == "cuda") {
      gpu = choice.make(1);
      device = gpu->describe();
    }
  } catch (const std::exception& e) {
    std::cerr << e.what() << "\n";
    return 2;
  }
  for (unsigned threads : {1u, 2u}) {
    std::unique_ptr<Backend> cpu;
    if (!gpu) cpu = make_cpu_backend(threads);
    Backend* backend = gpu ? gpu.get() : cpu.get();
    prover::PcsPhaseTimes times;
    const prover::PcsProverContext ctx{backend->stark(), threads, &times};
    for (unsigned log_area = 16; log_area <= 20; ++log_area) {
      std::mt19937_64 gen(log_area);
      std::vector<prover::TraceTable> pre_views, main_views;
      const auto pre = make_tables(uint64_t(1) << 14, gen, pre_views);
      const auto main = make_tables(uint64_t(1) << log_area, gen, main_views);
      std::vector<double> commit_ms, open_ms, commit_cpu_ms, open_cpu_ms;
      std::map<std::string, std::vector<double>> phases;
      size_t proof_values = 0;
      for (int rep = 0; rep < reps; ++rep) {
        auto t0 = Clock::now();
        double c0 = cpu_ms_now();
        std::vector<prover::JaggedCommitted<C>> rounds;
        rounds.push_back(prover::commit_jagged_round<C>(ctx, params, pre_views));
        rounds.push_back(prover::commit_jagged_round<C>(ctx, params, main_views));
        commit_ms.push_back(ms_since(t0));
        commit_cpu_ms.push_back(cpu_ms_now() - c0);

        transcript::DuplexChallenger ch;
        for (const auto& r : rounds) ch.observe_digest(r.commitment);
        const std::vector<EF> z_row = ch.sample_point(params.max_log_row_count);
        const std::vector<std::vector<EF>> claims = {prover::jagged_column_evaluations(pre_views, z_row, threads),
                                                     prover::jagged_column_evaluations(main_views, z_row, threads)};
        transcript::DuplexChallenger verifier_ch = ch;
        const std::vector<const prover::JaggedCommitted<C>*> ptrs = {&rounds[0], &rounds[1]};
        times = {};
        t0 = Clock::now();
        c0 = cpu_ms_now();
        const auto proof = prover::prove_jagged<C>(ctx, params, ptrs, z_row, claims, ch);
        open_ms.push_back(ms_since(t0));
        open_cpu_ms.push_back(cpu_ms_now() - c0);
        phases["jagged_sumcheck"].push_back(times.jagged_sumcheck_ms);
        phases["jagged_eval"].push_back(times.jagged_eval_ms);
        phases["stacked_evaluations"].push_back(times.stacked_ms);
        phases["basefold_fold"].push_back(times.basefold_fold_ms);
        phases["grinding"].push_back(times.grinding_ms);
        phases["queries"].push_back(times.queries_ms);
        if (rep == 0) {
          const std::vector<wire::InnerDigest> commitments = {rounds[0].commitment, rounds[1].commitment};
          pcs::verify_jagged<C>(params, commitments, z_row, claims, proof, verifier_ch);
          proof_values = proof.pcs_proof.basefold_proof.component_polynomials_query_openings_and_proofs[1].values.values.size();
        }
      }
      results.push_back({{"threads", threads},
                         {"log_main_area", log_area},
                         {"main_chips", main_views.size()},
                         {"commit_ms", median(commit_ms)},
                         {"open_ms", median(open_ms)},
                         {"commit_cpu_ms", median(commit_cpu_ms)},
                         {"open_cpu_ms", median(open_cpu_ms)},
                         {"open_phases_ms", phase_medians(phases)},
                         {"main_round_opened_values", proof_values}});
      std::cerr << results.back().dump() << "\n";
    }
  }
  json out = {{"bench", "sp1_pcs_prover"},
              {"backend", choice.kind},
              {"device", device},
              {"params", {{"log_stacking_height", params.stacked.log_stacking_height},
                          {"log_blowup", params.stacked.fri.log_blowup},
                          {"num_queries", params.stacked.fri.num_queries},
                          {"pow_bits", params.stacked.fri.proof_of_work_bits},
                          {"max_log_row_count", params.max_log_row_count}}},
              {"reps", reps},
              {"note", "medians in ms; preprocessed round 2^14 values; each configuration's proof verified once"},
              {"results", results}};
  std::cout << out.dump(2) << std::endl;
  return 0;
}
