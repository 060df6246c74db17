#pragma once
// Random canonical values of a 31-bit field for the GPU parity tests, with the
// edge cases 0, 1 and p - 1 mixed in (each about one time in eight).
#include <cstddef>
#include <cstdint>
#include <random>
#include <vector>

namespace zkgpu::gpu_test {

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
