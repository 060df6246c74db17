#pragma once
// Shared helpers for the GPU benchmarks: event timing (median of N after a
// warm-up), the device's physical limits, and JSON output.
#include <cuda_runtime_api.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "kernels/common/cuda_error.hpp"

namespace zkgpu::bench {

// Median milliseconds of `reps` runs of `fn` on `stream`, timed with events
// after `warmup` untimed runs.
inline double median_ms(cudaStream_t stream, int reps, const std::function<void()>& fn, int warmup = 2) {
  for (int i = 0; i < warmup; ++i) fn();
  cuda::check(cudaStreamSynchronize(stream), "warm-up");
  cudaEvent_t start, stop;
  cuda::check(cudaEventCreate(&start), "event");
  cuda::check(cudaEventCreate(&stop), "event");
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    cuda::check(cudaEventRecord(start, stream), "record");
    fn();
    cuda::check(cudaEventRecord(stop, stream), "record");
    cuda::check(cudaEventSynchronize(stop), "sync");
    float ms = 0;
    cuda::check(cudaEventElapsedTime(&ms, start, stop), "elapsed");
    times.push_back(ms);
  }
  cudaEventDestroy(start);
  cudaEventDestroy(stop);
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  return times[times.size() / 2];
}

// The same for work that consumes its input (a sumcheck round binding its tables):
// `setup` runs untimed, and the stream drains, before each of the warm-up and timed
// runs of `fn`.
inline double median_ms_fresh(cudaStream_t stream, int reps, const std::function<void()>& setup,
                              const std::function<void()>& fn, int warmup = 1) {
  for (int i = 0; i < warmup; ++i) {
    setup();
    fn();
  }
  std::vector<double> times;
  for (int i = 0; i < reps; ++i) {
    setup();
    cuda::check(cudaStreamSynchronize(stream), "setup");
    times.push_back(median_ms(stream, 1, fn, 0));
  }
  std::nth_element(times.begin(), times.begin() + times.size() / 2, times.end());
  return times[times.size() / 2];
}

struct DeviceLimits {
  std::string name;
  int sm_count = 0;
  int clock_khz = 0;            // SM clock
  double peak_dram_bytes_per_s = 0;  // 2 * memory clock * bus width / 8 (DDR)
  // 32-bit integer multiply-add throughput, low word: IMAD issues at 64/clk/SM on
  // sm_80+ (16 per SM sub-partition per clock), i.e. sm_count * 64 * clock. High-word
  // and 64-bit products run at half that (bench/int_mul_rates.cuh measures all three).
  double int32_mul_per_s = 0;
};

inline DeviceLimits device_limits(int device = 0) {
  cudaDeviceProp p{};
  cuda::check(cudaGetDeviceProperties(&p, device), "cudaGetDeviceProperties");
  int mem_khz = 0, bus_bits = 0, clk = 0;
  cuda::check(cudaDeviceGetAttribute(&mem_khz, cudaDevAttrMemoryClockRate, device), "attr");
  cuda::check(cudaDeviceGetAttribute(&bus_bits, cudaDevAttrGlobalMemoryBusWidth, device), "attr");
  cuda::check(cudaDeviceGetAttribute(&clk, cudaDevAttrClockRate, device), "attr");
  DeviceLimits l;
  l.name = p.name;
  l.sm_count = p.multiProcessorCount;
  l.clock_khz = clk;
  l.peak_dram_bytes_per_s = 2.0 * mem_khz * 1e3 * (bus_bits / 8.0);
  l.int32_mul_per_s = double(p.multiProcessorCount) * 64.0 * clk * 1e3;
  return l;
}

inline nlohmann::json limits_json(const DeviceLimits& l) {
  return {{"device", l.name},
          {"sm_count", l.sm_count},
          {"sm_clock_mhz", l.clock_khz / 1000.0},
          {"peak_dram_gb_per_s", l.peak_dram_bytes_per_s / 1e9},
          {"peak_dram_note", "2 x memory clock x bus width (from device attributes)"},
          {"int32_mul_per_s", l.int32_mul_per_s},
          {"int32_mul_note", "SM count x 64 IMAD (low-word multiply) per clock x SM clock"}};
}

}  // namespace zkgpu::bench
