#pragma once
// Shared by the GPU parity tests: whether a CUDA device is present (tests skip
// without one) and random inputs with edge cases mixed in.
#include <cuda_runtime_api.h>

#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace zkgpu::gpu_test {

inline bool have_gpu() {
  int n = 0;
  return cudaGetDeviceCount(&n) == cudaSuccess && n > 0;
}

// Random canonical values of a 31-bit field, with 0, 1 and p - 1 each mixed in
// about one time in eight.
inline std::vector<uint32_t> random_values(size_t n, uint32_t p, std::mt19937_64& rng) {
  std::uniform_int_distribution<uint32_t> d(0, p - 1);
  std::vector<uint32_t> v(n);
  for (auto& x : v) {
    const auto k = rng() % 8;
    x = k == 0 ? 0 : k == 1 ? 1 : k == 2 ? p - 1 : d(rng);
  }
  return v;
}

}  // namespace zkgpu::gpu_test
