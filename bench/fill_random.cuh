#pragma once
// Device-side random inputs for the benchmarks: out[i] uniform-ish in [0, p),
// from a splitmix-style hash of (i + seed), so inputs never cross the bus.
#include <cstdint>

namespace zkgpu::bench {

__global__ inline void fill_random(uint32_t* out, uint64_t n, uint32_t p, uint64_t seed) {
  for (uint64_t i = blockIdx.x * uint64_t(blockDim.x) + threadIdx.x; i < n; i += uint64_t(gridDim.x) * blockDim.x) {
    uint64_t x = (i + seed) * 0x9e3779b97f4a7c15ull;
    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ull;
    x ^= x >> 29;
    out[i] = uint32_t(x % p);
  }
}

}  // namespace zkgpu::bench
