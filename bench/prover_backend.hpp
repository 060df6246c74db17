#pragma once
// The backend a prover bench runs its StarkOps on, from `--backend cpu|cuda` and
// `--device N` (a CUDA ordinal, default 0) anywhere on the command line; the other
// arguments are returned in order. cuda where this build has no CUDA is an error.
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "backends/backend.hpp"
#if ZKGPU_HAVE_CUDA
#include "backends/cuda/cuda_backend.hpp"
#endif

namespace zkgpu::bench {

struct BackendChoice {
  std::string kind = "cpu";
  int device = 0;
  std::vector<std::string> rest;  // the positional arguments

  // For cpu, a backend with `threads` threads; for cuda, the GPU (its host parts
  // use the prover's own threads).
  std::unique_ptr<Backend> make(unsigned threads) const {
    if (kind == "cpu") return make_cpu_backend(threads);
#if ZKGPU_HAVE_CUDA
    return make_cuda_backend(device);
#else
    throw std::runtime_error("--backend cuda: this build has no CUDA");
#endif
  }
};

inline BackendChoice parse_backend(int argc, char** argv) {
  BackendChoice c;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if ((a == "--backend" || a == "--device") && i + 1 < argc) {
      const std::string v = argv[++i];
      if (a == "--device")
        c.device = std::atoi(v.c_str());
      else if (v == "cpu" || v == "cuda")
        c.kind = v;
      else
        throw std::invalid_argument("--backend must be cpu or cuda, not " + v);
    } else {
      c.rest.push_back(a);
    }
  }
  return c;
}

}  // namespace zkgpu::bench
