// The SP1 shard prover's CUDA kernels (kernels/sp1, driven as sp1/prover_cuda
// drives them) at the shapes SP1's own kernels are timed at, for a side-by-side
// table: the jagged sumcheck, one LogUp-GKR layer, BaseFold's batching and commit
// phase, and the first fold of base-field multilinears. Each family first checks
// the device against the CPU prover on a small input ("check": pass/fail), then
// times its cases with CUDA events (warm-up, median of --reps runs, data resident
// on the device). One JSON document on stdout; exit 1 if a check fails.
//
//   sp1_kernels_bench [--reps N] [--family jagged|gkr|basefold|mle_fold] [--quick]
//                     [--basefold-cols N] [--gkr-columns N] [--gkr-log-pairs N]
#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "bench/sp1_kernels/family.hpp"

using namespace zkgpu;
using namespace zkgpu::bench::sp1k;

int main(int argc, char** argv) {
  int reps = 7;
  bool quick = false;
  std::string only;
  uint32_t basefold_cols = 64, gkr_columns = 96;
  unsigned gkr_log_pairs = 20;
  for (int i = 1; i < argc; ++i) {
    const bool more = i + 1 < argc;
    if (!std::strcmp(argv[i], "--reps") && more) reps = std::max(1, std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--family") && more) only = argv[++i];
    else if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--basefold-cols") && more) basefold_cols = uint32_t(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--gkr-columns") && more) gkr_columns = uint32_t(std::atoi(argv[++i]));
    else if (!std::strcmp(argv[i], "--gkr-log-pairs") && more) gkr_log_pairs = unsigned(std::atoi(argv[++i]));
    else {
      std::cerr << "unknown or incomplete argument: " << argv[i] << "\n";
      return 2;
    }
  }
  if (quick) gkr_log_pairs = std::min(gkr_log_pairs, 14u);
  try {
    const auto lim = bench::device_limits();
    cudaStream_t stream;
    cuda::check(cudaStreamCreate(&stream), "stream");
    nlohmann::json rows = nlohmann::json::array(), checks = nlohmann::json::object();
    bool all_pass = true;
    {
      CudaStarkOps ops(stream);
      const Env env{stream, ops, reps};
      auto run = [&](const std::string& key, auto&& family) {
        if (!only.empty() && only != key) return;
        const Family f = family();
        checks[f.name] = {
            {"check", f.check ? "pass" : "fail"}, {"against", "the CPU prover"}, {"shape", f.check_shape}};
        all_pass = all_pass && f.check;
        for (const TimedCase& c : f.cases) rows.push_back(case_json(f, c, reps, lim));
      };
      const std::vector<unsigned> jagged_sizes = quick ? std::vector<unsigned>{16} : std::vector<unsigned>{22, 24, 26};
      const std::vector<unsigned> fold_sizes = quick ? std::vector<unsigned>{16} : std::vector<unsigned>{24, 26};
      run("jagged", [&] { return jagged_family(env, jagged_sizes); });
      run("gkr", [&] { return gkr_family(env, gkr_columns, gkr_log_pairs); });
      run("basefold", [&] { return basefold_family(env, basefold_cols); });
      run("mle_fold", [&] { return mle_fold_family(env, fold_sizes); });
    }
    cuda::check(cudaStreamDestroy(stream), "stream");
    nlohmann::json doc = {
        {"benchmark", "sp1_kernels"},
        {"limits", bench::limits_json(lim)},
        {"reps", reps},
        {"timing", "CUDA events on the prover's stream around each case; warm-up first, median of reps; cases that "
                   "bind or fold their tables get fresh tables (not timed) before every run"},
        {"bytes_moved_note", "bytes the case's kernels read and write, each table once per kernel (extension "
                             "elements 16 B, base 4 B); dram_fraction = bytes_moved / median time / peak DRAM; "
                             "BaseFold's commit cases hash with Poseidon2 and are not bound by DRAM"},
        {"checks", checks},
        {"cases", rows}};
    std::cout << doc.dump(2) << std::endl;
    return all_pass ? 0 : 1;
  } catch (const std::exception& e) {
    std::cout << nlohmann::json{{"benchmark", "sp1_kernels"}, {"error", e.what()}}.dump(2) << std::endl;
    return 1;
  }
}
