// BN254 MSM, G1 and G2: the CUDA Pippenger on device-resident bases and scalars
// (CUDA events, median of N) next to the CPU backend on all host cores (median of
// fewer runs), same random inputs. Prints one JSON document.
//
// Ratio to the physical limit: an estimate of the 32-bit multiply work, counted
// as windows x n mixed XYZZ additions (10 field products each; G2: 3 Fq products
// per Fq2 product) plus the bucket reduction (2 additions of 14 products per
// bucket), each Fq product costing 2 x 8 x 8 = 128 32x32-bit multiplies, divided
// by the device's 32-bit multiply throughput.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <chrono>
#include <thread>
#include <cstring>
#include <string>
#include <vector>

#include "math/bn254/msm_cpu.hpp"
#include "bench/bn254_bench_inputs.hpp"
#include "bench/harness.hpp"
#include "kernels/bn254/mem_pool.hpp"
#include "kernels/common/device_buffer.hpp"
#include "kernels/msm/msm.hpp"
#include "math/bn254/msm_digits.hpp"

using namespace zkgpu;
using namespace zkgpu::bn254;

namespace {

template <class F>
nlohmann::json run_case(const char* group, const Affine<F>& g, unsigned log_n, bool with_cpu, int reps,
                        cudaStream_t stream, const bench::DeviceLimits& lim, unsigned cpu_threads) {
  const size_t n = size_t(1) << log_n;
  const auto bases = bench::random_points(g, n, 1000 + log_n);
  const auto scalars = bench::random_scalars(n, 2000 + log_n);
  cuda::DeviceBuffer<Affine<F>> d_bases(n, stream);
  cuda::DeviceBuffer<FrRaw> d_scalars(n, stream);
  d_bases.upload(bases);
  d_scalars.upload(scalars);
  Jacobian<F> gpu_result;
  const double gpu_ms = bench::median_ms(stream, reps, [&] {
    gpu_result = cuda::msm::msm<F>(d_bases.data(), d_scalars.data(), n, stream);
  }, 1);
  // The two halves on their own: the scalar side (digits, sort, level layout),
  // which Groth16 shares between MSMs, and the point side on a ready decomposition.
  const double decomposition_ms = bench::median_ms(stream, reps, [&] {
    (void)cuda::msm::Decomposition(d_scalars.data(), n, stream);
  }, 1);
  const cuda::msm::Decomposition digits(d_scalars.data(), n, stream);
  const double points_ms = bench::median_ms(stream, reps, [&] {
    (void)cuda::msm::msm<F>(d_bases.data(), digits, stream);
  }, 1);

  const unsigned c = cuda::msm::window_bits(n);
  const double windows = msm_window_count(c);
  const double fq_per_f = std::is_same_v<F, Fq> ? 1.0 : 3.0;
  const double fq_products = fq_per_f * (windows * double(n) * 10.0 + windows * double(1u << (c - 1)) * 2.0 * 14.0);
  const double int32_muls = fq_products * 128.0;

  nlohmann::json j = {{"group", group},
                      {"log_n", log_n},
                      {"n", n},
                      {"window_bits", c},
                      {"gpu_ms", gpu_ms},
                      {"gpu_decomposition_ms", decomposition_ms},
                      {"gpu_points_ms", points_ms},
                      {"gpu_points_per_s", double(n) / (gpu_ms * 1e-3)},
                      {"gpu_int32_mul_fraction_of_peak", int32_muls / (gpu_ms * 1e-3) / lim.int32_mul_per_s}};
  if (with_cpu) {
    std::vector<double> times;
    Jacobian<F> cpu_result;
    const int cpu_reps = log_n <= 18 ? 3 : 1;
    for (int r = 0; r < cpu_reps; ++r) {
      const auto t0 = std::chrono::steady_clock::now();
      cpu_result = bn254_cpu::msm_pippenger<F>(bases, scalars, cpu_threads);
      times.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    const double cpu_ms = times[times.size() / 2];
    j["cpu_ms"] = cpu_ms;
    j["cpu_threads"] = cpu_threads;
    j["speedup_vs_cpu"] = cpu_ms / gpu_ms;
    j["gpu_equals_cpu"] = gpu_result.to_affine() == cpu_result.to_affine();
  }
  return j;
}

// GPU time for window sizes around the default: the data behind window_bits().
template <class F>
nlohmann::json window_sweep(const Affine<F>& g, unsigned log_n, int reps, cudaStream_t stream) {
  const size_t n = size_t(1) << log_n;
  const auto bases = bench::random_points(g, n, 3000 + log_n);
  const auto scalars = bench::random_scalars(n, 4000 + log_n);
  cuda::DeviceBuffer<Affine<F>> d_bases(n, stream);
  cuda::DeviceBuffer<FrRaw> d_scalars(n, stream);
  d_bases.upload(bases);
  d_scalars.upload(scalars);
  const unsigned c0 = cuda::msm::window_bits(n);
  nlohmann::json times = nlohmann::json::object();
  for (unsigned c = std::max(4u, c0 - 2); c <= std::min(20u, c0 + 2); ++c) {
    const double ms = bench::median_ms(stream, reps, [&] {
      (void)cuda::msm::msm<F>(d_bases.data(), d_scalars.data(), n, stream, c);
    }, 1);
    times[std::to_string(c)] = ms;
  }
  return {{"log_n", log_n}, {"default_window_bits", c0}, {"gpu_ms_by_window_bits", times}};
}

}  // namespace

int main(int argc, char** argv) {
  unsigned g1_min = 16, g1_max = 22, g2_max = 22, cpu_g1_max = 20, cpu_g2_max = 18, sweep_max = 0;
  int reps = 5;
  for (int i = 1; i < argc; ++i) {
    auto next = [&] { return i + 1 < argc ? unsigned(std::atoi(argv[++i])) : 0u; };
    if (!std::strcmp(argv[i], "--g1-min")) g1_min = next();
    if (!std::strcmp(argv[i], "--g1-max")) g1_max = next();
    if (!std::strcmp(argv[i], "--g2-max")) g2_max = next();
    if (!std::strcmp(argv[i], "--cpu-g1-max")) cpu_g1_max = next();
    if (!std::strcmp(argv[i], "--cpu-g2-max")) cpu_g2_max = next();
    if (!std::strcmp(argv[i], "--reps")) reps = int(next());
    if (!std::strcmp(argv[i], "--sweep-max")) sweep_max = next();
  }
  try {
    const auto lim = bench::device_limits();
    cudaStream_t stream;
    cuda::check(cudaStreamCreate(&stream), "stream");
    cuda::retain_pool_memory();  // as CudaBn254Ops does
    const unsigned cpu_threads = std::max(1u, std::thread::hardware_concurrency());
    nlohmann::json results = nlohmann::json::array();
    for (unsigned k = g1_min; k <= g1_max; k += 2)
      results.push_back(run_case<Fq>("G1", g1_generator(), k, k <= cpu_g1_max, reps, stream, lim, cpu_threads));
    for (unsigned k = 16; k <= g2_max; k += 2)
      results.push_back(run_case<Fq2>("G2", g2_generator(), k, k <= cpu_g2_max, reps, stream, lim, cpu_threads));
    nlohmann::json sweep = nlohmann::json::array();
    for (unsigned k = 16; k <= sweep_max; k += 2) sweep.push_back(window_sweep<Fq>(g1_generator(), k, reps, stream));
    nlohmann::json doc = {{"benchmark", "bn254_msm"},
                          {"limits", bench::limits_json(lim)},
                          {"reps", reps},
                          {"timing", "gpu: CUDA events around msm() on device-resident inputs, median; cpu: wall clock"},
                          {"cpu_note", "the CPU backend runs only up to G1 2^" + std::to_string(cpu_g1_max) +
                                           " and G2 2^" + std::to_string(cpu_g2_max) + ": larger sizes take too long there"},
                          {"results", results},
                          {"g1_window_sweep", sweep}};
    std::cout << doc.dump(2) << std::endl;
    cudaStreamDestroy(stream);
  } catch (const std::exception& e) {
    std::cerr << "msm_bench: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
