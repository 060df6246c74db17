#pragma once
// What the families of sp1_kernels_bench share: the device they run on, and what
// each family reports (its parity check against the CPU prover, then its timed
// cases, each turned into one JSON row of the comparison table).
#include <cuda_runtime_api.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "backends/cuda/stark_ops_cuda.hpp"
#include "bench/harness.hpp"

namespace zkgpu::bench::sp1k {

struct Env {
  cudaStream_t stream;
  CudaStarkOps& ops;  // on `stream`: the PCS's encoding and Merkle trees
  int reps;
};

struct TimedCase {
  std::string name;                   // what was timed, in the prover's terms
  nlohmann::json shape;
  std::vector<std::string> kernels;   // the kernels (and host steps) inside the timed span
  double bytes_moved = 0;             // what those kernels read and write, each table once per kernel
  double median_ms = 0;
};

struct Family {
  std::string name;
  bool check = false;                 // the device equals the CPU prover on check_shape
  nlohmann::json check_shape;
  std::vector<TimedCase> cases;
};

// One row: {family, case, shape, median_ms, runs, bytes_moved, dram_fraction, check, kernels}.
inline nlohmann::json case_json(const Family& f, const TimedCase& c, int runs, const DeviceLimits& lim) {
  return {{"family", f.name},
          {"case", c.name},
          {"shape", c.shape},
          {"median_ms", c.median_ms},
          {"runs", runs},
          {"bytes_moved", c.bytes_moved},
          {"dram_fraction", c.bytes_moved / (c.median_ms * 1e-3) / lim.peak_dram_bytes_per_s},
          {"check", f.check ? "pass" : "fail"},
          {"kernels", c.kernels}};
}

Family jagged_family(const Env& env, const std::vector<unsigned>& log_sizes);
Family gkr_family(const Env& env, uint32_t columns, unsigned log_pairs);
Family basefold_family(const Env& env, uint32_t columns);
Family mle_fold_family(const Env& env, const std::vector<unsigned>& log_sizes);

}  // namespace zkgpu::bench::sp1k
