// BN254 Fr NTT (forward, inverse, coset) on device-resident data: CUDA events,
// median of N, next to the CPU backend on all host cores. Prints one JSON document.
//
// Bandwidth: min_bytes = n x 32 bytes read + written once; pass_bytes = what this
// design moves (permute, the shared-memory tile pass, one pass per stage above
// 2^10, the inverse's final pass), each pass reading and writing all n values,
// plus twiddle reads. Both are divided by time and by the DRAM peak.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstring>
#include <vector>

#include "backends/cpu/ntt_fr_cpu.hpp"
#include "bench/bn254_bench_inputs.hpp"
#include "bench/harness.hpp"
#include "kernels/bn254/mem_pool.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/ntt_fr/ntt_fr.hpp"

using namespace zkgpu;
using namespace zkgpu::bn254;

int main(int argc, char** argv) {
  unsigned max_log = 24, cpu_max_log = 22;
  int reps = 7;
  for (int i = 1; i < argc; ++i) {
    auto next = [&] { return i + 1 < argc ? unsigned(std::atoi(argv[++i])) : 0u; };
    if (!std::strcmp(argv[i], "--max-log")) max_log = next();
    if (!std::strcmp(argv[i], "--cpu-max-log")) cpu_max_log = next();
    if (!std::strcmp(argv[i], "--reps")) reps = int(next());
  }
  try {
    const auto lim = bench::device_limits();
    cudaStream_t stream;
    cuda::check(cudaStreamCreate(&stream), "stream");
    cuda::retain_pool_memory();  // as CudaBn254Ops does
    const unsigned cpu_threads = std::max(1u, std::thread::hardware_concurrency());
    nlohmann::json results = nlohmann::json::array();
    for (unsigned log_n = 16; log_n <= max_log; log_n += 2) {
      const size_t n = size_t(1) << log_n;
      std::vector<Fr> host(n);
      {
        const auto raw = bench::random_scalars(n, log_n);
        for (size_t i = 0; i < n; ++i) host[i] = Fr::from_canonical(raw[i]);
      }
      cuda::DeviceBuffer<Fr> in(n, stream), out(n, stream), scratch(n, stream);
      in.upload(host);
      const auto tables = cuda::ntt_fr::make_tables(log_n, stream);
      for (int mode = 0; mode < 3; ++mode) {
        const bool inverse = mode == 1, coset = mode == 2;
        const double ms = bench::median_ms(stream, reps, [&] {
          cuda::ntt_fr::ntt(*tables, in.data(), out.data(), scratch.data(), inverse, coset, stream);
        });
        const double passes = 2.0 + (log_n > 10 ? log_n - 10 : 0) + (inverse ? 1 : 0);
        const double min_bytes = 2.0 * n * sizeof(Fr);
        const double pass_bytes = passes * 2.0 * n * sizeof(Fr) + double(log_n) * n / 2 * sizeof(Fr) / 4;
        nlohmann::json j = {{"log_n", log_n},
                            {"mode", inverse ? "inverse" : coset ? "forward_coset" : "forward"},
                            {"gpu_ms", ms},
                            {"gpu_elements_per_s", n / (ms * 1e-3)},
                            {"min_bytes_fraction_of_peak", min_bytes / (ms * 1e-3) / lim.peak_dram_bytes_per_s},
                            {"pass_traffic_fraction_of_peak", pass_bytes / (ms * 1e-3) / lim.peak_dram_bytes_per_s}};
        if (log_n <= cpu_max_log) {
          std::vector<Fr> v = host;
          const auto t0 = std::chrono::steady_clock::now();
          bn254_cpu::ntt_fr(v, inverse, coset, cpu_threads);
          const double cpu_ms =
              std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
          std::vector<Fr> g(n);
          out.download(g);
          j["cpu_ms"] = cpu_ms;
          j["cpu_threads"] = cpu_threads;
          j["speedup_vs_cpu"] = cpu_ms / ms;
          j["gpu_equals_cpu"] = g == v;
        }
        results.push_back(j);
      }
    }
    nlohmann::json doc = {{"benchmark", "bn254_fr_ntt"},
                          {"limits", bench::limits_json(lim)},
                          {"reps", reps},
                          {"timing", "gpu: CUDA events, device-resident data, median; cpu: wall clock, one run"},
                          {"cpu_note", "the CPU backend runs only up to 2^" + std::to_string(cpu_max_log) +
                                           ": larger sizes take too long there"},
                          {"results", results}};
    std::cout << doc.dump(2) << std::endl;
    cudaStreamDestroy(stream);
  } catch (const std::exception& e) {
    std::cerr << "ntt_fr_bench: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
